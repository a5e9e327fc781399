package org.elbo4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.elbo4j.data.Idx;
import org.elbo4j.data.Mnist;
import org.elbo4j.io.CsvTable;

/**
 * DataFrames from the files elbo4j reads: Parquet (as written by Spark or
 * {@link ParquetConverter}), CSV (every column a number, as the local commands read it) and the
 * IDX files of MNIST ({@link Idx}).
 *
 * <p>CSV and IDX come out with one column {@value #FEATURES} ({@code array<float>}, the values of
 * a row in column order), IDX with {@value #LABEL} too when the labels are there. CSV follows
 * {@code io.CsvTable}'s rule ({@link #csvColumns}); a non-numeric cell becomes a null in the
 * array, which {@link FeatureColumn} reports with its row.
 */
public final class SparkSources {

    /** The name of the feature column of CSV and IDX input. */
    public static final String FEATURES = "features";
    /**
     * The column of row numbers that {@link ParquetConverter} writes: Spark reads the part files of a
     * Parquet directory largest first, so the rows are put back in order by it (and it is dropped).
     */
    public static final String INDEX = "row_index";
    /** The name of the label column of IDX input. */
    public static final String LABEL = "label";

    /** Why IDX input cannot be a Hadoop URI, and what to do instead. */
    public static final String IDX_LOCAL_ONLY = "IDX files are read on the driver and must be a local path;"
            + " convert them to Parquet (elbo4j spark convert --data DIR --out x.parquet) and put that on the"
            + " cluster's file system";

    private SparkSources() {
    }

    /** {@link #read(SparkSession, DataLocation)} of a local path. */
    public static Dataset<Row> read(SparkSession spark, Path path) throws IOException {
        return read(spark, DataLocation.of(path));
    }

    /**
     * Reads {@code at} by its kind: a directory of MNIST IDX files (its training part), an IDX
     * images file ({@code *-idx3-ubyte[.gz]}), a CSV file ({@code .csv}), or Parquet (a
     * {@code .parquet} file or a directory of Parquet parts). IDX is read on the driver, so it must
     * be a local path; CSV and Parquet may be Hadoop URIs.
     *
     * @throws IllegalArgumentException if the location does not exist, is IDX at a Hadoop URI, or is
     *     of no known kind
     */
    public static Dataset<Row> read(SparkSession spark, DataLocation at) throws IOException {
        String name = at.name();
        if (!at.exists(spark)) {
            throw new IllegalArgumentException(at + ": no such file or directory");
        }
        boolean mnist = at.hasChild(spark, Mnist.TRAIN_IMAGES) || at.hasChild(spark, Mnist.TRAIN_IMAGES + ".gz");
        if (mnist || name.contains("idx3-ubyte")) {
            if (at.isHadoop()) {
                throw new IllegalArgumentException(at + ": " + IDX_LOCAL_ONLY);
            }
            return mnist ? idx(spark, Mnist.load(at.local()).train()) : idx(spark, Idx.readImages(at.local()));
        }
        if (name.endsWith(".csv")) {
            return csv(spark, at);
        }
        if (name.endsWith(".parquet") || at.isDirectory(spark)) {
            return parquet(spark, at);
        }
        throw new IllegalArgumentException(at + ": expected a Parquet file or directory, a .csv file, an IDX"
                + " images file or a directory of MNIST IDX files");
    }

    /**
     * A Parquet file or directory, its rows in the order of the column {@value #INDEX} when it has
     * one (which is then dropped), else as Spark reads them.
     */
    public static Dataset<Row> parquet(SparkSession spark, Path path) {
        return parquet(spark, DataLocation.of(path));
    }

    /** {@link #parquet(SparkSession, Path)} at a local path or a Hadoop URI. */
    public static Dataset<Row> parquet(SparkSession spark, DataLocation at) {
        Dataset<Row> frame = spark.read().parquet(at.uri());
        return java.util.Arrays.asList(frame.columns()).contains(INDEX) ? frame.orderBy(INDEX).drop(INDEX) : frame;
    }

