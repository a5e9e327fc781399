package org.elbo4j.infer;

/**
 * Sums of pointwise contributions and their standard errors, as the R package {@code loo}
 * reports them: total Σ v_i and se = √(N · var(v)) with the (N − 1)-denominator variance; blocks of
 * columns of a draws × observations matrix (copied contiguous once: walking a column across S row
 * arrays costs a cache miss per draw); stable log-sum-exp.
 */
final class Pointwise {

    private Pointwise() {
    }

    /** Σ v_i. */
    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** √(N · var(v)) with var's denominator N − 1; NaN when N &lt; 2. */
    static double se(double[] v) {
        int n = v.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum(v) / n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(n * ss / (n - 1));
    }

    /** Observations per parallel task: a fixed block, so the result does not depend on the thread count. */
    static final int BLOCK = 32;

    /** Columns [from, from + count) of the draws × observations matrix m, as count rows of length S. */
    static double[][] columns(double[][] m, int from, int count) {
        double[][] c = new double[count][m.length];
        for (int s = 0; s < m.length; s++) {
            double[] row = m[s];
            for (int j = 0; j < count; j++) {
                c[j][s] = row[from + j];
            }
        }
        return c;
    }

    /** log Σ_s exp(v[s] + add[s]), computed stably. */
    static double logSumExp(double[] v, double[] add) {
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < v.length; s++) {
            max = Math.max(max, v[s] + add[s]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int s = 0; s < v.length; s++) {
            sum += Math.exp(v[s] + add[s] - max);
        }
        return max + Math.log(sum);
    }

    /** log Σ_s exp(v[s]), computed stably (−∞ for no or only −∞ values). */
    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }

    /**
     * Checks that {@code logLik} is a rectangular draws × observations matrix with at least
     * {@code minDraws} rows and one column and finite entries; returns the number of columns.
     */
    static int checkMatrix(String who, double[][] logLik, int minDraws) {
        if (logLik == null || logLik.length < minDraws) {
            throw new IllegalArgumentException(who + ": logLik must have at least " + minDraws
                    + " draws (rows), got " + (logLik == null ? "null" : logLik.length));
        }
        int n = logLik[0] == null ? 0 : logLik[0].length;
        if (n == 0) {
            throw new IllegalArgumentException(who + ": logLik must have at least one observation (column), got 0");
        }
        for (int s = 0; s < logLik.length; s++) {
            if (logLik[s] == null || logLik[s].length != n) {
                throw new IllegalArgumentException(who + ": logLik rows must all have " + n + " observations, row "
                        + s + " has " + (logLik[s] == null ? "null" : logLik[s].length));
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(logLik[s][i])) {
                    throw new IllegalArgumentException(who + ": logLik must be finite, got " + logLik[s][i]
                            + " at draw " + s + ", observation " + i);
                }
            }
        }
        return n;
    }
}
