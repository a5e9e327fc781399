package org.elbo4j.bayes;

import org.elbo4j.infer.SampleQuantile;

import java.util.Arrays;

/**
 * Posterior summaries of one parameter, element by element (row-major over its shape), from
 * constrained draws: mean, standard deviation and the 2.5 %, 50 % and 97.5 % quantiles
 * (linear interpolation between order statistics, R's type 7).
 *
 * @param name  the parameter name
 * @param shape the parameter shape
 * @param mean  posterior means
 * @param sd    posterior standard deviations (divisor S − 1)
 * @param q2_5  2.5 % quantiles
 * @param q50   medians
 * @param q97_5 97.5 % quantiles
 */
public record ParameterSummary(String name, int[] shape, double[] mean, double[] sd, double[] q2_5,
        double[] q50, double[] q97_5) {

    /** Copies the arrays. */
    public ParameterSummary {
        shape = shape.clone();
        mean = mean.clone();
        sd = sd.clone();
        q2_5 = q2_5.clone();
        q50 = q50.clone();
        q97_5 = q97_5.clone();
    }

    /**
     * The summary of a scalar from its draws: mean, sd (divisor S − 1) and type-7 quantiles.
     *
     * @throws IllegalArgumentException if there are no draws
     */
    public static ParameterSummary ofDraws(String name, double[] draws) {
        if (draws.length == 0) {
            throw new IllegalArgumentException("ParameterSummary: draws must not be empty");
        }
        double mean = 0;
        for (double v : draws) {
            mean += v;
        }
        mean /= draws.length;
        double ss = 0;
        for (double v : draws) {
            ss += (v - mean) * (v - mean);
        }
        double sd = draws.length > 1 ? Math.sqrt(ss / (draws.length - 1)) : 0;
        double[] sorted = draws.clone();
        Arrays.sort(sorted);
        return new ParameterSummary(name, new int[0], new double[] {mean}, new double[] {sd},
                new double[] {SampleQuantile.of(sorted, 0.025)}, new double[] {SampleQuantile.of(sorted, 0.5)},
                new double[] {SampleQuantile.of(sorted, 0.975)});
    }

    /** The number of elements. */
    public int size() {
        return mean.length;
    }

    /**
     * The label of element {@code i}: the name for a scalar, else {@code name[i]} or
     * {@code name[i,j]} with the row-major multi-index.
     */
    public String elementName(int i) {
        if (shape.length == 0) {
            return name;
        }
        int[] idx = new int[shape.length];
        int rest = i;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = rest % shape[d];
            rest /= shape[d];
        }
        StringBuilder sb = new StringBuilder(name).append('[');
        for (int d = 0; d < idx.length; d++) {
            sb.append(d > 0 ? "," : "").append(idx[d]);
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSummary p && name.equals(p.name) && Arrays.equals(mean, p.mean)
                && Arrays.equals(sd, p.sd);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "ParameterSummary[" + name + ", mean=" + Arrays.toString(mean) + ", sd=" + Arrays.toString(sd) + "]";
    }
}
