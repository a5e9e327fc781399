package org.elbo4j.vae;

import org.elbo4j.data.Dataset;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.VaeOps;

/**
 * Test-set measures of a trained {@link Vae}, computed without gradients.
 * <ul>
 *   <li>ELBO: {@code log p(x | z) − KL(N(μ, σ²) ‖ N(0, I))} with one z per example.</li>
 *   <li>IWAE-K (Burda, Grosse &amp; Salakhutdinov, 2016):
 *       {@code log p̂(x) = logsumexp_k w_k − log K}, {@code w_k = log p(x | z_k) + log N(z_k; 0, I)
 *       − log N(z_k; μ, σ²)}, {@code z_k = μ + σ ε_k}; samples are drawn in chunks so memory
 *       stays bounded for K up to thousands, and the log-sum-exp is accumulated in double with a
 *       running maximum.</li>
 *   <li>Active units and KL per latent dimension from the encoder means and variances.</li>
 * </ul>
 * Example i's noise comes from {@code rng.child(i)}, so results do not depend on the batching.
 */
public final class VaeEvaluation {

    /** At most this many decoder rows per chunk (≈ 6 MB of logits for D = 784). */
    private static final int MAX_ROWS = 2048;

    private VaeEvaluation() {
    }

    /**
     * ELBO, IWAE-{@code k} (skipped when {@code k == 0}), active units and KL per dimension of
     * {@code vae} on {@code data}.
     *
     * @throws IllegalArgumentException if the data does not fit the model or k is negative
     */
    public static VaeScores evaluate(Vae vae, Dataset data, int k, Rng rng) {
        if (k < 0) {
            throw new IllegalArgumentException("VaeEvaluation: k must be >= 0, got " + k);
        }
        if (data.d() != vae.config().inputDim()) {
            throw new IllegalArgumentException("VaeEvaluation: data has " + data.d() + " values per example but the"
                    + " model expects " + vae.config().inputDim());
        }
        long start = System.nanoTime();
        int n = data.n();
        int latent = vae.config().latent();
        double[] muSum = new double[latent];
        double[] muSq = new double[latent];
        double[] kl = new double[latent];
        double elboSum = 0;
        double iwSum = 0;
        double iwSq = 0;
        int batch = 256;
        try (GradMode ignored = GradMode.noGrad()) {
            for (int from = 0; from < n; from += batch) {
                int rows = Math.min(batch, n - from);
                Tensor x = data.values().slice(0, from, from + rows);
                float[] enc = vae.encode(x).data();
                float[] eps = new float[rows * latent];
                for (int r = 0; r < rows; r++) {
                    Rng ri = rng.child(from + r).child("elbo");
                    for (int j = 0; j < latent; j++) {
                        eps[r * latent + j] = (float) ri.nextGaussian();
                    }
                    for (int j = 0; j < latent; j++) {
                        double mu = enc[r * 2 * latent + j];
                        double lv = enc[r * 2 * latent + latent + j];
                        muSum[j] += mu;
                        muSq[j] += mu * mu;
                        kl[j] += 0.5 * (mu * mu + Math.exp(lv) - 1 - lv);
                    }
                }
                Tensor encT = Tensor.of(enc, rows, 2 * latent);
                Tensor z = VaeOps.reparameterize(encT, Tensor.of(eps, rows, latent));
                float[] ll = vae.config().likelihood().logProb(vae.decode(z), x).data();
                float[] klRows = VaeOps.gaussianKl(encT).data();
                for (int r = 0; r < rows; r++) {
                    elboSum += ll[r] - klRows[r];
                }
                if (k > 0) {
                    for (int r = 0; r < rows; r++) {
                        double v = iwae(vae, x.slice(0, r, r + 1), enc, r, k, rng.child(from + r).child("iwae"));
                        iwSum += v;
                        iwSq += v * v;
                    }
                }
            }
        }
        int active = 0;
        double[] klPerDim = new double[latent];
        for (int j = 0; j < latent; j++) {
            double mean = muSum[j] / n;
            double var = n > 1 ? (muSq[j] - n * mean * mean) / (n - 1) : 0;
            if (var > 0.01) {
                active++;
            }
            klPerDim[j] = kl[j] / n;
        }
        double iwMean = k > 0 ? iwSum / n : Double.NaN;
        double iwErr = k > 0 && n > 1 ? Math.sqrt(Math.max(0, (iwSq - n * iwMean * iwMean) / (n - 1)) / n) : Double.NaN;
        return new VaeScores(n, elboSum / n, iwMean, k, iwErr, active, klPerDim, (System.nanoTime() - start) / 1e9);
    }

    /** IWAE-k estimate of log p(x) for one example x [1, D] whose encoder output is row r of enc. */
    private static double iwae(Vae vae, Tensor x, float[] enc, int r, int k, Rng rng) {
        int latent = vae.config().latent();
        int d = x.dim(1);
        int chunk = Math.min(k, MAX_ROWS);
        float[] xRep = new float[chunk * d];
        for (int c = 0; c < chunk; c++) {
            System.arraycopy(x.data(), 0, xRep, c * d, d);
        }
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int done = 0; done < k; done += chunk) {
            int m = Math.min(chunk, k - done);
            float[] z = new float[m * latent];
            double[] logPzMinusLogQ = new double[m];
            for (int s = 0; s < m; s++) {
                double acc = 0;
                for (int j = 0; j < latent; j++) {
                    double mu = enc[r * 2 * latent + j];
                    double lv = enc[r * 2 * latent + latent + j];
                    double e = rng.nextGaussian();
                    double zj = mu + Math.exp(0.5 * lv) * e;
                    z[s * latent + j] = (float) zj;
                    // log N(z; 0, 1) − log N(z; μ, σ²) = −½z² + ½ε² + ½ log σ²
                    acc += -0.5 * zj * zj + 0.5 * e * e + 0.5 * lv;
                }
                logPzMinusLogQ[s] = acc;
            }
            Tensor xs = m == chunk ? Tensor.of(xRep, m, d) : Tensor.of(java.util.Arrays.copyOf(xRep, m * d), m, d);
            float[] ll = vae.config().likelihood().logProb(vae.decode(Tensor.of(z, m, latent)), xs).data();
            for (int s = 0; s < m; s++) {
                double w = ll[s] + logPzMinusLogQ[s];
                if (w > max) {
                    sum = sum * Math.exp(max - w) + 1;
                    max = w;
                } else {
                    sum += Math.exp(w - max);
                }
            }
        }
        return max + Math.log(sum) - Math.log(k);
    }
}
