package org.elbo4j.cli;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The ranges of a regression table's predictor columns, over all rows and per label (y = 1 and
 * y ≠ 1), and the count of labels equal to 1: what {@code elbo4j fit} and {@code elbo4j spark fit}
 * check before fitting. Rows are added one by one and partial ranges merged (min, max and counts:
 * the result does not depend on the order), so a distributed table is checked by the same code.
 * <ul>
 *   <li>column j is constant when {@code min_j = max_j};</li>
 *   <li>logistic labels are all equal when no or every label is 1;</li>
 *   <li>column j separates the labels when {@code max_j|y=0 < min_j|y=1} or
 *       {@code max_j|y=1 < min_j|y=0}: the maximum likelihood then lies at infinity and only the
 *       prior holds the coefficient.</li>
 * </ul>
 */
final class PredictorRanges implements Serializable {

    private static final long serialVersionUID = 1L;

    private double[] min;
    private double[] max;
    private double[] min0;
    private double[] max0;
    private double[] min1;
    private double[] max1;
    private long rows;
    private long ones;

    /** No rows yet. */
    PredictorRanges() {
    }

    /** Adds one row: the D predictors {@code x[0 … D)} and the label {@code y}. */
    PredictorRanges add(double[] x, int d, double y) {
        if (min == null) {
            min = filled(d, Double.POSITIVE_INFINITY);
            max = filled(d, Double.NEGATIVE_INFINITY);
            min0 = filled(d, Double.POSITIVE_INFINITY);
            max0 = filled(d, Double.NEGATIVE_INFINITY);
            min1 = filled(d, Double.POSITIVE_INFINITY);
            max1 = filled(d, Double.NEGATIVE_INFINITY);
        } else if (d != min.length) {
            throw new IllegalArgumentException("PredictorRanges: rows of " + min.length + " and " + d + " predictors");
        }
        boolean one = y == 1;
        for (int j = 0; j < d; j++) {
            double v = x[j];
            min[j] = Math.min(min[j], v);
            max[j] = Math.max(max[j], v);
            if (one) {
                min1[j] = Math.min(min1[j], v);
                max1[j] = Math.max(max1[j], v);
            } else {
                min0[j] = Math.min(min0[j], v);
                max0[j] = Math.max(max0[j], v);
            }
        }
        rows++;
        ones += one ? 1 : 0;
        return this;
    }

    /** Adds a row holding its D predictors followed by its label (length D + 1). */
    PredictorRanges addRow(double[] row) {
        return add(row, row.length - 1, row[row.length - 1]);
    }

    /** The ranges of both tables (this one is changed and returned). */
    PredictorRanges merge(PredictorRanges o) {
        if (o.min == null) {
            return this;
        }
        if (min == null) {
            return o;
        }
        if (o.min.length != min.length) {
            throw new IllegalArgumentException("PredictorRanges: rows of " + min.length + " and " + o.min.length
                    + " predictors");
        }
        for (int j = 0; j < min.length; j++) {
            min[j] = Math.min(min[j], o.min[j]);
            max[j] = Math.max(max[j], o.max[j]);
            min0[j] = Math.min(min0[j], o.min0[j]);
            max0[j] = Math.max(max0[j], o.max0[j]);
            min1[j] = Math.min(min1[j], o.min1[j]);
            max1[j] = Math.max(max1[j], o.max1[j]);
        }
        rows += o.rows;
        ones += o.ones;
        return this;
    }

    /** The number of predictors (0 before the first row). */
    int columns() {
        return min == null ? 0 : min.length;
    }

    /** Rejects a constant predictor column of {@code source}, named by {@code names}. */
    void checkConstant(String source, List<String> names) {
        for (int k = 0; k < columns(); k++) {
            if (min[k] == max[k]) {
                throw new UserError(source + ": column '" + names.get(k) + "' is constant (every value is " + min[k]
                        + "); remove it (the intercept is already modelled, see --intercept)");
            }
        }
    }

    /**
     * Rejects labels (already known to be 0 or 1) that are all equal, and a single predictor that
     * separates them perfectly.
     */
    void checkLabels(String source, String target, List<String> names) {
        if (ones == 0 || ones == rows) {
            throw new UserError(source + ": column '" + target + "' is " + (ones == 0 ? "0" : "1")
                    + " in every row; logistic regression needs both labels");
        }
        for (int k = 0; k < columns(); k++) {
            if (max0[k] < min1[k] || max1[k] < min0[k]) {
                double cut = max0[k] < min1[k] ? (max0[k] + min1[k]) / 2 : (max1[k] + min0[k]) / 2;
                throw new UserError(source + ": column '" + names.get(k) + "' separates '" + target
                        + "' perfectly (" + target + " = " + (max0[k] < min1[k] ? 1 : 0) + " exactly when "
                        + names.get(k) + " > " + cut + "); the likelihood then pushes its coefficient to infinity and"
                        + " only the prior holds it: remove the column or reconsider the model");
            }
        }
    }

    private static double[] filled(int d, double v) {
        double[] a = new double[d];
        Arrays.fill(a, v);
        return a;
    }
}
