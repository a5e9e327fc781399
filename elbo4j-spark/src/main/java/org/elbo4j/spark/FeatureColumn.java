package org.elbo4j.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
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
 *
 * <p>Implementation note: the rows are read from Spark's internal (binary) rows of the projection
 * {@code (column, label)} ({@link InternalRows}), not from {@code Row} objects, whose arrays hold
 * boxed numbers: Parquet goes through Spark's vectorized reader, and {@link #read} gives a model
 * builder each row in one reused buffer (no array per row).
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
        Projection p = project(frame, column, label);
        boolean vector = p.vector();
        return p.rows().mapPartitionsWithIndex((partition, it) ->
                RowSource.copies(new InternalRows(it, partition, vector, column, label)), true);
    }

    /**
     * Each partition's rows of {@code column} (and {@code label}, when not null), as
     * {@link #doubles}, given to {@code reader} one at a time in a reused buffer: one result per
     * partition, in partition order, with no array per row.
     *
     * @throws IllegalArgumentException if a column is missing or of the wrong type (a bad row fails
     *     the job, see the class comment)
     */
    static <T> JavaRDD<T> read(Dataset<Row> frame, String column, String label, RowSource.Reader<T> reader) {
        Projection p = project(frame, column, label);
        boolean vector = p.vector();
        return p.rows().mapPartitionsWithIndex((partition, it) ->
                List.of(reader.read(partition, new InternalRows(it, partition, vector, column, label))).iterator(),
                true);
    }

    /** Spark's internal rows of the projection, and whether the features are vectors. */
    private record Projection(JavaRDD<InternalRow> rows, boolean vector) {
    }

    /**
     * The internal rows of {@code (column as array<double> or vector, label as double)}: read
     * from them, Parquet goes through Spark's vectorized reader and no {@code Row} or boxed number
     * is made.
     */
    private static Projection project(Dataset<Row> frame, String column, String label) {
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
        Column x = frame.col(quoted(column));
        if (!vector) {
            x = x.cast(DataTypes.createArrayType(DataTypes.DoubleType));
        }
        Dataset<Row> projection = label == null ? frame.select(x)
                : frame.select(x, frame.col(quoted(label)).cast(DataTypes.DoubleType));
        return new Projection(projection.queryExecution().toRdd().toJavaRDD(), vector);
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
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

    static IllegalArgumentException bad(String column, int partition, int row, String what) {
        return new IllegalArgumentException("FeatureColumn: column '" + column + "' in row " + row + " of partition "
                + partition + " " + what + " (values must be finite numbers)");
    }
}
