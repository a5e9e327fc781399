package org.elbo4j.mixture;

/**
 * N points in d dimensions, held in blocks of {@link #BLOCK} points stored column by column (the
 * d coordinates of a block are d contiguous runs of {@link #BLOCK} doubles), the layout of the
 * mixture kernels: a component's Mahalanobis distances for a block are d(d+1)/2 long
 * multiply-add loops over contiguous memory. The last block is padded with zeros, which no
 * kernel reads.
 *
 * <p>Blocks are grouped into tasks of {@link #TASK_BLOCKS} blocks; the task boundaries depend on
 * N alone, so sums over tasks taken in task order are the same whatever the thread count.
 */
public final class MixtureData {

    /** Points per block. */
    static final int BLOCK = 128;
    /** Blocks per parallel task. */
    static final int TASK_BLOCKS = 16;

    private final int n;
    private final int d;
    private final int blocks;
    private final double[] values;

    private MixtureData(int n, int d, double[] values) {
        this.n = n;
        this.d = d;
        this.blocks = (n + BLOCK - 1) / BLOCK;
        this.values = values;
    }

    /**
     * The points {@code rows[i]} (copied).
     *
     * @throws IllegalArgumentException if there are no rows, no columns, rows of different
     *     lengths or a value that is not finite (naming the row and column, from 0)
     */
    public static MixtureData of(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("MixtureData: rows must not be empty");
        }
        int d = rows[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("MixtureData: rows must have at least one column");
        }
        int n = rows.length;
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] v = new double[blocks * d * BLOCK];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("MixtureData: row " + i + " has " + rows[i].length
                        + " values, row 0 has " + d);
            }
            int base = (i / BLOCK) * d * BLOCK + i % BLOCK;
            for (int j = 0; j < d; j++) {
                double x = rows[i][j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("MixtureData: row " + i + ", column " + j
                            + " must be finite, got " + x);
                }
                v[base + j * BLOCK] = x;
            }
        }
        return new MixtureData(n, d, v);
    }

    /** The number of points N. */
    public int size() {
        return n;
    }

    /** The dimension d. */
    public int dimension() {
        return d;
    }

    /** Coordinate j of point i. */
    public double get(int i, int j) {
        return values[(i / BLOCK) * d * BLOCK + j * BLOCK + i % BLOCK];
    }

    /** Point i as a new array. */
    public double[] row(int i) {
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            r[j] = get(i, j);
        }
        return r;
    }

    int blocks() {
        return blocks;
    }

    int tasks() {
        return (blocks + TASK_BLOCKS - 1) / TASK_BLOCKS;
    }

    /** The number of real points in block b. */
    int count(int b) {
        return Math.min(BLOCK, n - b * BLOCK);
    }

    /** The offset of block b in {@link #values()}. */
    int offset(int b) {
        return b * d * BLOCK;
    }

    double[] values() {
        return values;
    }
}
