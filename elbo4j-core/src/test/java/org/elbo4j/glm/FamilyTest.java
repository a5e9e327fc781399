package org.elbo4j.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Every family's log-likelihood against scipy.stats (the output of {@code tools/glm_reference.py},
 * scipy 1.10, pasted below; relative tolerance 1e-10), and its first and second derivatives in η
 * and the log auxiliary parameters against central differences of the value and of the first
 * derivatives (h = 1e-5; tolerance 1e-6 relative to max(1, |value|)).
 */
class FamilyTest {

    /** family link y trials eta logAux1 logAux2 loglik. */
    static final String CASES = """
gaussian identity 1.3 1.0 0.4 -0.35667494393873245 0.0 -1.3887942015108383
gaussian identity -2.0 1.0 1.5 1.0986122886681096 0.0 -2.698106377428338
student identity 1.3 1.0 0.4 -0.35667494393873245 1.3862943611198906 -1.4889114264650471
student identity -5.0 1.0 1.0 0.6931471805599453 0.4054651081081644 -4.202185151710977
bernoulli logit 1.0 1.0 0.8 0.0 0.0 -0.3711006659477777
bernoulli logit 0.0 1.0 0.8 0.0 0.0 -1.1711006659477778
bernoulli logit 1.0 1.0 -40.0 0.0 0.0 -40.0
bernoulli probit 1.0 1.0 0.8 0.0 0.0 -0.23807370162332803
bernoulli probit 0.0 1.0 0.8 0.0 0.0 -1.5518513191877767
bernoulli probit 1.0 1.0 -12.0 0.0 0.0 -75.41067300156881
binomial logit 3.0 10.0 -0.3 0.0 0.0 -1.656060701903225
binomial probit 7.0 12.0 0.5 0.0 0.0 -1.7876223231742632
poisson log 0.0 1.0 0.3 0.0 0.0 -1.3498588075760032
poisson log 17.0 1.0 2.5 0.0 0.0 -3.187567410840364
negbinomial log 4.0 1.0 1.2 0.916290731874155 0.0 -2.1580300951106985
negbinomial log 0.0 1.0 -0.5 -1.203972804325936 0.0 -0.3317527131130701
gamma log 2.5 1.0 0.7 1.0986122886681096 0.0 -1.3891186292428774
gamma log 0.01 1.0 -1.0 -0.6931471805599453 0.0 1.8700551506470782
beta logit 0.3 1.0 -0.4 1.6094379124341003 0.0 0.5652827189048306
beta logit 0.97 1.0 2.0 -0.2231435513142097 0.0 0.7758011623013878
""";

    private static double[] row(String[] f) {
        double[] v = new double[f.length - 2];
        for (int i = 2; i < f.length; i++) {
            v[i - 2] = Double.parseDouble(f[i]);
        }
        return v;
    }

    @Test
    void logLikelihoodMatchesScipy() {
        int n = 0;
        for (String line : CASES.strip().split("\n")) {
            String[] f = line.trim().split(" ");
            double[] v = row(f);
            Family family = Families.of(f[0], f[1]);
            double got = family.logLikelihood(v[0], v[1], v[2], new double[] {v[3], v[4]});
            assertEquals(v[5], got, 1e-10 * Math.max(1, Math.abs(v[5])), line);
            n++;
        }
        assertEquals(20, n);
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        double h = 1e-5;
        for (String line : CASES.strip().split("\n")) {
            String[] f = line.trim().split(" ");
            double[] v = row(f);
            Family family = Families.of(f[0], f[1]);
            int aux = family.auxNames().size();
            double[] x = {v[2], v[3], v[4]};
            double[] g = gradient(family, v, x);
            double[][] hess = hessian(family, v, x);
            for (int i = 0; i <= aux; i++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[i] += h;
                down[i] -= h;
                double fd = (value(family, v, up) - value(family, v, down)) / (2 * h);
                assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), line + " d/dx" + i);
                double[] gu = gradient(family, v, up);
                double[] gd = gradient(family, v, down);
                for (int j = 0; j <= aux; j++) {
                    double fd2 = (gu[j] - gd[j]) / (2 * h);
                    assertEquals(fd2, hess[i][j], 1e-6 * Math.max(1, Math.abs(fd2)), line + " d2/dx" + i + "dx" + j);
                }
            }
        }
    }

    private static double value(Family family, double[] v, double[] x) {
        return family.logLikelihood(v[0], v[1], x[0], new double[] {x[1], x[2]});
    }

    private static double[] gradient(Family family, double[] v, double[] x) {
        Derivatives d = new Derivatives();
        family.evaluate(v[0], v[1], x[0], new double[] {x[1], x[2]}, d);
        return new double[] {d.eta, d.aux[0], d.aux[1]};
    }

    private static double[][] hessian(Family family, double[] v, double[] x) {
        Derivatives d = new Derivatives();
        family.evaluate(v[0], v[1], x[0], new double[] {x[1], x[2]}, d);
        return new double[][] {{d.etaEta, d.etaAux[0], d.etaAux[1]}, {d.etaAux[0], d.auxAux[0][0], d.auxAux[0][1]},
            {d.etaAux[1], d.auxAux[1][0], d.auxAux[1][1]}};
    }

    @Test
    void rejectsResponsesOutsideTheSupport() {
        assertEquals("poisson: y must be a count (an integer >= 0), got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Families.of("poisson", null).check(-1, 1))
                        .getMessage());
        assertEquals("beta: y must be in the open interval (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> Families.of("beta", null).check(1, 1))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Families.of("bernoulli", null).check(2, 1));
        assertThrows(IllegalArgumentException.class, () -> Families.of("binomial", null).check(5, 4));
        assertThrows(IllegalArgumentException.class, () -> Families.of("poisson", "identity"));
        assertThrows(IllegalArgumentException.class, () -> Families.parse("weibull"));
        assertEquals("probit", Families.parse("bernoulli(probit)").link());
    }
}
