package org.elbo4j.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * The rows of a DataFrame's feature column as float arrays, one per row, in the DataFrame's
 * partitions and order: the input of every distributed job of this module.
 *
 * <p>The column holds an {@code org.apache.spark.ml.linalg.Vector} (dense or sparse, as built by
 * {@code VectorAssembler}) or an array of numbers ({@code array<float>}, {@code array<double>},
 * ...). Values are converted to float32 as the local trainers read them. Every row must have the
 * same length, and no value may be null, NaN or ±∞: such a row fails the job with an
 * {@link IllegalArgumentException} naming the column, the row's position in its partition and
 * the value (Spark wraps it in a {@code SparkException} whose cause it is).
 */
public final class FeatureColumn {

    private FeatureColumn() {
    }

    /**
     * The float rows of {@code column}.
     *
     * @throws IllegalArgumentException if there is no such column or it holds neither vectors nor arrays of numbers
     */
    public static JavaRDD<float[]> rows(Dataset<Row> frame, String column) {
        int index = index(frame, column);
        DataType type = frame.schema().fields()[index].dataType();
        boolean vector = type instanceof VectorUDT;
        if (!vector && !(type instanceof ArrayType a && a.elementType() instanceof NumericType)) {
            throw new IllegalArgumentException("FeatureColumn: column '" + column + "' has type "
                    + type.simpleString() + "; expected a vector or an array of numbers");
        }
        return frame.toJavaRDD().mapPartitionsWithIndex((partition, it) -> new java.util.Iterator<float[]>() {
            private int row;
            private int length = -1;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public float[] next() {
                Row r = it.next();
                float[] x = convert(r, index, vector, column, partition, row);
                if (length >= 0 && x.length != length) {
                    throw new IllegalArgumentException("FeatureColumn: column '" + column + "' has " + x.length
                            + " values in row " + row + " of partition " + partition + " but " + length
                            + " in the rows before");
                }
                length = x.length;
                row++;
                return x;
            }
        }, true);
    }

    /** The position of {@code column} in the schema. */
    static int index(Dataset<Row> frame, String column) {
        StructField[] fields = frame.schema().fields();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("FeatureColumn: no column '" + column + "' (the columns are "
                + Arrays.toString(frame.columns()) + ")");
    }

    private static float[] convert(Row r, int index, boolean vector, String column, int partition, int row) {
        if (r.isNullAt(index)) {
            throw bad(column, partition, row, "is null");
        }
        float[] x;
        if (vector) {
            double[] v = ((Vector) r.get(index)).toArray();
            x = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                x[j] = (float) v[j];
            }
        } else {
            List<Object> list = r.getList(index);
            x = new float[list.size()];
            for (int j = 0; j < x.length; j++) {
                Object o = list.get(j);
                if (o == null) {
                    throw bad(column, partition, row, "has a null at " + j);
                }
                x[j] = ((Number) o).floatValue();
            }
        }
        for (int j = 0; j < x.length; j++) {
            if (!Float.isFinite(x[j])) {
                throw bad(column, partition, row, "has " + x[j] + " at " + j);
            }
        }
        return x;
    }

    private static IllegalArgumentException bad(String column, int partition, int row, String what) {
        return new IllegalArgumentException("FeatureColumn: column '" + column + "' in row " + row + " of partition "
                + partition + " " + what + " (values must be finite numbers)");
    }
}
