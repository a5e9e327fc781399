package org.elbo4j.spark.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.elbo4j.random.Rng;

/**
 * The logistic regression data of {@code bench/compare_spark_logistic.sh}: N rows of D standard
 * normal predictors {@code x} (an {@code array<double>} column) and a label
 * {@code y ~ Bernoulli(σ(α + xᵀβ))} with α = 0.3 and β_j = (−1)^j (1 + j mod 3) / √D (so that
 * Var(xᵀβ) ≈ 4.7 whatever D), written as Parquet in P files. Row block p (rows p·N/P …) is drawn
 * from {@code Rng.of(seed).child(p)}, so the data depend on N, D, P and the seed only.
 *
 * <pre>  LogisticBenchData OUT.parquet N D P SEED [MASTER]</pre>
 */
public final class LogisticBenchData {

    private LogisticBenchData() {
    }

    /** β_j = (−1)^j (1 + j mod 3) / √D. */
    static double beta(int j, int d) {
        return (j % 2 == 0 ? 1 : -1) * (1 + j % 3) / Math.sqrt(d);
    }

    public static void main(String[] args) {
        String out = args[0];
        long n = Long.parseLong(args[1]);
        int d = Integer.parseInt(args[2]);
        int parts = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        String master = args.length > 5 ? args[5] : "local[2]";
        SparkSession spark = SparkSession.builder().master(master).appName("elbo4j bench data")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        List<Integer> blocks = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            blocks.add(p);
        }
        StructType schema = new StructType().add("x", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("y", DataTypes.DoubleType, false);
        var rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(blocks, parts)
                .flatMap(p -> block(p, n * p / parts, n * (p + 1) / parts, d, seed));
        spark.createDataFrame(rows, schema).write().mode(SaveMode.ErrorIfExists).parquet(out);
        spark.stop();
    }

    private static Iterator<Row> block(int p, long from, long to, int d, long seed) {
        Rng rng = Rng.of(seed).child(p);
        double[] beta = new double[d];
        for (int j = 0; j < d; j++) {
            beta[j] = beta(j, d);
        }
        return new Iterator<>() {
            private long i = from;

            @Override
            public boolean hasNext() {
                return i < to;
            }

            @Override
            public Row next() {
                i++;
                double[] x = new double[d];
                double eta = 0.3;
                for (int j = 0; j < d; j++) {
                    x[j] = rng.nextGaussian();
                    eta += beta[j] * x[j];
                }
                double y = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                return RowFactory.create(x, y);
            }
        };
    }
}
