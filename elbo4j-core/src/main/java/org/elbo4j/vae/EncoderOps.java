package org.elbo4j.vae;

import java.util.Arrays;
import org.elbo4j.tensor.FusedOp;
import org.elbo4j.tensor.Tensor;

/**
 * The fused operations on a diagonal Gaussian encoder's output, each one graph node with a
 * hand-written backward rule ({@link FusedOp}). The encoder output is one matrix
 * {@code enc [B, 2L]} whose row holds {@code (μ, log σ²)}: columns 0…L−1 the mean, L…2L−1 the
 * log-variance.
 * <ul>
 *   <li>{@link #reparameterize}: {@code z = μ + exp(½ log σ²)·ε}, gradients
 *       {@code dμ = G}, {@code d log σ² = G·ε·½σ}.</li>
 *   <li>{@link #gaussianKl}: per row {@code KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ_j (μ² + σ² − 1 − log σ²)}
 *       (summed in double), gradients {@code dμ = g·μ}, {@code d log σ² = g·½(σ² − 1)}.</li>
 * </ul>
 */
final class EncoderOps {

    private EncoderOps() {
    }

    /** {@code z = μ + exp(½ log σ²)·ε} for {@code enc [B, 2L]} and {@code eps [B, L]}. */
    static Tensor reparameterize(Tensor enc, Tensor eps) {
        int rows = checkEncoder("reparameterize", enc);
        int latent = enc.dim(1) / 2;
        if (eps.rank() != 2 || eps.dim(0) != rows || eps.dim(1) != latent) {
            throw new IllegalArgumentException("EncoderOps.reparameterize: expected eps [" + rows + ", " + latent
                    + "] for enc " + Arrays.toString(enc.shape()) + ", got " + Arrays.toString(eps.shape()));
        }
        float[] e = enc.data();
        float[] n = eps.data();
        float[] z = new float[rows * latent];
        float[] sigma = new float[rows * latent];
        for (int r = 0; r < rows; r++) {
            int eb = r * 2 * latent;
            int zb = r * latent;
            for (int j = 0; j < latent; j++) {
                float s = (float) Math.exp(0.5 * e[eb + latent + j]);
                sigma[zb + j] = s;
                z[zb + j] = e[eb + j] + s * n[zb + j];
            }
        }
        return FusedOp.of("vae.reparameterize", z, new int[] {rows, latent}, (gd, grads) -> {
            if (!grads.required(0)) {
                return;
            }
            boolean acc = grads.accumulating(0);
            float[] dst = grads.array(0);
            for (int r = 0; r < rows; r++) {
                int eb = r * 2 * latent;
                int zb = r * latent;
                for (int j = 0; j < latent; j++) {
                    float gm = gd[zb + j];
                    float gl = 0.5f * gm * n[zb + j] * sigma[zb + j];
                    dst[eb + j] = acc ? dst[eb + j] + gm : gm;
                    dst[eb + latent + j] = acc ? dst[eb + latent + j] + gl : gl;
                }
            }
        }, enc);
    }

    /** Per row {@code ½ Σ_j (μ² + σ² − 1 − log σ²)}: a tensor {@code [B]}. */
    static Tensor gaussianKl(Tensor enc) {
        int rows = checkEncoder("gaussianKl", enc);
        int latent = enc.dim(1) / 2;
        float[] e = enc.data();
        float[] kl = new float[rows];
        for (int r = 0; r < rows; r++) {
            int eb = r * 2 * latent;
            double s = 0;
            for (int j = 0; j < latent; j++) {
                double mu = e[eb + j];
                double lv = e[eb + latent + j];
                s += mu * mu + Math.exp(lv) - 1 - lv;
            }
            kl[r] = (float) (0.5 * s);
        }
        return FusedOp.of("vae.gaussianKl", kl, new int[] {rows}, (g, grads) -> {
            if (!grads.required(0)) {
                return;
            }
            boolean acc = grads.accumulating(0);
            float[] dst = grads.array(0);
            for (int r = 0; r < rows; r++) {
                int eb = r * 2 * latent;
                float gr = g[r];
                for (int j = 0; j < latent; j++) {
                    float gm = gr * e[eb + j];
                    float gl = (float) (gr * 0.5 * Math.expm1(e[eb + latent + j]));
                    dst[eb + j] = acc ? dst[eb + j] + gm : gm;
                    dst[eb + latent + j] = acc ? dst[eb + latent + j] + gl : gl;
                }
            }
        }, enc);
    }

    /** The number of rows of {@code enc}, checked to be {@code [B, 2L]} with L ≥ 1. */
    static int checkEncoder(String op, Tensor enc) {
        if (enc.rank() != 2 || enc.dim(1) % 2 != 0 || enc.dim(1) == 0) {
            throw new IllegalArgumentException("EncoderOps." + op + ": expected enc [B, 2L] holding (mu, logvar), got "
                    + Arrays.toString(enc.shape()));
        }
        return enc.dim(0);
    }
}
