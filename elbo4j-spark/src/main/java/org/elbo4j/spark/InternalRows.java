package org.elbo4j.spark;

import java.util.Iterator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;

/**
 * A {@link RowSource} over Spark's internal rows of a two-column projection (features: a vector,
 * or an array of doubles; then, optionally, a double label), as {@link FeatureColumn#read} makes
 * them: the values are read straight from Spark's binary rows (no {@code Row} objects, no boxed
 * numbers) into one reused buffer of length D (+ 1 with a label). Every row must have the same
 * length and only finite values; a bad row throws an {@link IllegalArgumentException} naming the
 * column, the row's position in its partition and the value.
 */
final class InternalRows implements RowSource {

    private static final VectorUDT VECTOR = new VectorUDT();

    private final Iterator<InternalRow> rows;
    private final int partition;
    private final boolean vector;
    private final String column;
    private final String label;
    private double[] buffer;
    private int row;

    InternalRows(Iterator<InternalRow> rows, int partition, boolean vector, String column, String label) {
        this.rows = rows;
        this.partition = partition;
        this.vector = vector;
        this.column = column;
        this.label = label;
    }

    @Override
    public double[] next() {
        if (!rows.hasNext()) {
            return null;
        }
        InternalRow r = rows.next();
        if (r.isNullAt(0)) {
            throw bad(column, "is null");
        }
        int extra = label == null ? 0 : 1;
        if (vector) {
            double[] v = VECTOR.deserialize(r.getStruct(0, 4)).toArray();
            System.arraycopy(v, 0, buffer(v.length + extra), 0, v.length);
        } else {
            ArrayData a = r.getArray(0);
            int n = a.numElements();
            double[] b = buffer(n + extra);
            for (int j = 0; j < n; j++) {
                if (a.isNullAt(j)) {
                    throw bad(column, "has a null or non-numeric value at " + j);
                }
                b[j] = a.getDouble(j);
            }
        }
        if (label != null) {
            if (r.isNullAt(1)) {
                throw bad(label, "is null");
            }
            buffer[buffer.length - 1] = r.getDouble(1);
        }
        for (int j = 0; j < buffer.length; j++) {
            if (!Double.isFinite(buffer[j])) {
                throw bad(j < buffer.length - extra ? column : label, "has " + buffer[j] + " at " + j);
            }
        }
        row++;
        return buffer;
    }

    /** The buffer, of {@code length} (the first row's) or a ragged-row error. */
    private double[] buffer(int length) {
        if (buffer == null) {
            buffer = new double[length];
        } else if (length != buffer.length) {
            int extra = label == null ? 0 : 1;
            throw new IllegalArgumentException("FeatureColumn: column '" + column + "' has " + (length - extra)
                    + " values in row " + row + " of partition " + partition + " but " + (buffer.length - extra)
                    + " in the rows before");
        }
        return buffer;
    }

    private IllegalArgumentException bad(String name, String what) {
        return FeatureColumn.bad(name, partition, row, what);
    }
}
