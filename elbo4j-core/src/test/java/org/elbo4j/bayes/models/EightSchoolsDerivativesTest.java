package org.elbo4j.bayes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The exact derivatives of {@link EightSchools} ({@code curvature}), deterministic (fixed seeds):
 * ℓ against the tensor path ({@code logJoint} at μ, τ = e^s, θ̃ plus the log-Jacobian s), the
 * gradient against central finite differences of ℓ, the negative Hessian against central finite
 * differences of the gradient, and the length check. Points cover s = log τ from −3 to 3.
 * Tolerances: 1e-4 relative (plus 1e-4 absolute) against the float32 tensor path; 1e-6
 * relative plus 1e-6 absolute for the double finite differences (step 1e-5: truncation error
 * ~1e-10 · |ℓ'''|, rounding ~1e-16 · |ℓ| / 1e-5 ≈ 1e-9).
 */
class EightSchoolsDerivativesTest {

    private static final double STEP = 1e-5;
    private static final double[] S_VALUES = {-3.0, -1.5, 0.0, 1.0, 2.0, 3.0};

    /** The classic data and a small non-classic data set (J = 3). */
    private static EightSchools[] models() {
        return new EightSchools[] {
            EightSchools.classic(),
            EightSchools.of(new double[] {-2.5, 4.0, 11.0}, new double[] {3.0, 0.5, 7.0})
        };
    }

    /** Points u = (μ, s, t_1..t_J): μ ~ N(0, 5²), s from {@link #S_VALUES}, t_j ~ N(0, 1). */
    private static double[][] points(int schools, long seed) {
        Rng rng = Rng.of(seed);
        double[][] u = new double[S_VALUES.length][schools + 2];
        for (int p = 0; p < S_VALUES.length; p++) {
            u[p][0] = 5 * rng.nextGaussian();
            u[p][1] = S_VALUES[p];
            for (int j = 0; j < schools; j++) {
                u[p][2 + j] = rng.nextGaussian();
            }
        }
        return u;
    }

    @Test
    void valueEqualsTheTensorLogJointPlusLogJacobian() {
        long seed = 11;
        for (EightSchools model : models()) {
            int schools = model.observationCount();
            double[][] u = points(schools, seed++);
            int m = u.length;
            double[] mu = new double[m];
            double[] tau = new double[m];
            double[] thetaTilde = new double[m * schools];
            for (int p = 0; p < m; p++) {
                mu[p] = u[p][0];
                tau[p] = Math.exp(u[p][1]);
                System.arraycopy(u[p], 2, thetaTilde, p * schools, schools);
            }
            Map<String, Tensor> values = new LinkedHashMap<>();
            values.put("mu", Tensor.of(mu, m));
            values.put("tau", Tensor.of(tau, m));
            values.put("thetaTilde", Tensor.of(thetaTilde, m, schools));
            float[] joint = model.logJoint(ParameterValues.of(values), Minibatch.full(schools)).data();
            for (int p = 0; p < m; p++) {
                double expected = joint[p] + u[p][1];
                double actual = model.curvature(u[p], null, null);
                assertEquals(expected, actual, 1e-4 * Math.max(1, Math.abs(expected)), "point " + p + ", J = " + schools);
            }
        }
    }

    @Test
    void gradientAndNegativeHessianMatchFiniteDifferences() {
        long seed = 23;
        for (EightSchools model : models()) {
            int d = model.observationCount() + 2;
            for (double[] u : points(d - 2, seed++)) {
                double[] g = new double[d];
                double[][] h = new double[d][d];
                double value = model.curvature(u, g, h);
                assertEquals(value, model.curvature(u, null, null), 0.0, "value independent of the outputs");
                for (int i = 0; i < d; i++) {
                    double[] plus = u.clone();
                    double[] minus = u.clone();
                    plus[i] += STEP;
                    minus[i] -= STEP;
                    String where = "s = " + u[1] + ", J = " + (d - 2) + ", coordinate ";
                    double fd = (model.curvature(plus, null, null) - model.curvature(minus, null, null)) / (2 * STEP);
                    assertEquals(fd, g[i], 1e-6 * (1 + Math.abs(fd)), where + i);
                    double[] gPlus = new double[d];
                    double[] gMinus = new double[d];
                    model.curvature(plus, gPlus, null);
                    model.curvature(minus, gMinus, null);
                    for (int j = 0; j < d; j++) {
                        double fdHess = -(gPlus[j] - gMinus[j]) / (2 * STEP);
                        assertEquals(fdHess, h[i][j], 1e-6 * (1 + Math.abs(fdHess)), where + i + "," + j);
                        assertEquals(h[i][j], h[j][i], 0.0, "symmetry " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void wrongLengthThrows() {
        EightSchools model = EightSchools.classic();
        assertThrows(IllegalArgumentException.class, () -> model.curvature(new double[9], null, null));
        assertThrows(IllegalArgumentException.class, () -> model.curvature(new double[11], new double[11], null));
        assertThrows(IllegalArgumentException.class, () -> model.curvature(new double[8], null, null));
    }
}
