package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.elbo4j.bayes.GaussianGuide;
import org.elbo4j.bayes.MeanFieldGuide;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Normal;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link GaussianElbo} on the linear-Gaussian model: each form's mean against the closed-form
 * ELBO ({@link LinearGaussian#exactElbo}), each gradient against central finite differences of
 * what it differentiates (noise held fixed), and the tensor-graph estimators of {@link Svi}
 * ({@link MonteCarloElbo}, {@link EntropyElbo}, {@link AnalyticKlElbo}, {@link IwaeBound}) against
 * the double ones on the same draws (float32 against double: 1e−4 relative).
 *
 * <p>Means are compared at 5 standard errors: false-failure rate ≈ 6e−7 per comparison for a
 * fresh seed under the CLT (9 comparisons).
 */
class GaussianElboTest {

    private static final LogDensity JOINT = LinearGaussianDensity.of(true);
    private static final LogDensity LIKELIHOOD = LinearGaussianDensity.of(false);
    private static final double[][][] GUIDES = {
        {{0.0, 0.0}, {1.0, 1.0}},
        {{0.5, -0.3}, {0.4, 0.7}},
        {{-1.0, 2.0}, {0.1, 2.5}},
    };

    private static MeanFieldGuide meanField(double[] m, double[] s) {
        MeanFieldGuide q = MeanFieldGuide.of(m, 1);
        for (int i = 0; i < m.length; i++) {
            q.params()[m.length + i] = Math.log(s[i]);
        }
        return q;
    }

    @Test
    void everyFormEstimatesTheExactElbo() {
        int reps = 4000;
        for (double[][] g : GUIDES) {
            MeanFieldGuide q = meanField(g[0], g[1]);
            GaussianElbo elbo = GaussianElbo.of(2, 2);
            double exact = LinearGaussian.exactElbo(LinearGaussian.X, g[0], g[1]);
            double[][] stats = new double[3][2];
            Random r = new Random(21);
            for (int t = 0; t < reps; t++) {
                double[] eps = LinearGaussianDensity.noise(r, 1, 2);
                double[][] joint = LinearGaussianDensity.evaluate(JOINT, q, eps, 1);
                double[][] lik = LinearGaussianDensity.evaluate(LIKELIHOOD, q, eps, 1);
                double[] forms = {
                    GaussianElbo.value(joint[1], 1, q.entropy(), 0),
                    elbo.jointMinusGuide(q, eps, joint[1], 1, 0),
                    elbo.analyticKl(q, eps, lik[1], lik[2], 1, null),
                };
                for (int f = 0; f < 3; f++) {
                    stats[f][0] += forms[f];
                    stats[f][1] += forms[f] * forms[f];
                }
            }
            for (int f = 0; f < 3; f++) {
                double mean = stats[f][0] / reps;
                double se = Math.sqrt(Math.max(0, stats[f][1] / reps - mean * mean) / (reps - 1));
                assertEquals(exact, mean, 5 * se + 1e-12, "form " + f + " at m = " + Arrays.toString(g[0]));
            }
        }
    }

    /** Entropy form with a control variate (a = 0.3), its STL variant and the analytic-KL form. */
    @Test
    void gradientsAreDerivativesOfTheEstimates() {
        int m = 3;
        double a = 0.3;
        for (GaussianGuide q : LinearGaussianDensity.guides(31)) {
            double[] eps = LinearGaussianDensity.noise(new Random(32), m, q.noiseDim());
            GaussianElbo elbo = GaussianElbo.of(q.dim(), q.noiseDim());
            int n = q.params().length;
            double[][] at = LinearGaussianDensity.evaluate(JOINT, q, eps, m);
            double[] grad = new double[n];
            elbo.gradient(q, eps, at[0], at[2], m, a, false, grad);
            GaussianIwaeTest.assertMatchesFiniteDifferences(q, grad, g -> {
                double[][] e = LinearGaussianDensity.evaluate(JOINT, g, eps, m);
                double squares = 0;
                for (double v : e[0]) {
                    squares += v * v;
                }
                double c = 0.5 * squares / m - 0.5 * g.expectedSquaredNorm();
                return GaussianElbo.value(e[1], m, g.entropy(), 0) + a * c;
            }, GaussianIwaeTest.name(q) + " entropy form + control variate");

            elbo.gradient(q, eps, at[0], at[2], m, 0, true, grad);
            GaussianGuide frozen = GaussianIwaeTest.copy(q);
            GaussianIwaeTest.assertMatchesFiniteDifferences(q, grad, g -> {
                double[][] e = LinearGaussianDensity.evaluate(JOINT, g, eps, m);
                double s = 0;
                for (int p = 0; p < m; p++) {
                    s += e[1][p] - LinearGaussianDensity.logQ(frozen, Arrays.copyOfRange(e[0], 2 * p, 2 * p + 2));
                }
                return s / m;
            }, GaussianIwaeTest.name(q) + " STL");

            double[][] lik = LinearGaussianDensity.evaluate(LIKELIHOOD, q, eps, m);
            elbo.analyticKl(q, eps, lik[1], lik[2], m, grad);
            GaussianIwaeTest.assertMatchesFiniteDifferences(q, grad, g -> {
                double[][] e = LinearGaussianDensity.evaluate(LIKELIHOOD, g, eps, m);
                return elbo.analyticKl(g, eps, e[1], e[2], m, null);
            }, GaussianIwaeTest.name(q) + " analytic KL");
        }
    }

    /**
     * The tensor estimators draw {@code z = m + s ε} with ε = {@code Tensor.randn(rng, L, 2)}; the
     * same ε (read back from a copy of the stream) into the double estimators gives the same number.
     */
    @Test
    void tensorEstimatorsGiveTheSameNumberOnTheSameDraws() {
        int l = 16;
        Tensor x = Tensor.vector(LinearGaussian.X);
        for (double[][] g : GUIDES) {
            Guide guide = ignored -> Independent.of(Normal.of(Tensor.vector(g[0]), Tensor.vector(g[1])), 1);
            MeanFieldGuide q = meanField(g[0], g[1]);
            long seed = 41;
            float[] noise = Tensor.randn(Rng.of(seed), l, 2).data();
            double[] eps = new double[noise.length];
            for (int i = 0; i < eps.length; i++) {
                eps[i] = noise[i];
            }
            double[][] joint = LinearGaussianDensity.evaluate(JOINT, q, eps, l);
            double[][] lik = LinearGaussianDensity.evaluate(LIKELIHOOD, q, eps, l);
            GaussianElbo elbo = GaussianElbo.of(2, 2);
            assertRelative(elbo.jointMinusGuide(q, eps, joint[1], l, 0),
                    MonteCarloElbo.of(l).estimate(LinearGaussian.diagonalPrior(), guide, x, Rng.of(seed)).elbo(),
                    "MonteCarloElbo");
            assertRelative(GaussianElbo.value(joint[1], l, q.entropy(), 0),
                    EntropyElbo.of(l).estimate(LinearGaussian.diagonalPrior(), guide, x, Rng.of(seed)).elbo(),
                    "EntropyElbo");
            assertRelative(elbo.analyticKl(q, eps, lik[1], lik[2], l, null),
                    AnalyticKlElbo.of(l).estimate(LinearGaussian.diagonalPrior(), guide, x, Rng.of(seed)).elbo(),
                    "AnalyticKlElbo");
            double iwae = GaussianIwae.of(2, 2).estimate(q, eps, joint[1], 0, null, l, IwaeGradient.PLAIN, null);
            assertRelative(iwae,
                    IwaeBound.of(l).estimate(LinearGaussian.diagonalPrior(), guide, x, Rng.of(seed)).elbo(),
                    "IwaeBound");
        }
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-4 * Math.max(1, Math.abs(expected)), what);
    }
}
