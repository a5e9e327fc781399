package org.elbo4j.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * MLlib's side of {@code bench/compare_spark_logistic.sh}: {@code LogisticRegression} on the
 * Parquet of {@link LogisticBenchData} at the MAP of elbo4j's model {@code β ~ N(0, τ² I)}: MLlib
 * minimises {@code (1/N) Σ_n loss_n + (λ/2) ||β||²}, which is {@code −log p(β | D) / N} up to a
 * constant for {@code λ = 1/(N τ²)}, with {@code elasticNetParam = 0} (pure L2) and
 * {@code standardization = false} (the penalty on β itself). MLlib never penalises the intercept;
 * elbo4j gives it the same N(0, τ²) prior (a shift of order α/(N τ² w), negligible at N ≥ 10⁶).
 * Writes {"seconds_fit", "seconds_total", "iterations", "intercept", "coefficients"} as JSON.
 *
 * <pre>  MllibLogistic DATA.parquet TAU TOL MAXITER OUT.json [MASTER]</pre>
 */
public final class MllibLogistic {

    private MllibLogistic() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String data = args[0];
        double tau = Double.parseDouble(args[1]);
        double tol = Double.parseDouble(args[2]);
        int maxIter = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        String master = args.length > 5 ? args[5] : "local[2]";
        SparkSession spark = SparkSession.builder().master(master).appName("mllib logistic")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        long fitStart = System.nanoTime();
        Dataset<Row> frame = spark.read().parquet(data)
                .select(org.apache.spark.ml.functions.array_to_vector(functions.col("x")).as("features"),
                        functions.col("y").as("label"));
        long n = frame.count();
        LogisticRegression lr = new LogisticRegression().setRegParam(1.0 / (n * tau * tau)).setElasticNetParam(0)
                .setStandardization(false).setFitIntercept(true).setTol(tol).setMaxIter(maxIter);
        LogisticRegressionModel model = lr.fit(frame);
        double[] beta = model.coefficients().toArray();
        double fit = (System.nanoTime() - fitStart) / 1e9;
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < beta.length; j++) {
            b.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", beta[j]));
        }
        int iterations = model.summary().totalIterations();
        spark.stop();
        double total = (System.nanoTime() - start) / 1e9;
        Files.writeString(out, String.format(Locale.ROOT, "{\"rows\": %d, \"seconds_fit\": %.3f, \"seconds_total\": %.3f,"
                + " \"iterations\": %d, \"intercept\": %.17g, \"coefficients\": [%s]}%n", n, fit, total, iterations,
                model.intercept(), b));
    }
}
