package org.elbo4j.vae;

/**
 * The VAE's importance weights and K-sample bounds, written once for training (the IWAE and
 * Monte Carlo ELBO objectives, {@link ImportanceBound}) and evaluation (the IWAE-K estimate of
 * log p(x) and the PSIS k̂ of the weights, {@link VaeImportanceSampler}). For the diagonal
 * Gaussian encoder {@code q(z | x) = N(μ, σ²)} and the prior {@code N(0, I)}:
 * <pre>
 *   log w_k = log p(x | z_k) + log N(z_k; 0, I) − log N(z_k; μ, σ²)
 *           = log p(x | z_k) + Σ_j (−½ z_kj² + ½ ε_kj² + ½ log σ_j²),   ε_kj = (z_kj − μ_j)/σ_j
 *   L_K     = log (1/K) Σ_k w_k = m + log Σ_k exp(log w_k − m) − log K,   m = max_k log w_k
 * </pre>
 * (IWAE, Burda, Grosse &amp; Salakhutdinov 2016; the ½ log 2π terms cancel). The normalised
 * weights are {@code w̃_k = exp(log w_k − m) / Σ_k' exp(log w_k' − m)}; the sums over k are the
 * library's {@link org.elbo4j.infer.LogWeights}.
 *
 * <p>Implementation note: ε is recomputed from the float z that the decoder saw, so log q is
 * that of the sample actually used; everything after the log-likelihood is in double.
 */
final class ImportanceWeights {

    private ImportanceWeights() {
    }

    /**
     * {@code 1/σ_j = exp(−½ log σ_j²)} for the L log-variances at {@code enc[offset + L … offset + 2L − 1]},
     * into {@code out[0 … L − 1]}.
     */
    static void inverseSigma(float[] enc, int offset, int latent, double[] out) {
        for (int j = 0; j < latent; j++) {
            out[j] = Math.exp(-0.5 * enc[offset + latent + j]);
        }
    }

    /**
     * {@code log w = logLik + Σ_j (−½ z_j² + ½ ε_j² + ½ log σ_j²)} for the sample
     * {@code z[zOffset …]} of the encoder row {@code enc[encOffset …] = (μ, log σ²)}, with
     * {@code invSigma} from {@link #inverseSigma}.
     */
    static double logWeight(double logLik, float[] z, int zOffset, float[] enc, int encOffset,
            double[] invSigma, int latent) {
        double s = logLik;
        for (int j = 0; j < latent; j++) {
            double zj = z[zOffset + j];
            double lv = enc[encOffset + latent + j];
            double eps = (zj - enc[encOffset + j]) * invSigma[j];
            s += -0.5 * zj * zj + 0.5 * eps * eps + 0.5 * lv;
        }
        return s;
    }
}
