package org.elbo4j.spark;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The rows of one partition, one at a time in a buffer that may be reused: its D features, then
 * (when a label column is read) its label. The reader of a partition consumes each row before
 * asking for the next ({@link FeatureColumn#read}); nothing is kept per row.
 */
@FunctionalInterface
interface RowSource {

    /** The next row (possibly the same array as the last call's, overwritten), or null after the last row. */
    double[] next();

    /** The rows of {@code it} (each its own array). */
    static RowSource of(Iterator<double[]> it) {
        return () -> it.hasNext() ? it.next() : null;
    }

    /** The rows of {@code source}, each copied into its own array (read one row ahead). */
    static Iterator<double[]> copies(RowSource source) {
        return new Iterator<>() {
            private double[] ahead;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (ahead == null && !done) {
                    double[] r = source.next();
                    done = r == null;
                    ahead = r == null ? null : r.clone();
                }
                return ahead != null;
            }

            @Override
            public double[] next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException("RowSource: no more rows");
                }
                double[] r = ahead;
                ahead = null;
                return r;
            }
        };
    }

    /**
     * What one partition's rows become: called once per partition, on the executor.
     *
     * @param <T> the partition's result
     */
    @FunctionalInterface
    interface Reader<T> extends Serializable {

        /** The result of partition {@code partition}'s rows. */
        T read(int partition, RowSource rows);
    }
}
