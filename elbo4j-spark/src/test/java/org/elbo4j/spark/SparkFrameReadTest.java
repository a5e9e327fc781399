package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.elbo4j.bayes.models.LogisticRegression;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkLogisticRegression#of(Dataset, String, String, double, boolean, RowSummary)}, the
 * rows read from Spark's internal rows straight into each partition's arrays, against the rows
 * read one array per row ({@link FeatureColumn#doubles} into
 * {@link SparkLogisticRegression#of(org.apache.spark.api.java.JavaRDD, double, boolean, RowSummary)})
 * and the local model: N = 1037 rows (not a multiple of anything), D = 5, written to Parquet as
 * {@code array<float>} features and an integer label in 3 files and read back, also in 7
 * partitions; and 3 rows in 7 partitions, most of them empty. Value, gradient and Hessian agree with the local model to
 * 1e-12 relative (only the order of the sums differs) and between the two Spark paths exactly
 * (the same partitions, the same arrays); the summaries are the same. A NaN feature and a label
 * of 2 fail with one message naming the column, row and partition.
 */
class SparkFrameReadTest {

    private static final int N = 1037;
    private static final int D = 5;
    private static SparkSession spark;
    private static double[][] x;
    private static double[] y;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
        Rng r = Rng.of(23);
        x = new double[N][D];
        y = new double[N];
        for (int i = 0; i < N; i++) {
            double eta = -0.2;
            for (int j = 0; j < D; j++) {
                x[i][j] = (float) r.nextGaussian();   // float in the file: exactly representable
                eta += 0.4 * (j % 2 == 0 ? 1 : -1) * x[i][j];
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
    }

    private static Dataset<Row> frame(List<Row> rows) {
        StructType schema = new StructType().add("x", DataTypes.createArrayType(DataTypes.FloatType), false)
                .add("y", DataTypes.IntegerType, false);
        return spark.createDataFrame(rows, schema);
    }

    private static Row row(double[] v, int label) {
        float[] f = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            f[j] = (float) v[j];
        }
        return RowFactory.create(f, label);
    }

    private static double[] assertSameModel(SparkLogisticRegression a, SparkLogisticRegression b, LogisticRegression local) {
        int k = D + 1;
        double[] u = {0.1, -0.3, 0.2, 0.05, -0.1, 0.4};
        double[] g1 = new double[k];
        double[] g2 = new double[k];
        double[] g3 = new double[k];
        double[][] h1 = new double[k][k];
        double[][] h2 = new double[k][k];
        double[][] h3 = new double[k][k];
        double v1 = a.curvature(u, g1, h1);
        double v2 = b.curvature(u, g2, h2);
        double v3 = local.curvature(u, g3, h3);
        assertEquals(v2, v1, 0.0);
        assertEquals(v3, v1, 1e-12 * Math.abs(v3));
        for (int i = 0; i < k; i++) {
            assertEquals(g2[i], g1[i], 0.0);
            assertEquals(g3[i], g1[i], 1e-12 * (1 + Math.abs(g3[i])));
            for (int j = 0; j < k; j++) {
                assertEquals(h2[i][j], h1[i][j], 0.0);
                assertEquals(h3[i][j], h1[i][j], 1e-12 * (1 + Math.abs(h3[i][j])));
            }
        }
        assertEquals(N, a.observationCount());
        return g1;
    }

    @Test
    void parquetInThreeFilesAndEmptyPartitionsGiveTheLocalModel() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(row(x[i], (int) y[i]));
        }
        String path = tmp.resolve("rows.parquet").toString();
        frame(rows).repartition(3).write().parquet(path);
        Dataset<Row> parquet = spark.read().parquet(path);
        // the row order of the files is Spark's: the local model is built from the rows as read
        List<Row> read = parquet.collectAsList();
        double[][] lx = new double[N][D];
        double[] ly = new double[N];
        for (int i = 0; i < N; i++) {
            List<Float> v = read.get(i).getList(0);
            for (int j = 0; j < D; j++) {
                lx[i][j] = v.get(j);
            }
            ly[i] = read.get(i).getInt(1);
        }
        LogisticRegression local = LogisticRegression.of(lx, ly, 2.0, true);
        // and in 7 partitions, rows kept in order
        Dataset<Row> seven = SparkSources.repartitionInOrder(parquet, 7);
        for (Dataset<Row> f : List.of(parquet, seven)) {
            SparkLogisticRegression a = SparkLogisticRegression.of(f, "x", "y", 2.0, true, new Count());
            SparkLogisticRegression b = SparkLogisticRegression.of(FeatureColumn.doubles(f, "x", "y"), 2.0, true,
                    new Count());
            try {
                assertSameModel(a, b, local);
                long ca = a.summary();
                long cb = b.summary();
                assertEquals(N, ca);
                assertEquals(N, cb);
            } finally {
                a.release();
                b.release();
            }
        }
        List<Row> three = List.of(rows.get(0), rows.get(1), rows.get(2));
        Dataset<Row> sparse = frame(three).repartition(7);   // at least 4 of the 7 partitions empty
        SparkLogisticRegression m = SparkLogisticRegression.of(sparse, "x", "y", 2.0, true, null);
        try {
            assertEquals(7, m.partitions());
            assertEquals(3, m.observationCount());
            double[] u = new double[D + 1];
            double[] g = new double[D + 1];
            double v = m.curvature(u, g, null);
            LogisticRegression l3 = LogisticRegression.of(new double[][] {x[0], x[1], x[2]},
                    new double[] {y[0], y[1], y[2]}, 2.0, true);
            assertEquals(l3.curvature(u, null, null), v, 1e-12 * Math.abs(v));
        } finally {
            m.release();
        }
    }

    @Test
    void nanFeatureAndBadLabelAreNamed() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(row(x[i], (int) y[i]));
        }
        double[] bad = x[2].clone();
        bad[3] = Double.NaN;
        rows.set(2, row(bad, 1));
        Dataset<Row> f = frame(rows).coalesce(1);
        Exception nan = assertThrows(Exception.class, () -> SparkLogisticRegression.of(f, "x", "y", 1, true, null));
        assertTrue(SparkErrors.message(nan).contains("column 'x' in row 2 of partition 0 has NaN at 3"),
                SparkErrors.message(nan));
        rows.set(2, row(x[2], 2));
        Dataset<Row> g = frame(rows).coalesce(1);
        Exception label = assertThrows(Exception.class, () -> SparkLogisticRegression.of(g, "x", "y", 1, true, null));
        assertTrue(SparkErrors.message(label).contains("y must be 0 or 1, got 2.0 at 2"), SparkErrors.message(label));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SparkLogisticRegression.of(g, "x", "label", 1, true, null));
        assertTrue(missing.getMessage().contains("no column 'label'"), missing.getMessage());
    }

    /** The number of rows, as a {@link RowSummary}. */
    private static final class Count implements RowSummary<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long zero() {
            return 0L;
        }

        @Override
        public Long add(Long s, double[] row) {
            return s + 1;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }
}
