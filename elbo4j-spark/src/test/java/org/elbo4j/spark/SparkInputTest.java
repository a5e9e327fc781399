package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.elbo4j.data.Idx;
import org.elbo4j.io.CsvTable;
import org.elbo4j.io.DataFileException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DataFrame input: vector and array columns, CSV, IDX, and the IDX/CSV → Parquet converter. */
class SparkInputTest {

    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
    }

    private static List<float[]> collect(Dataset<Row> frame, String column) {
        return FeatureColumn.rows(frame, column).collect();
    }

    @Test
    void vectorAndArrayColumnsGiveTheSameRows() {
        StructType vectors = new StructType().add("v", new VectorUDT(), false);
        Dataset<Row> a = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2.5, -3)),
                RowFactory.create(Vectors.sparse(3, new int[] {1}, new double[] {4}))), vectors);
        StructType arrays = new StructType().add("a", DataTypes.createArrayType(DataTypes.DoubleType), false);
        Dataset<Row> b = spark.createDataFrame(List.of(RowFactory.create((Object) new double[] {1, 2.5, -3}),
                RowFactory.create((Object) new double[] {0, 4, 0})), arrays);
        List<float[]> ra = collect(a, "v");
        List<float[]> rb = collect(b, "a");
        assertEquals(2, ra.size());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(rb.get(i), ra.get(i), 0f);
        }
        assertArrayEquals(new float[] {0, 4, 0}, ra.get(1), 0f);
    }

    @Test
    void missingColumnWrongTypeNanAndRaggedRowsAreNamed() {
        StructType schema = new StructType().add("a", DataTypes.createArrayType(DataTypes.DoubleType), false)
                .add("s", DataTypes.StringType, false);
        Dataset<Row> f = spark.createDataFrame(List.of(RowFactory.create(new double[] {1, Double.NaN}, "x"),
                RowFactory.create(new double[] {1}, "y")), schema).coalesce(1);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> FeatureColumn.rows(f, "features"));
        assertTrue(missing.getMessage().contains("no column 'features'"), missing.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> FeatureColumn.rows(f, "s"));
        assertTrue(type.getMessage().contains("has type string"), type.getMessage());
        Exception nan = assertThrows(Exception.class, () -> collect(f, "a"));
        assertTrue(SparkErrors.message(nan).contains("row 0 of partition 0 has NaN at 1"), SparkErrors.message(nan));
        Dataset<Row> ragged = spark.createDataFrame(List.of(RowFactory.create(new double[] {1, 2}, "x"),
                RowFactory.create(new double[] {1}, "y")), schema).coalesce(1);
        Exception r = assertThrows(Exception.class, () -> collect(ragged, "a"));
        assertTrue(SparkErrors.message(r).contains("has 1 values in row 1"), SparkErrors.message(r));
    }

    @Test
    void csvWithAndWithoutHeaderAndANonNumericCell() throws IOException {
        Path withHeader = tmp.resolve("h.csv");
        Files.writeString(withHeader, "a,b\n0.5,1\n0.25,0\n");
        Path plain = tmp.resolve("p.csv");
        Files.writeString(plain, "0.5,1\n0.25,0\n");
        for (Path p : List.of(withHeader, plain)) {
            List<float[]> rows = collect(SparkSources.read(spark, p), SparkSources.FEATURES);
            assertEquals(2, rows.size(), p.toString());
            assertArrayEquals(new float[] {0.25f, 0}, rows.get(1), 0f);
        }
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "0.5,1\n0.25,zero\n");
        Exception e = assertThrows(Exception.class, () -> collect(SparkSources.read(spark, bad), SparkSources.FEATURES));
        assertTrue(SparkErrors.message(e).contains("row 1 of partition 0 has a null or non-numeric value at 1"), SparkErrors.message(e));
    }

    /**
     * Quoted numbers, with and without blanks around the quotes, and a quoted first line of numbers
     * (data, not a header): the same rows as the local reader {@code io.CsvTable}; a quoted header is
     * a header; "NaN" and a number with blanks inside its quotes are rejected, as locally.
     */
    @Test
    void csvFollowsTheLocalReadersRuleOnQuotedCells() throws IOException {
        Path quoted = tmp.resolve("q.csv");
        Files.writeString(quoted, "\"0.5\",1\n0.25, \"-2e-1\" \n\n\"3\",\"4\"\n");
        double[][] local = CsvTable.read(quoted).rows();
        assertEquals(3, local.length);
        List<float[]> rows = collect(SparkSources.read(spark, quoted), SparkSources.FEATURES);
        assertEquals(local.length, rows.size());
        for (int i = 0; i < local.length; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals((float) local[i][j], rows.get(i)[j], 0f, "row " + i + ", column " + j);
            }
        }
        Path header = tmp.resolve("qh.csv");
        Files.writeString(header, "\"x\",\"y\"\n\"1.5\",0\n");
        Dataset<Row> named = SparkSources.csvColumns(spark, DataLocation.of(header), DataTypes.DoubleType);
        assertEquals(List.of("x", "y"), List.of(named.columns()));
        assertEquals(1.5, named.first().getDouble(0), 0.0);
        Path nan = tmp.resolve("nan.csv");
        Files.writeString(nan, "1,2\nNaN,3\n");
        Path padded = tmp.resolve("padded.csv");
        Files.writeString(padded, "1,2\n\" 3\",4\n");
        for (Path p : List.of(nan, padded)) {
            assertThrows(DataFileException.class, () -> CsvTable.read(p));
            Exception e = assertThrows(Exception.class, () -> collect(SparkSources.read(spark, p), SparkSources.FEATURES));
            assertTrue(SparkErrors.message(e).contains("row 1 of partition 0 has a null or non-numeric value at 0"),
                    SparkErrors.message(e));
        }
    }

    /** A 3-image 2×2 IDX file read directly and after conversion to Parquet gives the same rows in order. */
    @Test
    void idxConvertsToParquetKeepingTheRows() throws IOException {
        Path idx = tmp.resolve("images-idx3-ubyte");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(idx))) {
            out.writeInt(Idx.IMAGES_MAGIC);
            out.writeInt(3);
            out.writeInt(2);
            out.writeInt(2);
            for (int i = 0; i < 12; i++) {
                out.writeByte(i * 20);
            }
        }
        List<float[]> direct = collect(SparkSources.read(spark, idx), SparkSources.FEATURES);
        float[] expected = Idx.readImages(idx).values().data();
        Path parquet = tmp.resolve("out.parquet");
        assertEquals(3, ParquetConverter.convert(spark, idx, parquet, 2));
        List<float[]> converted = collect(SparkSources.read(spark, parquet), SparkSources.FEATURES);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 4 * i, 4 * i + 4), direct.get(i), 0f);
            assertArrayEquals(direct.get(i), converted.get(i), 0f);
        }
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> ParquetConverter.convert(spark, idx, parquet, 0));
        assertTrue(again.getMessage().contains("exists"), again.getMessage());
    }
}
