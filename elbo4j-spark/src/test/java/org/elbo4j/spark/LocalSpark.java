package org.elbo4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark: one local[2,4] session (two worker threads; a failed task is tried up to 4
 * times, as on a cluster, so tests can kill a task and see Spark re-run it) for the whole test JVM (starting one costs seconds, up
 * to a minute on a loaded machine), created by the first test class that asks and stopped by
 * Spark's own shutdown hook when the JVM exits. Test classes must not stop it.
 */
final class LocalSpark {

    private LocalSpark() {
    }

    /** The local session with two worker threads, 4 task attempts, no UI, bound to the loopback address, no code generation. */
    static synchronized SparkSession session() {
        return SparkSession.builder().master("local[2,4]").appName("elbo4j-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                // tiny queries: interpreted plans start faster than generated code (Janino compiles)
                .config("spark.sql.codegen.wholeStage", "false")
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
    }
}
