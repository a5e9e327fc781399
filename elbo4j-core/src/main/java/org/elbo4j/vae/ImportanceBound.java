package org.elbo4j.vae;

import java.util.Arrays;
import org.elbo4j.infer.IwaeGradient;
import org.elbo4j.infer.LogWeights;
import org.elbo4j.tensor.FusedOp;
import org.elbo4j.tensor.Tensor;

/**
 * The VAE's K-sample training bounds as fused graph operations ({@link FusedOp}), on the
 * importance weights of {@link ImportanceWeights}.
 * <ul>
 *   <li>{@link #of}: per example the IWAE bound {@code L_K} or the Monte Carlo ELBO
 *       {@code (1/K) Σ_k log w_k}, with the plain, STL or DReG gradient.</li>
 *   <li>{@link #scaleRowGradient}: the identity with a per-row gradient scale (DReG's decoder path).</li>
 * </ul>
 */
final class ImportanceBound {

    private ImportanceBound() {
    }

    /**
     * A K-sample bound per example from the rows of a sample-major batch (row {@code s·B + b} is
     * sample s of example b) with the log weights {@code log w_k} of {@link ImportanceWeights}:
     * the result {@code [B]} is {@code L_K} when {@code logMeanExp}, else the Monte Carlo ELBO
     * {@code (1/K) Σ_k log w_k}. With {@code w̃_k} the normalised weights ({@code 1/K} for the
     * ELBO) and upstream gradient g:
     * <ul>
     *   <li>logLik gets {@code g·w̃_k};</li>
     *   <li>PLAIN: z gets {@code g·w̃_k (−z + ε/σ)}, μ gets {@code −g·w̃_k ε/σ}, log σ² gets
     *       {@code −g·w̃_k ½(ε² − 1)} with {@code ε = (z − μ)/σ}: the exact derivative;</li>
     *   <li>STL: z gets {@code g·w̃_k (−z + ε/σ)}, (μ, log σ²) nothing;</li>
     *   <li>DREG: z gets {@code g·w̃_k² (−z + ε/σ)}, (μ, log σ²) nothing; the caller routes z into
     *       the decoder through {@link #scaleRowGradient} with {@code weightsOut}, so that the
     *       decoder's gradient to z is scaled by w̃_k as well (Tucker et al. 2018, eq. 7) while the
     *       decoder's parameters keep {@code Σ_k w̃_k ∇θ log w_k}.</li>
     * </ul>
     *
     * @param logLik {@code [K·B]} log p(x | z_k)
     * @param z {@code [K·B, L]} the samples
     * @param encK {@code [K·B, 2L]} the encoder output repeated per sample
     * @param weightsOut null, or an array of length K·B that receives w̃ (for {@link #scaleRowGradient})
     */
    static Tensor of(Tensor logLik, Tensor z, Tensor encK, int k, boolean logMeanExp, IwaeGradient mode,
            float[] weightsOut) {
        int rows = EncoderOps.checkEncoder("importanceBound", encK);
        int latent = encK.dim(1) / 2;
        if (k < 1 || rows % k != 0) {
            throw new IllegalArgumentException("ImportanceBound: k must be >= 1 and divide the rows " + rows
                    + ", got " + k);
        }
        if (logLik.rank() != 1 || logLik.dim(0) != rows || z.rank() != 2 || z.dim(0) != rows
                || z.dim(1) != latent) {
            throw new IllegalArgumentException("ImportanceBound: expected logLik [" + rows + "] and z ["
                    + rows + ", " + latent + "], got " + Arrays.toString(logLik.shape()) + " and "
                    + Arrays.toString(z.shape()));
        }
        if (weightsOut != null && weightsOut.length != rows) {
            throw new IllegalArgumentException("ImportanceBound: weightsOut must have length " + rows
                    + ", got " + weightsOut.length);
        }
        int batch = rows / k;
        float[] e = encK.data();
        float[] zd = z.data();
        float[] ll = logLik.data();
        double[] logW = new double[rows];
        double[] invSigma = new double[latent];
        for (int r = 0; r < rows; r++) {
            int eb = r * 2 * latent;
            ImportanceWeights.inverseSigma(e, eb, latent, invSigma);
            logW[r] = ImportanceWeights.logWeight(ll[r], zd, r * latent, e, eb, invSigma, latent);
        }
        float[] out = new float[batch];
        float[] weights = new float[rows];
        for (int b = 0; b < batch; b++) {
            double max = LogWeights.max(logW, b, k, batch);
            double sum = LogWeights.sumExp(logW, b, k, batch, max);
            for (int s = 0; s < k; s++) {
                weights[s * batch + b] = logMeanExp ? (float) (Math.exp(logW[s * batch + b] - max) / sum) : 1f / k;
            }
            if (logMeanExp) {
                out[b] = (float) LogWeights.logMeanExp(max, sum, k);
            } else {
                double mean = 0;
                for (int s = 0; s < k; s++) {
                    mean += logW[s * batch + b];
                }
                out[b] = (float) (mean / k);
            }
        }
        if (weightsOut != null) {
            System.arraycopy(weights, 0, weightsOut, 0, rows);
        }
        return FusedOp.of("vae.importanceBound", out, new int[] {batch}, (g, grads) -> {
            if (grads.required(0)) {
                boolean acc = grads.accumulating(0);
                float[] dst = grads.array(0);
                for (int r = 0; r < rows; r++) {
                    float v = g[r % batch] * weights[r];
                    dst[r] = acc ? dst[r] + v : v;
                }
            }
            boolean plain = mode.keepsScore();
            boolean accZ = grads.accumulating(1);
            boolean accE = grads.accumulating(2);
            float[] dz = grads.required(1) ? grads.array(1) : null;
            float[] de = plain && grads.required(2) ? grads.array(2) : null;
            for (int r = 0; r < rows; r++) {
                double gw = g[r % batch] * (double) weights[r];
                double gz = gw * mode.pathFactor(weights[r]);
                int eb = r * 2 * latent;
                for (int j = 0; j < latent; j++) {
                    int zi = r * latent + j;
                    double lv = e[eb + latent + j];
                    double invS = Math.exp(-0.5 * lv);
                    double eps = (zd[zi] - e[eb + j]) * invS;
                    if (dz != null) {
                        float v = (float) (gz * (-zd[zi] + eps * invS));
                        dz[zi] = accZ ? dz[zi] + v : v;
                    }
                    if (de != null) {
                        float vm = (float) (-gw * eps * invS);
                        float vl = (float) (-gw * 0.5 * (eps * eps - 1));
                        de[eb + j] = accE ? de[eb + j] + vm : vm;
                        de[eb + latent + j] = accE ? de[eb + latent + j] + vl : vl;
                    }
                }
            }
        }, logLik, z, encK);
    }

    /**
     * The identity on {@code x [R, C]} whose backward multiplies row r of the gradient by
     * {@code scale[r]}. The scale is read when the gradient flows back, so it may be filled after
     * this call (as {@link #of} does with its {@code weightsOut}).
     */
    static Tensor scaleRowGradient(Tensor x, float[] scale) {
        if (x.rank() != 2 || scale.length != x.dim(0)) {
            throw new IllegalArgumentException("ImportanceBound.scaleRowGradient: expected x [R, C] and R scales, got "
                    + Arrays.toString(x.shape()) + " and " + scale.length);
        }
        int rows = x.dim(0);
        int cols = x.dim(1);
        return FusedOp.of("vae.scaleRowGradient", x.toFloatArray(), new int[] {rows, cols}, (g, grads) -> {
            if (!grads.required(0)) {
                return;
            }
            boolean acc = grads.accumulating(0);
            float[] dst = grads.array(0);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    float v = g[i] * scale[r];
                    dst[i] = acc ? dst[i] + v : v;
                }
            }
        }, x);
    }
}
