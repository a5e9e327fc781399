package org.elbo4j.spark;

import org.apache.spark.sql.SparkSession;

/** {@link LocalSpark} for the tests of other packages. */
public final class LocalSparkAccess {

    private LocalSparkAccess() {
    }

    /** The test JVM's local[2] session. */
    public static SparkSession session() {
        return LocalSpark.session();
    }
}
