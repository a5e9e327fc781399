package org.elbo4j.vae;

import org.elbo4j.data.Dataset;
import org.elbo4j.infer.ParetoKSummary;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * Test-set measures of a trained {@link Vae}, computed without gradients.
 * <ul>
 *   <li>ELBO: {@code log p(x | z) − KL(N(μ, σ²) ‖ N(0, I))} with one z per example.</li>
 *   <li>IWAE-K (Burda, Grosse &amp; Salakhutdinov, 2016):
 *       {@code log p̂(x) = logsumexp_k w_k − log K}, {@code w_k = log p(x | z_k) + log N(z_k; 0, I)
 *       − log N(z_k; μ, σ²)}, {@code z_k = μ + σ ε_k}, computed by {@link VaeImportanceSampler}
 *       in chunks of samples (bounded memory for any K, parallel, independent of the thread
 *       count).</li>
 *   <li>The Pareto k̂ of each example's K log-weights (PSIS diagnostic, K ≥ 25), summarised:
 *       k̂ &gt; 0.7 marks an example whose IWAE estimate is unreliable.</li>
 *   <li>Active units and KL per latent dimension from the encoder means and variances.</li>
 * </ul>
 * Example i's noise comes from {@code rng.child(i)}, so results do not depend on the batching
 * or the thread count.
 */
public final class VaeEvaluation {

    private VaeEvaluation() {
    }

    /**
     * ELBO, IWAE-{@code k} with its k̂ summary (skipped when {@code k == 0}), active units and KL per dimension of
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
        double[] khat = new double[k > 0 ? n : 0];
        int batch = 256;
        VaeImportanceSampler sampler = new VaeImportanceSampler(vae);
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
                Tensor z = EncoderOps.reparameterize(encT, Tensor.of(eps, rows, latent));
                float[] ll = vae.config().likelihood().logProb(vae.decode(z), x).data();
                float[] klRows = EncoderOps.gaussianKl(encT).data();
                for (int r = 0; r < rows; r++) {
                    elboSum += ll[r] - klRows[r];
                }
                if (k > 0) {
                    int first = from;
                    VaeImportanceSampler.Estimates est = sampler.estimate(x.data(), enc, rows, k,
                            i -> rng.child(first + i).child("iwae"));
                    System.arraycopy(est.paretoK(), 0, khat, from, rows);
                    for (double v : est.logLikelihood()) {
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
        return new VaeScores(n, elboSum / n, iwMean, k, iwErr, active, klPerDim, (System.nanoTime() - start) / 1e9,
                ParetoKSummary.of(khat));
    }
}
