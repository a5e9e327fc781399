package org.elbo4j.vae;

import java.util.Arrays;
import java.util.List;
import org.elbo4j.infer.LogWeights;
import org.elbo4j.infer.ParetoK;
import org.elbo4j.nn.Activation;
import org.elbo4j.nn.Linear;
import org.elbo4j.nn.Mlp;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.kernel.Gemm;
import org.elbo4j.tensor.kernel.Parallel;
import org.elbo4j.tensor.kernel.Reduce;
import org.elbo4j.tensor.kernel.UnaryFn;

/**
 * The IWAE-K estimate of log p(x) (Burda, Grosse &amp; Salakhutdinov, 2016) and the PSIS k̂ of its
 * importance weights for many examples, written for speed; the weights and the bound are those
 * of {@link ImportanceWeights} (the same as in training):
 * <pre>
 *   log p̂(x) = logsumexp_k log w_k − log K,
 *   log w_k  = log p(x | z_k) + log N(z_k; 0, I) − log N(z_k; μ, σ²),   z_k = μ + σ ε_k
 * </pre>
 * The K samples of an example are cut into chunks of {@value #CHUNK} rows; each (example, chunk)
 * is one task of {@link Parallel#forEachTask} that draws its noise from
 * {@code rng(example).child(chunk)}, runs the decoder as plain matrix products on reused buffers
 * (no autodiff graph) and keeps its own running maximum and sum of {@code exp(log w − max)} in
 * double. The chunks are combined per example in chunk order ({@link LogWeights#combine}),
 * so the result does not depend on the thread count. With K ≥ {@value #MIN_PARETO_K_SAMPLES} the
 * K log-weights of each example are kept (for at most {@value #KEPT_LOG_WEIGHTS} weights at a
 * time: examples then go in groups) and their Pareto k̂ ({@link ParetoK}) computed: k̂ &lt; 0.7
 * says the estimate of log p(x) is reliable (Vehtari et al. 2024).
 *
 * <p>Implementation note: for the Bernoulli likelihood the row sum
 * {@code Σ_d x_d l_d − softplus(l_d)} of the logits {@code l = h W + b} is split as
 * {@code h·(W x) + b·x − Σ_d softplus(l_d)}: the first term is a matrix–vector product with a
 * vector computed once per example, the last a vectorized softplus and sum. Other likelihoods go
 * through {@link Likelihood#logProb}.
 */
final class VaeImportanceSampler {

    /** Samples per task (≈ 1.6 MB of logits for D = 784). */
    static final int CHUNK = 500;

    /**
     * The most log-weights kept at once for k̂ (32 MB): examples go in groups of
     * {@code max(1, this / K)}, each group one parallel pass.
     */
    static final int KEPT_LOG_WEIGHTS = 1 << 22;

    /** The fewest samples for which k̂ is computed ({@link ParetoK#MIN_WEIGHTS}). */
    static final int MIN_PARETO_K_SAMPLES = ParetoK.MIN_WEIGHTS;

    /**
     * Per example the IWAE-K estimate of log p(x) and the k̂ of its K log-weights (NaN when
     * K &lt; {@value #MIN_PARETO_K_SAMPLES} or a log-weight is NaN or +∞).
     */
    record Estimates(double[] logLikelihood, double[] paretoK) {
    }

    private final Likelihood likelihood;
    private final List<Linear> layers;
    private final Activation activation;
    private final int latent;
    private final int keptLogWeights;

    VaeImportanceSampler(Vae vae) {
        this(vae, KEPT_LOG_WEIGHTS);
    }

    /** A sampler keeping at most {@code keptLogWeights} log-weights at a time (tests use small values). */
    VaeImportanceSampler(Vae vae, int keptLogWeights) {
        this.keptLogWeights = keptLogWeights;
        Mlp decoder = vae.decoder();
        this.likelihood = vae.config().likelihood();
        this.layers = decoder.layers();
        this.activation = decoder.hiddenActivation();
        this.latent = vae.config().latent();
    }

    /** The source of example i's noise. */
    interface NoiseSource {
        Rng forExample(int i);
    }

    /**
     * IWAE-k estimates and k̂ for the {@code n} examples {@code x [n, D]} (row-major) whose encoder
     * outputs {@code (μ, log σ²)} are the rows of {@code enc [n, 2L]}.
     */
    Estimates estimate(float[] x, float[] enc, int n, int k, NoiseSource noise) {
        int d = layers.get(layers.size() - 1).outFeatures();
        int chunks = (k + CHUNK - 1) / CHUNK;
        boolean keep = k >= MIN_PARETO_K_SAMPLES;
        int group = keep ? Math.max(1, Math.min(n, keptLogWeights / k)) : n;
        double[] taskMax = new double[n * chunks];
        double[] taskSum = new double[n * chunks];
        double[] khat = new double[n];
        Arrays.fill(khat, Double.NaN);
        float[][] projected = likelihood == Likelihood.BERNOULLI ? projectData(x, n, d) : null;
        ThreadLocal<float[][]> buffers = ThreadLocal.withInitial(() -> newBuffers(CHUNK));
        for (int first = 0; first < n; first += group) {
            int from = first;
            int size = Math.min(group, n - first);
            double[][] kept = keep ? new double[size][k] : null;
            Parallel.forEachTask(size * chunks, task -> {
                int t = from * chunks + task;
                int i = t / chunks;
                int c = t % chunks;
                int rows = Math.min(CHUNK, k - c * CHUNK);
                float[][] buf = rows == CHUNK ? buffers.get() : newBuffers(rows);
                double[] logW = chunkLogWeights(x, enc, i, rows, noise.forExample(i).child(c), buf,
                        projected == null ? null : projected[i], d);
                double max = LogWeights.max(logW, 0, rows, 1);
                taskMax[t] = max;
                taskSum[t] = LogWeights.sumExp(logW, 0, rows, 1, max);
                if (kept != null) {
                    System.arraycopy(logW, 0, kept[i - from], c * CHUNK, rows);
                }
            });
            if (kept != null) {
                Parallel.forEachTask(size, i -> khat[from + i] = paretoK(kept[i]));
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = LogWeights.combine(taskMax, taskSum, i * chunks, chunks, k);
        }
        return new Estimates(out, khat);
    }

    /** k̂ of the log-weights, NaN when one is NaN or +∞ (a diverged model). */
    private static double paretoK(double[] logW) {
        for (double v : logW) {
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                return Double.NaN;
            }
        }
        return ParetoK.ofLogWeights(logW);
    }

