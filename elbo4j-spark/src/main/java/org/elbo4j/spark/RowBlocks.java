package org.elbo4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * The rows of a data set held by the executors, one block of float rows per partition, cached,
 * each row with its global index: rows are numbered partition by partition in order
 * (partition p holds rows {@code start[p] … start[p] + count[p] − 1}), which is the order of the
 * DataFrame and so of the local trainers reading the same file.
 *
 * <p>An empty partition is a block of no rows; it takes part in every job and adds nothing.
 */
public final class RowBlocks implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The rows of one partition, row-major {@code [count, d]}. */
    public record Block(int partition, int count, int d, float[] values) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final transient JavaRDD<Block> blocks;
    private final long[] start;
    private final int d;
    private final long n;

    private RowBlocks(JavaRDD<Block> blocks, long[] start, int d, long n) {
        this.blocks = blocks;
        this.start = start;
        this.d = d;
        this.n = n;
    }

    /**
     * Gathers the rows into cached blocks (one Spark job, which also checks every row).
     *
     * @throws IllegalArgumentException if there are no rows or two partitions' rows differ in length
     */
    public static RowBlocks of(JavaRDD<float[]> rows) {
        JavaRDD<Block> blocks = rows.mapPartitionsWithIndex(RowBlocks::gather, true)
                .persist(StorageLevel.MEMORY_ONLY());
        List<Block> shapes = blocks.map(b -> new Block(b.partition(), b.count(), b.d(), null)).collect();
        long[] start = new long[shapes.size() + 1];
        int d = -1;
        for (Block b : shapes) {
            start[b.partition() + 1] = start[b.partition()] + b.count();
            if (b.count() > 0) {
                if (d >= 0 && b.d() != d) {
                    blocks.unpersist(false);
                    throw new IllegalArgumentException("RowBlocks: rows of " + d + " and of " + b.d()
                            + " values (partition " + b.partition() + ")");
                }
                d = b.d();
            }
        }
        long n = start[shapes.size()];
        if (n == 0) {
            blocks.unpersist(false);
            throw new IllegalArgumentException("RowBlocks: the data set has no rows");
        }
        return new RowBlocks(blocks, java.util.Arrays.copyOf(start, shapes.size()), d, n);
    }

    private static Iterator<Block> gather(int partition, Iterator<float[]> it) {
        List<float[]> rows = new ArrayList<>();
        while (it.hasNext()) {
            rows.add(it.next());
        }
        int d = rows.isEmpty() ? 0 : rows.get(0).length;
        float[] values = new float[Math.multiplyExact(rows.size(), d)];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * d, d);
        }
        return List.of(new Block(partition, rows.size(), d, values)).iterator();
    }

    /** The cached blocks, one per partition. */
    public JavaRDD<Block> blocks() {
        return blocks;
    }

    /** The global index of the first row of each partition. */
    public long[] start() {
        return start.clone();
    }

    /** The number of partitions. */
    public int partitions() {
        return start.length;
    }

    /** The number of values per row. */
    public int d() {
        return d;
    }

    /** The number of rows. */
    public long n() {
        return n;
    }

    /** Drops the cached blocks. */
    public void release() {
        blocks.unpersist(false);
    }
}
