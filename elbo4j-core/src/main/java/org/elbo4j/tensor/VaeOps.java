package org.elbo4j.tensor;

import org.elbo4j.tensor.kernel.UnaryFn;

/**
 * Fused operations of a variational autoencoder's loss, each one graph node with a hand-written
 * backward rule (as Stan Math does for hot log-densities), so that a training step spends its
 * time in the matrix products and not in chains of small elementwise operations.
 *
 * <p>The encoder output is one matrix {@code enc [B, 2L]} whose row holds {@code (μ, log σ²)}:
 * columns 0…L−1 the mean, L…2L−1 the log-variance of a diagonal Gaussian posterior.
 * <ul>
 *   <li>{@link #reparameterize}: {@code z = μ + exp(½ log σ²)·ε}, gradients
 *       {@code dμ = G}, {@code d log σ² = G·ε·½σ}.</li>
 *   <li>{@link #gaussianKl}: per row {@code KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ_j (μ² + σ² − 1 − log σ²)},
 *       gradients {@code dμ = g·μ}, {@code d log σ² = g·½(σ² − 1)}.</li>
 *   <li>{@link #bernoulliLogLik}: per row {@code Σ_d x·l − softplus(l)} for logits l,
 *       gradient {@code dl = g·(x − sigmoid(l))}.</li>
 *   <li>{@link #continuousBernoulliLogLik}: the Bernoulli term plus the log normaliser
 *       {@code log C(l) = log(l / tanh(l/2))} (Loaiza-Ganem &amp; Cunningham, 2019), whose
 *       derivative is {@code 1/l − 1/sinh l}.</li>
 *   <li>{@link #gaussianLogLik}: per row {@code Σ_d −½(x − m)² − ½ log 2π} (unit variance),
 *       gradient {@code dm = g·(x − m)}.</li>
 *   <li>{@link #importanceBound}: the K-sample IWAE bound or Monte Carlo ELBO per example from
 *       log-likelihoods, samples and encoder outputs, with the plain, STL or DReG gradient.</li>
 *   <li>{@link #scaleRowGradient}: the identity with a per-row gradient scale (DReG's decoder path).</li>
 * </ul>
 * Row sums are accumulated in double.
 *
 * <p>Implementation note: softplus and sigmoid run through the vectorized {@link UnaryFn}
 * kernels; {@code log C(l)} uses its Taylor expansion {@code log 2 + l²/12 − l⁴/720} for
 * {@code |l| < 10⁻²}, where the closed form cancels.
 */
public final class VaeOps {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LOG_TWO = Math.log(2);

    private VaeOps() {
    }

    /** {@code z = μ + exp(½ log σ²)·ε} for {@code enc [B, 2L]} and {@code eps [B, L]}. */
    public static Tensor reparameterize(Tensor enc, Tensor eps) {
        int rows = checkEncoder("reparameterize", enc);
        int latent = enc.shape[1] / 2;
        if (eps.rank() != 2 || eps.shape[0] != rows || eps.shape[1] != latent) {
            throw new IllegalArgumentException("VaeOps.reparameterize: expected eps " + Shape.str(new int[] {rows, latent})
                    + " for enc " + Shape.str(enc.shape) + ", got " + Shape.str(eps.shape));
        }
        float[] e = enc.data;
        float[] n = eps.data;
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
        return Tensor.result(z, new int[] {rows, latent}, "vae.reparameterize", g -> {
            if (!enc.requiresGrad()) {
                return;
            }
            float[] dst = gradTarget(enc);
            boolean acc = enc.grad != null;
            float[] gd = g.data;
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
            storeGrad(enc, dst);
        }, enc);
    }