    /**
     * A CSV file of numbers as a DataFrame with one {@code array<float>} column {@value #FEATURES}.
     *
     * @throws IllegalArgumentException if the file has no non-blank line; a cell that is not a
     *     number fails the first job over the rows (a null in the array, see {@link FeatureColumn})
     */
    public static Dataset<Row> csv(SparkSession spark, DataLocation at) throws IOException {
        Dataset<Row> cells = csvColumns(spark, at, DataTypes.FloatType);
        List<Column> columns = new ArrayList<>();
        for (String c : cells.columns()) {
            columns.add(functions.col("`" + c + "`"));
        }
        return cells.select(functions.array(columns.toArray(new Column[0])).as(FEATURES));
    }

    /**
     * A CSV file as a DataFrame of one numeric column of {@code type} per CSV column, read by the
     * one rule of elbo4j's CSV readers ({@code io.CsvTable}): the first non-blank line (byte-order
     * mark removed) is a header when {@link CsvTable#isHeaderLine} says so, its cells the column
     * names, else the columns are named 1, 2, …; cells are trimmed and then unwrapped from one pair
     * of double quotes; a cell that is a decimal number ({@link CsvTable#DECIMAL_REGEX}) is its value,
     * any other (text, NaN, Infinity, empty) a null, which the job over the rows reports.
     *
     * @throws IllegalArgumentException if the file has no non-blank line
     */
    public static Dataset<Row> csvColumns(SparkSession spark, DataLocation at, DataType type) throws IOException {
        boolean header = CsvTable.isHeaderLine(at.firstLine(spark));
        // Spark's parser trims the blanks around a cell (the whitespace options), unwraps its quotes (keeping
        // blanks inside them, as CsvTable does) and skips blank lines
        Dataset<Row> raw = spark.read().option("header", header).option("inferSchema", false)
                .option("ignoreLeadingWhiteSpace", true).option("ignoreTrailingWhiteSpace", true)
                .option("mode", "PERMISSIVE").csv(at.uri());
        String[] names = raw.columns();
        List<Column> cells = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            Column cell = functions.col("`" + names[c] + "`");
            cells.add(functions.when(cell.rlike("^(" + CsvTable.DECIMAL_REGEX + ")$"), cell.cast(type))
                    .as(header ? names[c] : Integer.toString(c + 1)));
        }
        return raw.select(cells.toArray(new Column[0]));
    }

    /** An in-memory data set (IDX, say) as a DataFrame of {@value #FEATURES} and, if present, {@value #LABEL}. */
    public static Dataset<Row> idx(SparkSession spark, org.elbo4j.data.Dataset data) {
        int[] labels = data.labels().orElse(null);
        StructType schema = new StructType().add(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        if (labels != null) {
            schema = schema.add(LABEL, DataTypes.IntegerType, false);
        }
        float[] v = data.values().data();
        int d = data.d();
        List<Row> rows = new ArrayList<>(data.n());
        for (int i = 0; i < data.n(); i++) {
            float[] x = java.util.Arrays.copyOfRange(v, i * d, (i + 1) * d);
            rows.add(labels == null ? RowFactory.create((Object) x) : RowFactory.create(x, labels[i]));
        }
        return spark.createDataFrame(rows, schema);
    }

    /**
     * {@code frame} with its row number (0, 1, … in partition order) as the last column {@code name}
     * ({@code long}).
     */
    public static Dataset<Row> withRowIndex(SparkSession spark, Dataset<Row> frame, String name) {
        StructType schema = frame.schema().add(name, DataTypes.LongType, false);
        org.apache.spark.api.java.JavaRDD<Row> indexed = frame.javaRDD().zipWithIndex().map(t -> {
            Object[] values = new Object[t._1().size() + 1];
            for (int i = 0; i < values.length - 1; i++) {
                values[i] = t._1().get(i);
            }
            values[values.length - 1] = t._2();
            return RowFactory.create(values);
        });
        return spark.createDataFrame(indexed, schema);
    }

    /**
     * The rows of {@code frame} in {@code partitions} partitions, in their order (partition p
     * holds a range of rows, each in order), unlike {@code repartition}, which deals rows out round
     * robin and so changes which rows form a minibatch.
     */
    public static Dataset<Row> repartitionInOrder(Dataset<Row> frame, int partitions) {
        String index = "__elbo4j_row";
        return withRowIndex(frame.sparkSession(), frame, index)
                .repartitionByRange(partitions, functions.col(index)).sortWithinPartitions(index).drop(index);
    }

}
