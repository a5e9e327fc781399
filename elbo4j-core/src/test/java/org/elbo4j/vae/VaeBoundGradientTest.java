package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.elbo4j.infer.IwaeGradient;
import org.elbo4j.nn.Activation;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradientCheck;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The K-sample bound of {@link ImportanceBound#of} and the estimators of {@link VaeObjective}:
 * the plain gradient against finite differences (deterministic, no false failures), and the
 * expectations of the STL and DReG gradients against the plain / analytic-KL ones on a tiny
 * seeded model, paired on the same noise. Each statistical comparison is per gradient component:
 * |mean difference| ≤ 4.5 standard errors (two-sided normal tail 6.8e-6 per component; with at
 * most 118 components per test the false-failure rate is below 1e-3, and the seeds are fixed, so
 * a run either always passes or always fails).
 */
class VaeBoundGradientTest {

    private static final Tensor X = Tensor.of(new float[] {1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1}, 3, 6);
    private static final double Z_LIMIT = 4.5;

    @Test
    void plainIwaeGradientMatchesFiniteDifferences() {
        GradientCheck.check("importanceBound iwae", in -> ImportanceBound.of(in[0], in[1], in[2], 3, true,
                IwaeGradient.PLAIN, null),
                GradientCheck.signed(11, 0.1, 2.0, 6), GradientCheck.signed(12, 0.1, 1.5, 6, 2),
                GradientCheck.signed(13, 0.1, 1.0, 6, 4));
    }

    @Test
    void plainMeanBoundGradientMatchesFiniteDifferences() {
        GradientCheck.check("importanceBound elbo", in -> ImportanceBound.of(in[0], in[1], in[2], 2, false,
                IwaeGradient.PLAIN, null),
                GradientCheck.signed(14, 0.1, 2.0, 6), GradientCheck.signed(15, 0.1, 1.5, 6, 2),
                GradientCheck.signed(16, 0.1, 1.0, 6, 4));
    }

    @Test
    void boundValueIsTheLogMeanOfTheWeights() {
        Tensor ll = Tensor.of(new float[] {-3, -5}, 2);
        Tensor enc = Tensor.of(new float[] {0.5f, -0.4f, 0.5f, -0.4f}, 2, 2);
        Tensor z = Tensor.of(new float[] {1.0f, -0.2f}, 2, 1);
        double[] logW = new double[2];
        for (int s = 0; s < 2; s++) {
            double zs = z.data()[s];
            double sigma = Math.exp(-0.2);
            double logQ = -0.5 * Math.pow((zs - 0.5) / sigma, 2) - Math.log(sigma);
            logW[s] = ll.data()[s] - 0.5 * zs * zs - logQ;
        }
        double expected = Math.log(0.5 * (Math.exp(logW[0]) + Math.exp(logW[1])));
        float[] w = new float[2];
        assertEquals(expected, ImportanceBound.of(ll, z, enc, 2, true, IwaeGradient.PLAIN, w).item(),
                1e-5);
        assertEquals(1.0, w[0] + w[1], 1e-6);
        assertEquals(0.5 * (logW[0] + logW[1]),
                ImportanceBound.of(ll, z, enc, 2, false, IwaeGradient.STL, null).item(), 1e-5);
    }

    @Test
    void scaleRowGradientScalesEachRow() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        float[] scale = new float[2];
        Tensor y = ImportanceBound.scaleRowGradient(x, scale);
        scale[0] = 0.25f;
        scale[1] = 3f;
        y.sum().backward();
        assertArrayEquals(new float[] {0.25f, 0.25f, 3f, 3f}, x.grad().data());
        assertArrayEquals(x.data(), y.data());
    }

    @Test
    void withOneSampleEveryEstimatorHasTheElboGradientInExpectation() {
        Vae vae = tinyVae(1);
        int draws = 2000;
        int decoderStart = decoderStart(vae);
        VaeObjective[] estimators = {new VaeObjective(true, IwaeGradient.PLAIN), new VaeObjective(true, IwaeGradient.STL),
            new VaeObjective(true, IwaeGradient.DREG), new VaeObjective(false, IwaeGradient.STL)};
        double[][] sum = new double[estimators.length][];
        double[][] sq = new double[estimators.length][];
        for (int n = 0; n < draws; n++) {
            double[] reference = gradient(vae, VaeObjective.ELBO, n);
            double[] stl = null;
            for (int e = 0; e < estimators.length; e++) {
                double[] g = gradient(vae, estimators[e], n);
                for (int i = decoderStart; i < g.length; i++) {
                    assertEquals(reference[i], g[i], 1e-5 * (1 + Math.abs(reference[i])), "decoder gradient " + i);
                }
                if (estimators[e].estimator() == IwaeGradient.STL && estimators[e].iwae()) {
                    stl = g;
                } else if (estimators[e].estimator() == IwaeGradient.DREG) {
                    assertArrayEquals(stl, g, 1e-6, "DReG equals STL for K = 1");
                }
                accumulate(e, g, reference, sum, sq);
            }
        }
        for (int e = 0; e < estimators.length; e++) {
            assertMeanZero(estimators[e].objectiveName() + "/" + estimators[e].estimatorName(), sum[e], sq[e], draws);
        }
    }

    @Test
    void dregHasThePlainEncoderGradientInExpectation() {
        Vae vae = tinyVae(5);
        int draws = 2000;
        int decoderStart = decoderStart(vae);
        double[][] sum = new double[1][];
        double[][] sq = new double[1][];
        for (int n = 0; n < draws; n++) {
            double[] plain = gradient(vae, new VaeObjective(true, IwaeGradient.PLAIN), n);
            double[] dreg = gradient(vae, new VaeObjective(true, IwaeGradient.DREG), n);
            for (int i = decoderStart; i < plain.length; i++) {
                assertEquals(plain[i], dreg[i], 1e-5 * (1 + Math.abs(plain[i])), "decoder gradient " + i);
            }
            accumulate(0, java.util.Arrays.copyOf(dreg, decoderStart), java.util.Arrays.copyOf(plain, decoderStart),
                    sum, sq);
        }
        assertMeanZero("iwae/dreg vs reparam", sum[0], sq[0], draws);
    }

    @Test
    void rejectsCombinationsThatDoNotMakeSense() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VaeObjective.parse("elbo", "dreg"));
        assertTrue(e.getMessage().contains("equals stl"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VaeObjective.parse("iwea", "reparam"));
        assertThrows(IllegalArgumentException.class, () -> VaeObjective.parse("iwae", "score"));
        assertThrows(IllegalArgumentException.class, () -> tinyVae(2).loss(X, Rng.of(1), 0.5,
                new VaeObjective(true, IwaeGradient.DREG)));
        assertEquals(VaeObjective.ELBO, VaeObjective.parse("ELBO", "reparam"));
    }

    private static Vae tinyVae(int k) {
        return Vae.of(new VaeConfig(6, List.of(5), 2, Activation.TANH, Likelihood.BERNOULLI, k, 1.0, 0), Rng.of(7));
    }

    /** The index of the first decoder parameter value in {@link #gradient}'s layout. */
    private static int decoderStart(Vae vae) {
        int n = 0;
        for (Map.Entry<String, Tensor> p : vae.parameters().parameters().entrySet()) {
            if (p.getKey().startsWith("decoder")) {
                return n;
            }
            n += p.getValue().size();
        }
        throw new AssertionError("no decoder parameters");
    }

    /** The gradient of the loss for noise seed {@code seed}, all parameters flattened in order. */
    private static double[] gradient(Vae vae, VaeObjective objective, long seed) {
        Map<String, Tensor> params = vae.parameters().parameters();
        params.values().forEach(Tensor::zeroGrad);
        vae.loss(X, Rng.of(seed), 1.0, objective).backward();
        int total = params.values().stream().mapToInt(Tensor::size).sum();
        double[] g = new double[total];
        int n = 0;
        for (Tensor p : params.values()) {
            float[] d = p.grad().data();
            for (float v : d) {
                g[n++] = v;
            }
        }
        return g;
    }

    private static void accumulate(int e, double[] g, double[] reference, double[][] sum, double[][] sq) {
        if (sum[e] == null) {
            sum[e] = new double[g.length];
            sq[e] = new double[g.length];
        }
        for (int i = 0; i < g.length; i++) {
            double d = g[i] - reference[i];
            sum[e][i] += d;
            sq[e][i] += d * d;
        }
    }

    private static void assertMeanZero(String what, double[] sum, double[] sq, int n) {
        for (int i = 0; i < sum.length; i++) {
            double mean = sum[i] / n;
            double se = Math.sqrt(Math.max(0, sq[i] / n - mean * mean) / (n - 1));
            assertTrue(Math.abs(mean) <= Z_LIMIT * se + 1e-6, what + ": component " + i + " mean difference " + mean
                    + " vs standard error " + se);
        }
    }
}