    /** Per row {@code ½ Σ_j (μ² + σ² − 1 − log σ²)}: a tensor {@code [B]}. */
    public static Tensor gaussianKl(Tensor enc) {
        int rows = checkEncoder("gaussianKl", enc);
        int latent = enc.shape[1] / 2;
        float[] e = enc.data;
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
        return Tensor.result(kl, new int[] {rows}, "vae.gaussianKl", g -> {
            if (!enc.requiresGrad()) {
                return;
            }
            float[] dst = gradTarget(enc);
            boolean acc = enc.grad != null;
            for (int r = 0; r < rows; r++) {
                int eb = r * 2 * latent;
                float gr = g.data[r];
                for (int j = 0; j < latent; j++) {
                    float gm = gr * e[eb + j];
                    float gl = (float) (gr * 0.5 * Math.expm1(e[eb + latent + j]));
                    dst[eb + j] = acc ? dst[eb + j] + gm : gm;
                    dst[eb + latent + j] = acc ? dst[eb + latent + j] + gl : gl;
                }
            }
            storeGrad(enc, dst);
        }, enc);
    }

    /** Per row {@code Σ_d x·l − softplus(l)}: a tensor {@code [B]}; x gets no gradient. */
    public static Tensor bernoulliLogLik(Tensor logits, Tensor x) {
        return logLik(logits, x, 0);
    }

    /** Per row continuous-Bernoulli log-density {@code Σ_d x·l − softplus(l) + log C(l)}. */
    public static Tensor continuousBernoulliLogLik(Tensor logits, Tensor x) {
        return logLik(logits, x, 1);
    }

    /** Per row {@code Σ_d −½(x − m)² − ½ log 2π} for means m (unit variance). */
    public static Tensor gaussianLogLik(Tensor mean, Tensor x) {
        return logLik(mean, x, 2);
    }

    private static Tensor logLik(Tensor l, Tensor x, int kind) {
        if (l.rank() != 2 || x.rank() != 2 || l.shape[0] != x.shape[0] || l.shape[1] != x.shape[1]) {
            throw new IllegalArgumentException("VaeOps: expected decoder output and data of the same shape [B, D], got "
                    + Shape.str(l.shape) + " and " + Shape.str(x.shape));
        }
        int rows = l.shape[0];
        int cols = l.shape[1];
        float[] ld = l.data;
        float[] xd = x.data;
        float[] out = new float[rows];
        float[] sp = kind == 2 ? null : new float[ld.length];
        if (sp != null) {
            UnaryFn.SOFTPLUS.forward(ld, sp);
        }
        for (int r = 0; r < rows; r++) {
            int b = r * cols;
            double s = 0;
            if (kind == 2) {
                for (int d = 0; d < cols; d++) {
                    float diff = xd[b + d] - ld[b + d];
                    s += -0.5f * diff * diff;
                }
                s -= cols * HALF_LOG_TWO_PI;
            } else {
                float acc = 0;
                for (int d = 0; d < cols; d++) {
                    acc += xd[b + d] * ld[b + d] - sp[b + d];
                    if ((d & 63) == 63) {
                        s += acc;
                        acc = 0;
                    }
                }
                s += acc;
                if (kind == 1) {
                    for (int d = 0; d < cols; d++) {
                        s += logCbNormalizer(ld[b + d]);
                    }
                }
            }
            out[r] = (float) s;
        }
        return Tensor.result(out, new int[] {rows}, "vae.logLik", g -> {
            if (!l.requiresGrad()) {
                return;
            }
            float[] dst = gradTarget(l);
            boolean acc = l.grad != null;
            float[] p = null;
            if (kind != 2) {
                p = new float[ld.length];
                UnaryFn.SIGMOID.forward(ld, p);
            }
            for (int r = 0; r < rows; r++) {
                int b = r * cols;
                float gr = g.data[r];
                for (int d = 0; d < cols; d++) {
                    float v;
                    if (kind == 2) {
                        v = gr * (xd[b + d] - ld[b + d]);
                    } else {
                        v = gr * (xd[b + d] - p[b + d]);
                        if (kind == 1) {
                            v += (float) (gr * logCbNormalizerDerivative(ld[b + d]));
                        }
                    }
                    dst[b + d] = acc ? dst[b + d] + v : v;
                }
            }
            storeGrad(l, dst);
        }, l);
    }

    /** How {@link #importanceBound} passes gradients to the encoder (see there). */
    public enum BoundGradient {
        /** The exact derivative of the bound, including the score term of log q. */
        PLAIN,
        /** Sticking the landing: log q with detached (μ, log σ²), only the path through z. */
        STL,
        /** Doubly reparameterized: z gets w̃_k² ∂log w_k/∂z_k, log q with detached (μ, log σ²). */
        DREG
    }

