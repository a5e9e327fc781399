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
        return doubles(frame, column, null).map(FeatureColumn::toFloat);
    }

    /**
     * The rows of {@code column} in double, each followed by the row's value of the numeric
     * column {@code label} when it is not null (so of length D + 1).
     *
     * @throws IllegalArgumentException if a column is missing or of the wrong type
     */
    public static JavaRDD<double[]> doubles(Dataset<Row> frame, String column, String label) {
        int index = index(frame, column);
        DataType type = frame.schema().fields()[index].dataType();
        boolean vector = type instanceof VectorUDT;
        if (!vector && !(type instanceof ArrayType a && a.elementType() instanceof NumericType)) {
            throw new IllegalArgumentException("FeatureColumn: column '" + column + "' has type "
                    + type.simpleString() + "; expected a vector or an array of numbers");
        }
        int labelIndex = label == null ? -1 : index(frame, label);
        if (label != null && !(frame.schema().fields()[labelIndex].dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("FeatureColumn: column '" + label + "' has type "
                    + frame.schema().fields()[labelIndex].dataType().simpleString() + "; expected numbers");
        }
        return frame.toJavaRDD().mapPartitionsWithIndex((partition, it) -> new java.util.Iterator<double[]>() {
            private int row;
            private int length = -1;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public double[] next() {
                Row r = it.next();
                double[] x = convert(r, index, vector, column, partition, row, labelIndex, label);
                if (length >= 0 && x.length != length) {
                    throw new IllegalArgumentException("FeatureColumn: column '" + column + "' has "
                            + (x.length - (label == null ? 0 : 1)) + " values in row " + row + " of partition "
                            + partition + " but " + (length - (label == null ? 0 : 1)) + " in the rows before");
                }
                length = x.length;
                row++;
                return x;
            }
        }, true);
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            f[j] = (float) x[j];
        }
        return f;
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

    private static double[] convert(Row r, int index, boolean vector, String column, int partition, int row,
            int labelIndex, String label) {
        if (r.isNullAt(index)) {
            throw bad(column, partition, row, "is null");
        }
        double[] x;
        int extra = labelIndex < 0 ? 0 : 1;
        if (vector) {
            double[] v = ((Vector) r.get(index)).toArray();
            x = java.util.Arrays.copyOf(v, v.length + extra);
        } else {
            List<Object> list = r.getList(index);
            x = new double[list.size() + extra];
            for (int j = 0; j < list.size(); j++) {
                Object o = list.get(j);
                if (o == null) {
                    throw bad(column, partition, row, "has a null or non-numeric value at " + j);
                }
                x[j] = ((Number) o).doubleValue();
            }
        }
        if (labelIndex >= 0) {
            if (r.isNullAt(labelIndex)) {
                throw bad(label, partition, row, "is null");
            }
            x[x.length - 1] = ((Number) r.get(labelIndex)).doubleValue();
        }
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                throw bad(j < x.length - extra ? column : label, partition, row, "has " + x[j] + " at " + j);
            }
        }
        return x;
    }

    private static IllegalArgumentException bad(String column, int partition, int row, String what) {
        return new IllegalArgumentException("FeatureColumn: column '" + column + "' in row " + row + " of partition "
                + partition + " " + what + " (values must be finite numbers)");
    }
}
