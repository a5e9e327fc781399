package org.elbo4j.infer;

/**
 * A summary of many Pareto k̂ values ({@link ParetoK}), one per importance-sampling problem (the
 * K weights of one test example, say): their mean and maximum, and how many exceed
 * {@value #THRESHOLD}, above which an importance-sampling estimate is unreliable (Vehtari,
 * Simpson, Gelman, Yao &amp; Gabry 2024, §3.2). NaN values (k̂ not computed) are left out.
 *
 * @param n the number of k̂ values summarised (0 when none was computed)
 * @param mean their mean (NaN when n = 0)
 * @param max their maximum (NaN when n = 0)
 * @param above how many exceed {@value #THRESHOLD}
 * @param fractionAbove {@code above / n} (NaN when n = 0)
 */
public record ParetoKSummary(int n, double mean, double max, int above, double fractionAbove) {

    /** The k̂ above which importance weights are deemed unreliable. */
    public static final double THRESHOLD = 0.7;

    /** The summary of no values. */
    public static final ParetoKSummary NONE = new ParetoKSummary(0, Double.NaN, Double.NaN, 0, Double.NaN);

    /** The summary of {@code khat}, leaving out NaN entries. */
    public static ParetoKSummary of(double[] khat) {
        int n = 0;
        int above = 0;
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (double k : khat) {
            if (Double.isNaN(k)) {
                continue;
            }
            n++;
            sum += k;
            max = Math.max(max, k);
            if (k > THRESHOLD) {
                above++;
            }
        }
        return n == 0 ? NONE : new ParetoKSummary(n, sum / n, max, above, (double) above / n);
    }
}