    /**
     * Buffers for {@code rows} samples (reused per thread for full chunks): z, then one per layer
     * output, then the softplus of the logits. Elementwise functions run over whole buffers, so a
     * partial chunk gets buffers of its exact size.
     */
    private float[][] newBuffers(int rows) {
        float[][] b = new float[layers.size() + 2][];
        b[0] = new float[rows * latent];
        for (int l = 0; l < layers.size(); l++) {
            b[l + 1] = new float[rows * layers.get(l).outFeatures()];
        }
        b[layers.size() + 1] = new float[rows * layers.get(layers.size() - 1).outFeatures()];
        return b;
    }

    /** Per example: {@code W x} (length of the last hidden layer) and, as the last entry, {@code b·x}. */
    private float[][] projectData(float[] x, int n, int d) {
        Linear last = layers.get(layers.size() - 1);
        int h = last.inFeatures();
        float[] w = last.weight().data();
        float[] bias = last.bias().data();
        float[] wx = new float[n * h];
        Gemm.gemm(false, true, n, h, d, x, 0, d, w, 0, d, wx, 0, h, false);
        float[][] p = new float[n][h + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(wx, i * h, p[i], 0, h);
            double bx = 0;
            for (int j = 0; j < d; j++) {
                bx += (double) bias[j] * x[i * d + j];
            }
            p[i][h] = (float) bx;
        }
        return p;
    }

    /** log w_s for {@code rows} samples of example i, in buffers {@code buf}. */
    private double[] chunkLogWeights(float[] x, float[] enc, int i, int rows, Rng rng, float[][] buf,
            float[] projected, int d) {
        float[] z = buf[0];
        double[] logW = new double[rows];
        int eb = i * 2 * latent;
        double[] sigma = new double[latent];
        double[] invSigma = new double[latent];
        for (int j = 0; j < latent; j++) {
            sigma[j] = Math.exp(0.5 * enc[eb + latent + j]);
        }
        ImportanceWeights.inverseSigma(enc, eb, latent, invSigma);
        for (int s = 0; s < rows; s++) {
            for (int j = 0; j < latent; j++) {
                z[s * latent + j] = (float) (enc[eb + j] + sigma[j] * rng.nextGaussian());
            }
        }
        float[] in = z;
        for (int l = 0; l < layers.size(); l++) {
            Linear layer = layers.get(l);
            int nIn = layer.inFeatures();
            int nOut = layer.outFeatures();
            float[] out = buf[l + 1];
            float[] bias = layer.bias().data();
            Gemm.gemm(false, false, rows, nOut, nIn, in, 0, nIn, layer.weight().data(), 0, nOut, out, 0, nOut, false);
            for (int s = 0; s < rows; s++) {
                int o = s * nOut;
                for (int j = 0; j < nOut; j++) {
                    out[o + j] += bias[j];
                }
            }
            UnaryFn fn = l + 1 < layers.size() ? activation.unaryFn() : null;
            if (fn != null) {
                fn.forward(out, out);
            }
            in = out;
        }
        float[] logits = buf[layers.size()];
        if (projected != null) {
            float[] hidden = layers.size() > 1 ? buf[layers.size() - 1] : z;
            int h = layers.get(layers.size() - 1).inFeatures();
            float[] sp = buf[layers.size() + 1];
            UnaryFn.SOFTPLUS.forward(logits, sp);
            float[] hx = new float[rows];
            Gemm.gemm(false, false, rows, 1, h, hidden, 0, h, projected, 0, 1, hx, 0, 1, false);
            for (int s = 0; s < rows; s++) {
                logW[s] = (double) hx[s] + projected[h] - Reduce.sum(sp, s * d, d);
            }
        } else {
            float[] xRep = new float[rows * d];
            for (int s = 0; s < rows; s++) {
                System.arraycopy(x, i * d, xRep, s * d, d);
            }
            try (GradMode ignored = GradMode.noGrad()) {
                float[] ll = likelihood.logProb(Tensor.of(logits, rows, d), Tensor.of(xRep, rows, d)).data();
                for (int s = 0; s < rows; s++) {
                    logW[s] = ll[s];
                }
            }
        }
        for (int s = 0; s < rows; s++) {
            logW[s] = ImportanceWeights.logWeight(logW[s], z, s * latent, enc, eb, invSigma, latent);
        }
        return logW;
    }
}
