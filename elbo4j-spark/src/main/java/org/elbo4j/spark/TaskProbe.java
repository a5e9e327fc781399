package org.elbo4j.spark;

import java.io.Serializable;

/**
 * A test hook of {@link SparkVaeTrainer}: called on the executor before every partition's step
 * that has rows, with the partition index, epoch and batch index; it may throw to fail the task
 * (Spark then re-runs it, or fails the job after its last attempt).
 */
@FunctionalInterface
interface TaskProbe extends Serializable {

    /** The probe that does nothing. */
    TaskProbe NONE = (p, e, b) -> { };

    void before(int partition, long epoch, int batch);
}
