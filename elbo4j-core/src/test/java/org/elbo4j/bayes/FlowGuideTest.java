package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.elbo4j.dist.TransformTest;
import org.junit.jupiter.api.Test;

/**
 * {@link FlowGuide}, {@link AffineAutoregressiveLayer} and {@link SinhArcsinhLayer} (the skewed
 * flow and softplus conditioners, each test run with and without them) against independent computations: log q
 * of a draw against the change of variables with a central-difference Jacobian determinant, the
 * θ-gradient of {@link FlowGuide#pullBack} against central differences, and the identity flow
 * against the base Gaussian. Fixed seeds; no statistics (deterministic tolerances).
 */
class FlowGuideTest {

    private static final int D = 6;

    /** A base Gaussian with a random lower-triangular factor and random flow parameters of size {@code scale}. */
    static FlowGuide randomFlow(long seed, int layers, double scale) {
        return randomFlow(seed, layers, scale, false);
    }

    /** As {@link #randomFlow(long, int, double)}, with sinh–arcsinh layers when {@code skew}. */
    static FlowGuide randomFlow(long seed, int layers, double scale, boolean skew) {
        return randomFlow(seed, layers, scale, skew, false);
    }

    /** As {@link #randomFlow(long, int, double, boolean)}, with softplus features when {@code softplus}. */
    static FlowGuide randomFlow(long seed, int layers, double scale, boolean skew, boolean softplus) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] mean = new double[D];
        double[][] lower = new double[D][D];
        for (int i = 0; i < D; i++) {
            mean[i] = r.nextDouble(-1, 1);
            for (int j = 0; j < i; j++) {
                lower[i][j] = r.nextDouble(-0.5, 0.5);
            }
            lower[i][i] = r.nextDouble(0.3, 1.5);
        }
        FlowGuide f = FlowGuide.of(new UnconstrainedGaussian(names(), mean, multiply(lower)), layers, skew, softplus);
        double[] theta = f.params();
        for (int i = 0; i < theta.length; i++) {
            theta[i] = scale * r.nextDouble(-1, 1);
        }
        return f;
    }

    static List<String> names() {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < D; i++) {
            n.add("u[" + i + "]");
        }
        return n;
    }

    private static double[][] multiply(double[][] l) {
        double[][] c = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                for (int k = 0; k < D; k++) {
                    c[i][j] += l[i][k] * l[j][k];
                }
            }
        }
        return c;
    }

    private static double[] gaussianNoise(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] eps = new double[D];
        for (int i = 0; i < D; i++) {
            eps[i] = r.nextDouble(-2, 2);
        }
        return eps;
    }

    @Test
    void logDensityOfADrawIsTheChangeOfVariablesWithANumericJacobian() {
        for (long seed = 1; seed <= 12; seed++) {
            FlowGuide f = randomFlow(seed, 3, 0.4, seed % 2 == 0, seed % 3 == 0);
            double[] eps = gaussianNoise(100 + seed);
            double[] u = new double[D];
            double logQ = f.draw(eps, u);
            double h = 1e-4;
            double[][] jac = new double[D][D];
            double[] up = new double[D];
            double[] um = new double[D];
            double[] up2 = new double[D];
            double[] um2 = new double[D];
            for (int j = 0; j < D; j++) {
                double[] e = eps.clone();
                e[j] = eps[j] + h;
                f.draw(e, up);
                e[j] = eps[j] - h;
                f.draw(e, um);
                e[j] = eps[j] + 2 * h;
                f.draw(e, up2);
                e[j] = eps[j] - 2 * h;
                f.draw(e, um2);
                for (int i = 0; i < D; i++) {
                    // fourth-order central difference: error O(h⁴) ≈ 1e-16 relative
                    jac[i][j] = (8 * (up[i] - um[i]) - (up2[i] - um2[i])) / (12 * h);
                }
            }
            double logN = -0.5 * D * Math.log(2 * Math.PI);
            for (double e : eps) {
                logN -= 0.5 * e * e;
            }
            assertEquals(logN - TransformTest.logAbsDet(jac), logQ, 1e-8, "seed " + seed + " " + f);
        }
    }

    @Test
    void pullBackIsTheGradientOfTheLinearisedObjectiveInTheFlowParameters() {
        for (long seed = 1; seed <= 8; seed++) {
            FlowGuide f = randomFlow(10 + seed, 3, 0.3, seed % 2 == 0, seed > 4);
            double[] eps = gaussianNoise(200 + seed);
            SplittableRandom r = new SplittableRandom(300 + seed);
            double[] c = new double[D];
            for (int i = 0; i < D; i++) {
                c[i] = r.nextDouble(-1, 1);
            }
            double weight = 0.7;
            double[] grad = new double[f.params().length];
            f.draw(eps, new double[D]);
            f.pullBack(c, weight, grad);
            double[] theta = f.params();
            double h = 1e-6;
            double worst = 0;
            for (int k = 0; k < theta.length; k++) {
                double keep = theta[k];
                theta[k] = keep + h;
                double plus = objective(f, eps, c, weight);
                theta[k] = keep - h;
                double minus = objective(f, eps, c, weight);
                theta[k] = keep;
                double fd = (plus - minus) / (2 * h);
                worst = Math.max(worst, Math.abs(fd - grad[k]) / Math.max(1, Math.abs(fd)));
            }
            // central differences with h = 1e-6: truncation ~1e-12, rounding ~1e-10
            assertEquals(0, worst, 1e-7, "seed " + seed + " " + f);
        }
    }

    /** c · u(θ, ε) + weight · Σ_k log |det ∂T_k/∂x| = c · u + weight · (log N(ε) − log det L − log q). */
    private static double objective(FlowGuide f, double[] eps, double[] c, double weight) {
        double[] u = new double[D];
        double logQ = f.draw(eps, u);
        FlowGuide identity = FlowGuide.of(f.base(), 1);
        double baseLogQ = identity.draw(eps, new double[D]);
        double s = weight * (baseLogQ - logQ);
        for (int i = 0; i < D; i++) {
            s += c[i] * u[i];
        }
        return s;
    }

    @Test
    void theIdentityFlowIsTheBaseGaussian() {
        for (boolean skew : new boolean[] {false, true}) {
            identityIsTheBase(randomFlow(42, 4, 0, skew, false));
            identityIsTheBase(randomFlow(42, 4, 0, skew, true));
        }
    }

    private static void identityIsTheBase(FlowGuide f) {
        UnconstrainedGaussian base = f.base();
        double[][] l = DenseCholesky.of(base.covariance()).lower();
        double[] mean = base.mean();
        double logDet = 0;
        for (int i = 0; i < D; i++) {
            logDet += Math.log(l[i][i]);
        }
        for (long seed = 0; seed < 5; seed++) {
            double[] eps = gaussianNoise(500 + seed);
            double[] u = new double[D];
            double logQ = f.draw(eps, u);
            double expectedLogQ = -0.5 * D * Math.log(2 * Math.PI) - logDet;
            for (int i = 0; i < D; i++) {
                double s = mean[i];
                for (int j = 0; j <= i; j++) {
                    s += l[i][j] * eps[j];
                }
                assertEquals(s, u[i], 1e-14 * Math.max(1, Math.abs(s)), "u[" + i + "]");
                expectedLogQ -= 0.5 * eps[i] * eps[i];
            }
            assertEquals(expectedLogQ, logQ, 1e-12);
        }
    }

    @Test
    void rejectsNoLayersAndAPointMass() {
        UnconstrainedGaussian base = randomFlow(1, 1, 0).base();
        assertThrows(IllegalArgumentException.class, () -> FlowGuide.of(base, 0));
        UnconstrainedGaussian point = new UnconstrainedGaussian(names(), new double[D], new double[D][D]);
        assertThrows(IllegalArgumentException.class, () -> FlowGuide.of(point, 2));
    }
}
