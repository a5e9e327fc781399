package org.elbo4j.vae;

import java.util.Arrays;
import org.elbo4j.tensor.FusedOp;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.kernel.UnaryFn;

/**
 * The fused per-row log-likelihoods {@code log p(x | z)} of the {@link Likelihood}s, each one
 * graph node ({@link FusedOp}) over decoder outputs {@code [B, D]} and data of the same shape,
 * giving a tensor {@code [B]}; the data gets no gradient. Row sums are accumulated in double.
 * <ul>
 *   <li>{@link #bernoulli}: {@code Σ_d x·l − softplus(l)} for logits l, gradient
 *       {@code dl = g·(x − sigmoid(l))}.</li>
 *   <li>{@link #continuousBernoulli}: the Bernoulli term plus the log normaliser
 *       {@code log C(l) = log(l / tanh(l/2))} (Loaiza-Ganem &amp; Cunningham, 2019), whose
 *       derivative is {@code 1/l − 1/sinh l}.</li>
 *   <li>{@link #gaussian}: {@code Σ_d −½(x − m)² − ½ log 2π} (unit variance), gradient
 *       {@code dm = g·(x − m)}.</li>
 * </ul>
 *
 * <p>Implementation note: softplus and sigmoid run through the vectorized {@link UnaryFn}
 * kernels, and the Bernoulli row sum is accumulated in float over blocks of 64 and in double
 * across blocks; {@code log C(l)} uses its Taylor expansion {@code log 2 + l²/12 − l⁴/720} for
 * {@code |l| < 10⁻²}, where the closed form cancels.
 */
final class LikelihoodOps {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LOG_TWO = Math.log(2);
    private static final int BERNOULLI = 0;
    private static final int CONTINUOUS_BERNOULLI = 1;
    private static final int GAUSSIAN = 2;

    private LikelihoodOps() {
    }

    /** Per row {@code Σ_d x·l − softplus(l)}. */
    static Tensor bernoulli(Tensor logits, Tensor x) {
        return logLik(logits, x, BERNOULLI);
    }

    /** Per row continuous-Bernoulli log-density {@code Σ_d x·l − softplus(l) + log C(l)}. */
    static Tensor continuousBernoulli(Tensor logits, Tensor x) {
        return logLik(logits, x, CONTINUOUS_BERNOULLI);
    }

    /** Per row {@code Σ_d −½(x − m)² − ½ log 2π} for means m (unit variance). */
    static Tensor gaussian(Tensor mean, Tensor x) {
        return logLik(mean, x, GAUSSIAN);
    }

    private static Tensor logLik(Tensor l, Tensor x, int kind) {
        if (l.rank() != 2 || x.rank() != 2 || l.dim(0) != x.dim(0) || l.dim(1) != x.dim(1)) {
            throw new IllegalArgumentException("LikelihoodOps: expected decoder output and data of the same shape"
                    + " [B, D], got " + Arrays.toString(l.shape()) + " and " + Arrays.toString(x.shape()));
        }
        int rows = l.dim(0);
        int cols = l.dim(1);
        float[] ld = l.data();
        float[] xd = x.data();
        float[] out = new float[rows];
        float[] sp = kind == GAUSSIAN ? null : new float[ld.length];
        if (sp != null) {
            UnaryFn.SOFTPLUS.forward(ld, sp);
        }
        for (int r = 0; r < rows; r++) {
            int b = r * cols;
            double s = 0;
            if (kind == GAUSSIAN) {
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
                if (kind == CONTINUOUS_BERNOULLI) {
                    for (int d = 0; d < cols; d++) {
                        s += logCbNormalizer(ld[b + d]);
                    }
                }
            }
            out[r] = (float) s;
        }
        return FusedOp.of("vae.logLik", out, new int[] {rows}, (g, grads) -> {
            if (!grads.required(0)) {
                return;
            }
            boolean acc = grads.accumulating(0);
            float[] dst = grads.array(0);
            float[] p = null;
            if (kind != GAUSSIAN) {
                p = new float[ld.length];
                UnaryFn.SIGMOID.forward(ld, p);
            }
            for (int r = 0; r < rows; r++) {
                int b = r * cols;
                float gr = g[r];
                for (int d = 0; d < cols; d++) {
                    float v;
                    if (kind == GAUSSIAN) {
                        v = gr * (xd[b + d] - ld[b + d]);
                    } else {
                        v = gr * (xd[b + d] - p[b + d]);
                        if (kind == CONTINUOUS_BERNOULLI) {
                            v += (float) (gr * logCbNormalizerDerivative(ld[b + d]));
                        }
                    }
                    dst[b + d] = acc ? dst[b + d] + v : v;
                }
            }
        }, l);
    }

    /** {@code log C(l) = log(l / tanh(l/2))}, the continuous-Bernoulli log normaliser in logits. */
    static double logCbNormalizer(double l) {
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
    static double logCbNormalizerDerivative(double l) {
        if (Math.abs(l) < 1e-2) {
            return l / 6 - 7 * l * l * l / 360;
        }
        return 1 / l - 1 / Math.sinh(l);
    }
}
