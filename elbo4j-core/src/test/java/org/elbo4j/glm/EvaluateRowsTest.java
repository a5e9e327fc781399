package org.elbo4j.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Family#evaluateRows}, the whole-data pass of a fit, against {@link Family#evaluate} row by
 * row: the bernoulli logit loop (one exponential and one logarithm per row) to 4e-16 relative in
 * each row's ℓ (a few ulp; ℓ's of order e^{−40} included; plus 4e-308 absolute: beyond |η| = 708
 * the loop's t is e^{−708}) and 4e-16 absolute in ∂ℓ/∂η (p to an ulp), at η from −800 to 800; every other family through the default loop, equal to the row sum
 * in row order bit for bit, with the auxiliary gradient summed.
 */
class EvaluateRowsTest {

    private static final double[] ETAS = {0, -0.0, 1e-300, -1e-300, 1e-10, -1e-10, 0.3, -0.3, 2.5, -2.5, 17, -17,
        36.7, -36.7, 40, -40, 745, -745, 800, -800};

    @Test
    void bernoulliLogitRowsMatchTheScalarFamily() {
        Family f = Families.parse("bernoulli");
        Derivatives d = new Derivatives();
        for (double eta : ETAS) {
            for (double y = 0; y <= 1; y++) {
                double[] deta = new double[1];
                double[] values = new double[1];
                double value = f.evaluateRows(new double[] {y}, null, new double[] {eta}, 1, null, deta, null, values);
                f.evaluate(y, 1, eta, null, d);
                assertEquals(d.value, value, 4e-16 * Math.abs(d.value) + 4e-308, "value at eta " + eta + ", y " + y);
                assertEquals(value, values[0], 0.0, "row value at eta " + eta + ", y " + y);
                assertEquals(d.eta, deta[0], 4e-16, "d/deta at eta " + eta + ", y " + y);
            }
        }
    }

    @Test
    void defaultRowsAreTheRowSum() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 50;
        double[] eta = new double[n];
        double[] y = new double[n];
        double[] trials = new double[n];
        for (int i = 0; i < n; i++) {
            eta[i] = rng.nextDouble() * 2 - 1;
            trials[i] = 1 + rng.nextInt(5);
        }
        for (String name : new String[] {"gaussian", "poisson", "binomial", "bernoulli(probit)", "gamma"}) {
            Family f = Families.parse(name);
            for (int i = 0; i < n; i++) {
                y[i] = switch (name) {
                    case "poisson" -> rng.nextInt(6);
                    case "binomial" -> rng.nextInt((int) trials[i] + 1);
                    case "bernoulli(probit)" -> rng.nextInt(2);
                    case "gamma" -> 0.1 + rng.nextDouble();
                    default -> rng.nextGaussian();
                };
            }
            double[] logAux = {0.2, 0};
            double[] t = name.equals("binomial") ? trials : null;
            double[] deta = new double[n];
            double[] auxGrad = {7, 7};
            double[] values = new double[n];
            double value = f.evaluateRows(y, t, eta, n, logAux, deta, auxGrad, values);
            Derivatives d = new Derivatives();
            double sum = 0;
            double aux = 0;
            for (int i = 0; i < n; i++) {
                f.evaluate(y[i], t == null ? 1 : t[i], eta[i], logAux, d);
                sum += d.value;
                aux += d.aux[0];
                assertEquals(d.eta, deta[i], 0.0, name + " row " + i);
                assertEquals(d.value, values[i], 0.0, name + " row value " + i);
            }
            assertEquals(sum, value, 0.0, name);
            if (!f.auxNames().isEmpty()) {
                assertEquals(aux, auxGrad[0], 0.0, name + " aux");
            }
        }
    }
}
