package org.elbo4j.bayes.models;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a regression table, appended one at a time by a reader that does not know their
 * number in advance (a Spark partition), and then handed to a model without another copy
 * ({@link LogisticRegression#of(DesignRows, double, boolean)}): the design X (N × D) in both the
 * layouts the kernels read, row-major {@code x[n·D + j]} and column-major {@code columns[j][n]},
 * and the responses y (N).
 *
 * <p>Implementation note: rows go into row-major chunks whose size doubles up to
 * {@value #CHUNK_DOUBLES} doubles (8 MiB, above G1's humongous-object size, so that the JVM
 * allocates them directly in the old generation rather than copying them through the young one);
 * {@link #finish()} allocates the final arrays once and fills them chunk by chunk, the column copy
 * from a chunk that fits in the cache. A row is read only during {@link #add}: the caller may
 * reuse its buffer. Not thread-safe.
 */
public final class DesignRows {

    /** The largest chunk, in doubles. */
    static final int CHUNK_DOUBLES = 1 << 20;
    private static final int FIRST_CHUNK_ROWS = 64;
    /** The most values X may hold: N·D must index one Java array. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final String owner;
    private final int features;
    private final List<double[]> chunks = new ArrayList<>();
    private final List<double[]> labelChunks = new ArrayList<>();
    private double[] chunk;
    private double[] labels;
    /** Rows in the current chunk. */
    private int fill;
    private int rows;
    private double[] x;
    private double[][] columns;
    private double[] y;

    private DesignRows(String owner, int features) {
        this.owner = owner;
        this.features = features;
    }

    /**
     * No rows yet, each to hold {@code features} values; {@code owner} names the model in error messages.
     *
     * @throws IllegalArgumentException if features is not positive
     */
    public static DesignRows of(String owner, int features) {
        if (features < 1) {
            throw new IllegalArgumentException(owner + ": X must have at least one column, got " + features);
        }
        return new DesignRows(owner, features);
    }

    /**
     * Appends the row {@code row[0 … D)} with response {@code response} (values copied; the
     * buffer may be reused). Entries past D are ignored.
     *
     * @throws IllegalArgumentException if the row is shorter than D, a value or the response is not
     *     finite, N·D would exceed one Java array, or {@link #finish()} was called
     */
    public void add(double[] row, double response) {
        if (x != null) {
            throw new IllegalArgumentException(owner + ": rows added after finish()");
        }
        if (row.length < features) {
            throw new IllegalArgumentException(owner + ": row " + rows + " of X has " + row.length
                    + " columns, expected " + features);
        }
        for (int j = 0; j < features; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(owner + ": X must be finite, got " + row[j] + " in row " + rows);
            }
        }
        if (!Double.isFinite(response)) {
            throw new IllegalArgumentException(owner + ": y must be finite, got " + response + " at " + rows);
        }
        if ((long) (rows + 1) * features > MAX_VALUES) {
            throw new IllegalArgumentException(owner + ": more than " + MAX_VALUES / features + " rows of " + features
                    + " values do not fit in one array (split the data into more parts)");
        }
        if (chunk == null || fill == labels.length) {
            int capacity = Math.max(1, CHUNK_DOUBLES / features);
            int size = Math.min(capacity, Math.max(FIRST_CHUNK_ROWS, rows));
            chunk = new double[size * features];
            labels = new double[size];
            chunks.add(chunk);
            labelChunks.add(labels);
            fill = 0;
        }
        System.arraycopy(row, 0, chunk, fill * features, features);
        labels[fill++] = response;
        rows++;
    }

    /** The number of rows added. */
    public int rows() {
        return rows;
    }

    /** D. */
    public int features() {
        return features;
    }

    /**
     * Builds the final arrays (once; later calls return at once) and drops the chunks.
     *
     * @throws IllegalArgumentException if there are no rows
     */
    void finish() {
        if (x != null) {
            return;
        }
        if (rows == 0) {
            throw new IllegalArgumentException(owner + ": X and y must be non-empty");
        }
        int d = features;
        x = new double[rows * d];
        columns = new double[d][rows];
        y = new double[rows];
        int base = 0;
        for (int c = 0; c < chunks.size(); c++) {
            double[] part = chunks.get(c);
            double[] lab = labelChunks.get(c);
            int count = Math.min(lab.length, rows - base);
            System.arraycopy(part, 0, x, base * d, count * d);
            System.arraycopy(lab, 0, y, base, count);
            for (int j = 0; j < d; j++) {
                double[] col = columns[j];
                for (int i = 0, o = j; i < count; i++, o += d) {
                    col[base + i] = part[o];
                }
            }
            chunks.set(c, null);
            labelChunks.set(c, null);
            base += count;
        }
        chunks.clear();
        labelChunks.clear();
        chunk = null;
        labels = null;
    }

    /** X row-major (N·D), after {@link #finish()}. */
    double[] rowMajor() {
        return x;
    }

    /** The D columns of X (each of length N), after {@link #finish()}. */
    double[][] columns() {
        return columns;
    }

    /** y (N), after {@link #finish()}. */
    double[] responses() {
        return y;
    }
}
