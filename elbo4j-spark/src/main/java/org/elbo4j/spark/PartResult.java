package org.elbo4j.spark;

import java.io.Serializable;

/**
 * What the partitions of one Spark job of {@link SparkVaeTrainer} send back, merged in any order
 * with the same result: the fixed-tree sum of their values ({@link TreeSum}: a partial gradient in
 * synchronous mode, weights and Adam moments in averaging mode), counts summed, the slowest
 * partition's times, and the first non-finite step (lowest partition index), if any.
 *
 * @param sum the values summed over the partitions in the fixed tree
 * @param rows the number of rows whose loss is in {@code sum.scalar()}
 * @param contributors the number of partitions with a non-empty leaf
 * @param maxApplied the most updates one partition applied (averaging mode)
 * @param rollbacks the dropped steps, summed over partitions (averaging mode)
 * @param fetchNanos the longest time a partition took to read the broadcast values
 * @param computeNanos the longest time a partition took to compute its leaf
 * @param problemPartition the lowest partition that met a non-finite step it could not drop, else −1
 * @param problemBatch that step's batch index in its epoch
 * @param problem what was not finite, else null
 * @param rateScale the smallest learning-rate factor s a partition ended its round with (averaging mode; 1 otherwise)
 * @param droppedInARow the most steps a partition had dropped in a row at the end of its round (averaging mode)
 */
record PartResult(TreeSum sum, long rows, int contributors, long maxApplied, int rollbacks, long fetchNanos,
        long computeNanos, int problemPartition, long problemBatch, String problem, double rateScale,
        int droppedInARow) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One partition's result with no problem. */
    static PartResult of(TreeSum leaf, long rows, boolean contributes, long applied, int rollbacks, long fetchNanos,
            long computeNanos) {
        return new PartResult(leaf, rows, contributes ? 1 : 0, applied, rollbacks, fetchNanos, computeNanos, -1, -1,
                null, 1, 0);
    }

    /** This result with a partition's rollback state at the end of its round. */
    PartResult withRollbackState(double scale, int inARow) {
        return new PartResult(sum, rows, contributors, maxApplied, rollbacks, fetchNanos, computeNanos,
                problemPartition, problemBatch, problem, scale, inARow);
    }

    /** This result marked with a non-finite step at {@code batch} of {@code partition}. */
    PartResult withProblem(int partition, long batch, String what) {
        return new PartResult(sum, rows, contributors, maxApplied, rollbacks, fetchNanos, computeNanos, partition,
                batch, what, rateScale, droppedInARow);
    }

    /** The union of two partial results (commutative and associative: the sum is merged in its fixed tree). */
    static PartResult merge(PartResult a, PartResult b) {
        PartResult first = b.problem == null || (a.problem != null && a.problemPartition < b.problemPartition) ? a : b;
        return new PartResult(a.sum.merge(b.sum), a.rows + b.rows, a.contributors + b.contributors,
                Math.max(a.maxApplied, b.maxApplied), a.rollbacks + b.rollbacks, Math.max(a.fetchNanos, b.fetchNanos),
                Math.max(a.computeNanos, b.computeNanos), first.problemPartition, first.problemBatch, first.problem,
                Math.min(a.rateScale, b.rateScale), Math.max(a.droppedInARow, b.droppedInARow));
    }
}