    /**
     * A K-sample bound per example from the rows of a sample-major batch (row {@code s·B + b} is
     * sample s of example b): with log weights
     * <pre>
     *   log w_k = logLik_k + log N(z_k; 0, I) − log N(z_k; μ_k, σ_k²),   σ² = exp(log σ²)
     * </pre>
     * the result {@code [B]} is {@code L_K = logsumexp_k log w_k − log K} (IWAE, Burda et al. 2016)
     * when {@code logMeanExp}, else the Monte Carlo ELBO {@code (1/K) Σ_k log w_k}. With
     * {@code w̃_k} the normalised weights ({@code 1/K} for the ELBO) and upstream gradient g:
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
     * <p>Implementation note: the log-sum-exp subtracts the per-example maximum and sums in
     * double; ε is recomputed from (z, μ, σ) so the value is a function of the inputs only.
     *
     * @param logLik {@code [K·B]} log p(x | z_k)
     * @param z {@code [K·B, L]} the samples
     * @param encK {@code [K·B, 2L]} the encoder output repeated per sample
     * @param weightsOut null, or an array of length K·B that receives w̃ (for {@link #scaleRowGradient})
     */
    public static Tensor importanceBound(Tensor logLik, Tensor z, Tensor encK, int k, boolean logMeanExp,
            BoundGradient mode, float[] weightsOut) {
        int rows = checkEncoder("importanceBound", encK);
        int latent = encK.shape[1] / 2;
        if (k < 1 || rows % k != 0) {
            throw new IllegalArgumentException("VaeOps.importanceBound: k must be >= 1 and divide the rows " + rows
                    + ", got " + k);
        }
        if (logLik.rank() != 1 || logLik.shape[0] != rows || z.rank() != 2 || z.shape[0] != rows
                || z.shape[1] != latent) {
            throw new IllegalArgumentException("VaeOps.importanceBound: expected logLik [" + rows + "] and z ["
                    + rows + ", " + latent + "], got " + Shape.str(logLik.shape) + " and " + Shape.str(z.shape));
        }
        if (weightsOut != null && weightsOut.length != rows) {
            throw new IllegalArgumentException("VaeOps.importanceBound: weightsOut must have length " + rows
                    + ", got " + weightsOut.length);
        }
        int batch = rows / k;
        float[] e = encK.data;
        float[] zd = z.data;
        double[] logW = new double[rows];
        for (int r = 0; r < rows; r++) {
            int eb = r * 2 * latent;
            double s = logLik.data[r];
            for (int j = 0; j < latent; j++) {
                double zj = zd[r * latent + j];
                double lv = e[eb + latent + j];
                double eps = (zj - e[eb + j]) * Math.exp(-0.5 * lv);
                s += -0.5 * zj * zj + 0.5 * eps * eps + 0.5 * lv;
            }
            logW[r] = s;
        }
        float[] out = new float[batch];
        float[] weights = new float[rows];
        for (int b = 0; b < batch; b++) {
            double max = Double.NEGATIVE_INFINITY;
            double mean = 0;
            for (int s = 0; s < k; s++) {
                max = Math.max(max, logW[s * batch + b]);
                mean += logW[s * batch + b];
            }
            double sum = 0;
            for (int s = 0; s < k; s++) {
                sum += Math.exp(logW[s * batch + b] - max);
            }
            for (int s = 0; s < k; s++) {
                weights[s * batch + b] = logMeanExp ? (float) (Math.exp(logW[s * batch + b] - max) / sum) : 1f / k;
            }
            out[b] = (float) (logMeanExp ? max + Math.log(sum) - Math.log(k) : mean / k);
        }
        if (weightsOut != null) {
            System.arraycopy(weights, 0, weightsOut, 0, rows);
        }
        return Tensor.result(out, new int[] {batch}, "vae.importanceBound", g -> {
            if (logLik.requiresGrad()) {
                float[] dst = gradTarget(logLik);
                boolean acc = logLik.grad != null;
                for (int r = 0; r < rows; r++) {
                    float v = g.data[r % batch] * weights[r];
                    dst[r] = acc ? dst[r] + v : v;
                }
                storeGrad(logLik, dst);
            }
            boolean plain = mode == BoundGradient.PLAIN;
            float[] dz = z.requiresGrad() ? gradTarget(z) : null;
            float[] de = plain && encK.requiresGrad() ? gradTarget(encK) : null;
            boolean accZ = z.grad != null;
            boolean accE = encK.grad != null;
            for (int r = 0; r < rows; r++) {
                double gw = g.data[r % batch] * (double) weights[r];
                double gz = mode == BoundGradient.DREG ? gw * weights[r] : gw;
                int eb = r * 2 * latent;
                for (int j = 0; j < latent; j++) {
                    int zi = r * latent + j;
                    double lv = e[eb + latent + j];
                    double invSigma = Math.exp(-0.5 * lv);
                    double eps = (zd[zi] - e[eb + j]) * invSigma;
                    if (dz != null) {
                        float v = (float) (gz * (-zd[zi] + eps * invSigma));
                        dz[zi] = accZ ? dz[zi] + v : v;
                    }
                    if (de != null) {
                        float vm = (float) (-gw * eps * invSigma);
                        float vl = (float) (-gw * 0.5 * (eps * eps - 1));
                        de[eb + j] = accE ? de[eb + j] + vm : vm;
                        de[eb + latent + j] = accE ? de[eb + latent + j] + vl : vl;
                    }
                }
            }
            if (dz != null) {
                storeGrad(z, dz);
            }
            if (de != null) {
                storeGrad(encK, de);
            }
        }, logLik, z, encK);
    }

