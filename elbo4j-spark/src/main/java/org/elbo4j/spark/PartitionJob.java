package org.elbo4j.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One Spark job of {@link SparkVaeTrainer}: a value broadcast to the executors, a task per
 * partition turning (its block of rows, the value) into a {@link PartResult}, the results merged
 * by {@code treeReduce} (in any order, to the same result), the broadcast destroyed; with the
 * driver's broadcast and job times for {@link SparkTimings}.
 *
 * @param result the merged result
 * @param broadcastNanos the driver's time to create the broadcast
 * @param jobNanos the time from submitting the job to holding the merged result
 */
record PartitionJob(PartResult result, long broadcastNanos, long jobNanos) {

    /** What one partition computes, on an executor; it must not depend on the executor, thread or attempt. */
    @FunctionalInterface
    interface Task<B> extends Serializable {
        /** The partition's result from its block (its first row's global index {@code start}) and the broadcast value. */
        PartResult apply(RowBlocks.Block block, long start, B value, long fetchNanos);
    }

    /** Runs {@code task} over every partition of {@code data} with {@code value} broadcast. */
    static <B> PartitionJob run(RowBlocks data, B value, Task<B> task) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.blocks().context());
        long t0 = System.nanoTime();
        Broadcast<B> shared = sc.broadcast(value);
        long t1 = System.nanoTime();
        try {
            long[] start = data.start();
            PartResult r = data.blocks().mapPartitions((Iterator<RowBlocks.Block> it) -> {
                RowBlocks.Block block = it.next();
                long f0 = System.nanoTime();
                B v = shared.value();
                long fetch = System.nanoTime() - f0;
                return List.of(task.apply(block, start[block.partition()], v, fetch)).iterator();
            }).treeReduce(PartResult::merge, 2);
            return new PartitionJob(r, t1 - t0, System.nanoTime() - t1);
        } finally {
            shared.destroy();
        }
    }
}
