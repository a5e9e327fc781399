package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.elbo4j.model.FunctionModel;
import org.elbo4j.model.PoissonRegressionCase;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Minibatch steps of a {@link FunctionModel} in double ({@link org.elbo4j.infer.SubsampledLogDensity} on the autodiff
 * tape): ℓ_B and its gradient against the model's float32 tensor path (close: float32 rounding of
 * a sum of 400 Poisson terms), against central differences of ℓ_B (tight), the N/|B| scaling
 * exactly (the mean of ℓ_B over a partition of the data is ℓ), and the same seed giving the same
 * bits in a minibatch fit.
 */
class MinibatchTapeTest {

    private static final int N = 400;
    private static final int BATCH = 40;
    private static final PoissonRegressionCase DATA = new PoissonRegressionCase(N, 9);
    private static final FunctionModel MODEL = FunctionModel.of(DATA.function(BATCH));

    private static double[] points(int k) {
        int d = 3 + PoissonRegressionCase.G;
        Rng rng = Rng.of(17);
        double[] u = new double[k * d];
        for (int p = 0; p < k; p++) {
            u[p * d] = 0.9 + 0.1 * rng.nextGaussian();
            u[p * d + 1] = Math.log(0.6) + 0.1 * rng.nextGaussian();
            u[p * d + 2] = 0.65 + 0.1 * rng.nextGaussian();
            for (int g = 0; g < PoissonRegressionCase.G; g++) {
                u[p * d + 3 + g] = DATA.alpha[g] + 0.1 * rng.nextGaussian();
            }
        }
        return u;
    }

    private static Minibatch batch(int first) {
        int[] rows = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            rows[i] = (first + 7 * i) % N;
        }
        return Minibatch.of(N, rows);
    }

    private static UnconstrainedDensity tape() {
        BayesModel fitting = MODEL.forFitting();
        assertTrue(fitting instanceof org.elbo4j.infer.SubsampledLogDensity, "the model runs on the tape");
        return UnconstrainedDensity.of(fitting, UnconstrainedLayout.of(fitting));
    }

    @Test
    void minibatchDensityAgreesWithTheFloat32Path() {
        int k = 3;
        int d = 3 + PoissonRegressionCase.G;
        double[] u = points(k);
        UnconstrainedDensity float32 = UnconstrainedDensity.of(MODEL, UnconstrainedLayout.of(MODEL));
        for (int first : new int[] {0, 5}) {
            Minibatch b = batch(first);
            double[] v64 = new double[k];
            double[] g64 = new double[k * d];
            double[] v32 = new double[k];
            double[] g32 = new double[k * d];
            tape().evaluate(u, k, b, v64, g64);
            float32.evaluate(u, k, b, v32, g32);
            for (int p = 0; p < k; p++) {
                assertEquals(v32[p], v64[p], 1e-5 * Math.abs(v64[p]), "ℓ_B, particle " + p);
            }
            for (int i = 0; i < k * d; i++) {
                assertEquals(g32[i], g64[i], 1e-3 * (1 + Math.abs(g64[i])), "∇ℓ_B[" + i + "]");
            }
        }
    }

    @Test
    void minibatchGradientMatchesFiniteDifferences() {
        int d = 3 + PoissonRegressionCase.G;
        double[] u = points(1);
        Minibatch b = batch(3);
        UnconstrainedDensity tape = tape();
        double[] g = new double[d];
        double[] value = new double[1];
        tape.evaluate(u, 1, b, value, g);
        double h = 1e-5;
        for (int i = 0; i < d; i++) {
            double[] up = u.clone();
            double[] down = u.clone();
            up[i] += h;
            down[i] -= h;
            double[] a = new double[1];
            double[] c = new double[1];
            tape.evaluate(up, 1, b, a, null);
            tape.evaluate(down, 1, b, c, null);
            double fd = (a[0] - c[0]) / (2 * h);
            assertEquals(fd, g[i], 1e-6 * (1 + Math.abs(fd)), "∂ℓ_B/∂u_" + i);
        }
    }

    /** The 10 batches {i : i mod 10 = r} partition the data: (1/10) Σ_r ℓ_{B_r} = ℓ in exact arithmetic. */
    @Test
    void theMeanOverAPartitionIsTheFullDataDensity() {
        int k = 2;
        double[] u = points(k);
        UnconstrainedDensity tape = tape();
        double[] full = new double[k];
        tape.logDensities(u, k, full, null);
        double[] mean = new double[k];
        for (int r = 0; r < 10; r++) {
            int[] rows = new int[N / 10];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = r + 10 * i;
            }
            double[] v = new double[k];
            tape.evaluate(u, k, Minibatch.of(N, rows), v, null);
            for (int p = 0; p < k; p++) {
                mean[p] += v[p] / 10;
            }
        }
        for (int p = 0; p < k; p++) {
            assertEquals(full[p], mean[p], 1e-10 * Math.abs(full[p]), "particle " + p);
        }
    }

    @Test
    void aMinibatchFitIsDeterministicAndCloseToTheFloat32Fit() {
        FitConfig config = FitConfig.defaults().withBatchSize(BATCH).withMaxSteps(200).withSeed(4)
                .withEvidenceSamples(0).withPosteriorDraws(100);
        FitResult first = MODEL.fit(config);
        FitResult again = MODEL.fit(config);
        assertArrayEquals(first.elboTrace(), again.elboTrace(), "trace");
        assertArrayEquals(first.guide().mean(), again.guide().mean(), "guide mean");
        FitResult float32 = BayesFit.fit(MODEL, config);
        assertFalse(Arrays.equals(first.elboTrace(), float32.elboTrace()), "the double fit runs another path");
        double[] a = first.guide().mean();
        double[] b = float32.guide().mean();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 0.05, "guide mean " + i + " of the double and float32 minibatch fits");
        }
    }
}