    /**
     * The identity on {@code x [R, C]} whose backward multiplies row r of the gradient by
     * {@code scale[r]}. The scale is read when the gradient flows back, so it may be filled after
     * this call (as {@link #importanceBound} does with its {@code weightsOut}).
     */
    public static Tensor scaleRowGradient(Tensor x, float[] scale) {
        if (x.rank() != 2 || scale.length != x.shape[0]) {
            throw new IllegalArgumentException("VaeOps.scaleRowGradient: expected x [R, C] and R scales, got "
                    + Shape.str(x.shape) + " and " + scale.length);
        }
        int rows = x.shape[0];
        int cols = x.shape[1];
        return Tensor.result(x.data.clone(), x.shape.clone(), "vae.scaleRowGradient", g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] dst = gradTarget(x);
            boolean acc = x.grad != null;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    float v = g.data[i] * scale[r];
                    dst[i] = acc ? dst[i] + v : v;
                }
            }
            storeGrad(x, dst);
        }, x);
    }

    /** {@code log C(l) = log(l / tanh(l/2))}, the continuous-Bernoulli log normaliser in logits. */
    public static double logCbNormalizer(double l) {
        double a = Math.abs(l);
        if (a < 1e-2) {
            double l2 = l * l;
            return LOG_TWO + l2 / 12 - l2 * l2 / 720;
        }
        // l / tanh(l/2) = a / tanh(a/2) = a·(1 + e^−a)/(1 − e^−a)
        double e = Math.exp(-a);
        return Math.log(a) + Math.log1p(e) - Math.log1p(-e);
    }

    /** {@code d/dl log C(l) = 1/l − 1/sinh l}. */
    public static double logCbNormalizerDerivative(double l) {
        if (Math.abs(l) < 1e-2) {
            return l / 6 - 7 * l * l * l / 360;
        }
        return 1 / l - 1 / Math.sinh(l);
    }

    private static int checkEncoder(String op, Tensor enc) {
        if (enc.rank() != 2 || enc.shape[1] % 2 != 0 || enc.shape[1] == 0) {
            throw new IllegalArgumentException("VaeOps." + op + ": expected enc [B, 2L] holding (mu, logvar), got "
                    + Shape.str(enc.shape));
        }
        return enc.shape[0];
    }

    private static float[] gradTarget(Tensor t) {
        return t.grad != null ? t.grad.data : new float[t.data.length];
    }

    private static void storeGrad(Tensor t, float[] dst) {
        if (t.grad == null) {
            t.grad = new Tensor(dst, t.shape.clone());
        }
    }
}
