package org.elbo4j.infer;

/**
 * Sums over log importance weights log w_k, k = 1 … K, written once for every K-sample bound and
 * importance-sampling estimate of the library (the VAE's IWAE training and evaluation, the
 * {@link GaussianIwae} objective of a Gaussian-guide fit, a fit's evidence):
 * <pre>
 *   L_K = log (1/K) Σ_k w_k = m + log Σ_k exp(log w_k − m) − log K,   m = max_k log w_k
 *   w̃_k = exp(log w_k − m) / Σ_k' exp(log w_k' − m)
 * </pre>
 * (IWAE: Burda, Grosse &amp; Salakhutdinov 2016). The log-mean is always taken by factoring out
 * the largest log weight, never as the log of a mean of exponentials. A sum over K weights may be
 * computed in blocks (for bounded memory or parallel tasks): each block keeps its maximum and
 * {@code Σ exp(log w − max)}, and {@link #combine} merges them in block order, so the result does
 * not depend on how blocks are scheduled; with one block it is exactly the unblocked sum.
 */
public final class LogWeights {

    private LogWeights() {
    }

    /**
     * What S log weights say about an importance-sampling estimate (with {@code w_s} the weights):
     * {@code mean = (1/S) Σ log w_s} (the ELBO when the proposal is the guide) with
     * {@code meanStderr = sd(log w)/√S}; {@code logMeanExp = L_S}, the estimate of log p,
     * with the delta-method standard error {@code sd(w) / (√S · mean(w))}; {@code ess = (Σ w)² / Σ w²}.
     * When the largest or the mean log weight is not finite, the last three are NaN.
     */
    public record Summary(double mean, double meanStderr, double logMeanExp, double logMeanExpStderr, double ess) {

        /** True when {@link #logMeanExp} and its companions were computed. */
        public boolean hasEstimate() {
            return !Double.isNaN(logMeanExp);
        }
    }

    /** {@code max_k logW[from + k·stride]} over {@code count} entries. */
    public static double max(double[] logW, int from, int count, int stride) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, logW[from + k * stride]);
        }
        return max;
    }

    /** {@code Σ_k exp(logW[from + k·stride] − max)} over {@code count} entries. */
    public static double sumExp(double[] logW, int from, int count, int stride, double max) {
        double sum = 0;
        for (int k = 0; k < count; k++) {
            sum += Math.exp(logW[from + k * stride] - max);
        }
        return sum;
    }

    /** {@code L_K = max + log(sumExp) − log K}, from {@link #max} and {@link #sumExp} over all K weights. */
    public static double logMeanExp(double max, double sumExp, int k) {
        return max + Math.log(sumExp) - Math.log(k);
    }

    /** {@code L_K} of the first K entries of {@code logW}. */
    public static double logMeanExp(double[] logW, int k) {
        double max = max(logW, 0, k, 1);
        return logMeanExp(max, sumExp(logW, 0, k, 1, max), k);
    }

    /**
     * {@code L_K} from blocks {@code c = 0 … blocks − 1} with maxima {@code blockMax[from + c]}
     * and sums {@code blockSum[from + c]} of {@code exp(log w − blockMax)}, K weights in all:
     * {@code m = max_c blockMax_c}, {@code L_K = logMeanExp(m, Σ_c blockSum_c · exp(blockMax_c − m), K)}.
     */
    public static double combine(double[] blockMax, double[] blockSum, int from, int blocks, int k) {
        double max = max(blockMax, from, blocks, 1);
        double sum = 0;
        for (int c = 0; c < blocks; c++) {
            sum += blockSum[from + c] * Math.exp(blockMax[from + c] - max);
        }
        return logMeanExp(max, sum, k);
    }

    /**
     * The normalised weights w̃_k of the first K entries of {@code logW} into {@code out}; returns
     * L_K. When every log weight is −∞ (or one is NaN or +∞) the weights are NaN.
     */
    public static double normalized(double[] logW, int k, double[] out) {
        double max = max(logW, 0, k, 1);
        double sum = sumExp(logW, 0, k, 1, max);
        for (int i = 0; i < k; i++) {
            out[i] = Math.exp(logW[i] - max) / sum;
        }
        return logMeanExp(max, sum, k);
    }

    /**
     * The {@link Summary} of S ≥ 2 log weights. A weight of exactly 0 (log w = −∞: a draw where the
     * target's density underflows) makes the mean of log w −∞ (its standard error NaN) but leaves the
     * log-mean-exp, its error and the ESS defined, as long as some weight is positive; a NaN or +∞
     * log weight leaves them undefined (NaN).
     */
    public static Summary summary(double[] logW) {
        int s = logW.length;
        double mean = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logW) {
            mean += v;
            max = Math.max(max, v);
        }
        mean /= s;
        double var = 0;
        for (double v : logW) {
            var += (v - mean) * (v - mean);
        }
        double meanStderr = Math.sqrt(var / (s - 1) / s);
        if (!Double.isFinite(max) || Double.isNaN(mean) || mean == Double.POSITIVE_INFINITY) {
            return new Summary(mean, meanStderr, Double.NaN, Double.NaN, Double.NaN);
        }
        if (mean == Double.NEGATIVE_INFINITY) {
            // some weights are exactly 0 (log w = −∞): the mean of log w is −∞, the weights' mean is not
            meanStderr = Double.NaN;
        }
        double sumW = 0;
        double sumW2 = 0;
        for (double v : logW) {
            double w = Math.exp(v - max);
            sumW += w;
            sumW2 += w * w;
        }
        double meanW = sumW / s;
        double varW = Math.max(0, (sumW2 - s * meanW * meanW) / (s - 1));
        return new Summary(mean, meanStderr, max + Math.log(meanW), Math.sqrt(varW) / (Math.sqrt(s) * meanW),
                sumW * sumW / sumW2);
    }
}
