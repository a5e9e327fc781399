package org.elbo4j.infer;

/**
 * The p-quantile of a sorted sample by linear interpolation between order statistics (Hyndman and
 * Fan's type 7, R's and NumPy's default):
 * <pre>
 *   h = (n − 1) p,   Q(p) = x_(⌊h⌋) + (h − ⌊h⌋) (x_(⌊h⌋+1) − x_(⌊h⌋))
 * </pre>
 * with 0-based order statistics x_(0) ≤ … ≤ x_(n−1).
 */
public final class SampleQuantile {

    private SampleQuantile() {
    }

    /**
     * Q(p) of {@code sorted} (ascending; not checked), NaN for an empty sample.
     *
     * @throws IllegalArgumentException if p is not in [0, 1]
     */
    public static double of(double[] sorted, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("SampleQuantile: p must be in [0, 1], got " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
