package org.elbo4j.spark;

import java.io.Serializable;

/**
 * A summary of the rows of a data set taken in the pass that builds a partitioned model
 * ({@link SparkLogisticRegression#of(org.apache.spark.api.java.JavaRDD, double, boolean, RowSummary)},
 * {@link SparkLinearRegression}), so that input checks need no pass of their own: each partition
 * folds its rows into {@link #zero()} with {@link #add}, and the driver merges the partitions'
 * summaries in partition order with {@link #merge}.
 *
 * @param <S> the summary (serializable: it travels from the executors to the driver)
 */
public interface RowSummary<S extends Serializable> extends Serializable {

    /** The summary of no rows. */
    S zero();

    /**
     * {@code s} with {@code row} (its features followed by its response) added; may change and
     * return s. The row's array may be reused for the next row: read it, do not keep it.
     */
    S add(S s, double[] row);

    /** The summary of the rows of a and then b; may change and return a. */
    S merge(S a, S b);
}
