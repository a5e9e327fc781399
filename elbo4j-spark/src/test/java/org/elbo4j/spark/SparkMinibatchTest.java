package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.bayes.models.LinearRegression;
import org.elbo4j.bayes.models.LinearRegression.NoisePrior;
import org.elbo4j.bayes.models.LogisticRegression;
import org.elbo4j.infer.SubsampledLogDensity;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Minibatch (subsampled) evaluation and fits of the distributed regressions, N = 120 rows, D = 3,
 * in 4 partitions of 40, 0, 50 and 30 rows (an empty one in the middle):
 * <ul>
 *   <li>ℓ_B and its gradient on Spark equal the local model's ℓ_B on the same rows (the same
 *       double-precision code, summed per partition: 1e-12 relative), for batches that skip
 *       partitions and for B = all rows, which equals the full-data ℓ (1e-12);</li>
 *   <li>unbiased: the average of ℓ_B over all C(6, 2) = 15 batches of 2 out of 6 rows equals the full
 *       ℓ (exact identity up to rounding, 1e-12; random batches are checked on the local models in
 *       {@code SubsampledRegressionTest}, whose ℓ_B the first check shows Spark equals);</li>
 *   <li>a fit with batch size N is the full-data fit (the same numbers, logistic); a fit with batches of 30 on
 *       Spark equals the local fit with the same seed (the same batches, as the loop draws them
 *       from the seed and step): means, sds and log evidence to 1e-6 relative.</li>
 * </ul>
 */
class SparkMinibatchTest {

    private static final int N = 120;
    private static final int D = 3;
    private static JavaSparkContext sc;
    private static double[][] x;
    private static double[] labels;
    private static double[] responses;

    @BeforeAll
    static void start() {
        sc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        Rng r = Rng.of(31);
        x = new double[N][D];
        labels = new double[N];
        responses = new double[N];
        for (int i = 0; i < N; i++) {
            double eta = 0.3;
            for (int j = 0; j < D; j++) {
                x[i][j] = 2 * r.nextDouble() - 1;
                eta += (1 - 0.7 * j) * x[i][j];
            }
            labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
            responses[i] = eta + 0.3 * r.nextGaussian();
        }
    }

    /** The first n rows with {@code y} last, in partitions of 40, 0, 50 and 30 rows (scaled to n). */
    private static JavaRDD<double[]> rows(int n, double[] y) {
        List<double[]> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] row = Arrays.copyOf(x[i], D + 1);
            row[D] = y[i];
            all.add(row);
        }
        int a = n / 3;
        int b = a + 5 * n / 12;
        return sc.parallelize(all.subList(0, a), 1).union(sc.parallelize(List.<double[]>of(), 1))
                .union(sc.parallelize(all.subList(a, b), 1)).union(sc.parallelize(all.subList(b, n), 1));
    }

    private static PartitionedModel distributed(boolean logistic, int n) {
        return logistic ? SparkLogisticRegression.of(rows(n, labels), 2.0, true)
                : SparkLinearRegression.of(rows(n, responses), 2.0, NoisePrior.HALF_NORMAL, 0.7, true);
    }

    private static BayesModel local(boolean logistic, int n) {
        double[][] xs = Arrays.copyOf(x, n);
        return logistic ? LogisticRegression.of(xs, Arrays.copyOf(labels, n), 2.0, true)
                : LinearRegression.of(xs, Arrays.copyOf(responses, n), 2.0, NoisePrior.HALF_NORMAL, 0.7, true);
    }

    private static double[] point(boolean logistic) {
        return logistic ? new double[] {0.2, 0.7, -0.4, 0.1, 0.3, -0.2, 0.5, 0.0}
                : new double[] {0.2, 0.7, -0.4, 0.1, -1.0, 0.3, -0.2, 0.5, 0.0, -0.5};
    }

    @Test
    void minibatchValuesAndGradientsEqualTheLocalModel() {
        for (boolean logistic : new boolean[] {true, false}) {
            PartitionedModel dist = distributed(logistic, N);
            SubsampledLogDensity loc = (SubsampledLogDensity) local(logistic, N);
            try {
                assertEquals(4, dist.partitions());
                double[] u = point(logistic);
                int d = u.length / 2;
                int[][] batches = {{3, 119, 40, 41, 0, 89}, {95, 100, 119}, {39},
                    java.util.stream.IntStream.range(0, N).toArray()};
                for (int[] b : batches) {
                    double scale = (double) N / b.length;
                    double[] v1 = new double[2];
                    double[] g1 = new double[2 * d];
                    double[] v2 = new double[2];
                    double[] g2 = new double[2 * d];
                    loc.logDensities(u, 2, b, scale, v1, g1);
                    dist.logDensities(u, 2, b, scale, v2, g2);
                    for (int p = 0; p < 2; p++) {
                        assertEquals(v1[p], v2[p], 1e-12 * Math.abs(v1[p]), "value, batch " + Arrays.toString(b));
                    }
                    for (int i = 0; i < 2 * d; i++) {
                        assertEquals(g1[i], g2[i], 1e-12 * (1 + Math.abs(g1[i])), "gradient " + i);
                    }
                }
                double[] full = new double[2];
                double[] all = new double[2];
                dist.logDensities(u, 2, full, null);
                dist.logDensities(u, 2, batches[3], 1, all, null);
                assertEquals(full[0], all[0], 1e-12 * Math.abs(full[0]));
                assertThrows(IllegalArgumentException.class, () -> dist.logDensities(u, 2, new int[] {N}, 1,
                        new double[2], null));
            } finally {
                dist.release();
            }
        }
    }

    @Test
    void theAverageOverEveryBatchIsTheFullData() {
        for (boolean logistic : new boolean[] {true, false}) {
            PartitionedModel dist = distributed(logistic, 6);
            try {
                double[] u = Arrays.copyOf(point(logistic), point(logistic).length / 2);
                int d = u.length;
                double[] full = new double[1];
                double[] gFull = new double[d];
                dist.logDensities(u, 1, full, gFull);
                double sum = 0;
                double[] gSum = new double[d];
                for (int a = 0; a < 6; a++) {
                    for (int b = a + 1; b < 6; b++) {
                        double[] v = new double[1];
                        double[] g = new double[d];
                        dist.logDensities(u, 1, new int[] {b, a}, 3, v, g);
                        sum += v[0] / 15;
                        for (int j = 0; j < d; j++) {
                            gSum[j] += g[j] / 15;
                        }
                    }
                }
                assertEquals(full[0], sum, 1e-12 * Math.abs(full[0]));
                for (int j = 0; j < d; j++) {
                    assertEquals(gFull[j], gSum[j], 1e-12 * (1 + Math.abs(gFull[j])), "gradient " + j);
                }
            } finally {
                dist.release();
            }
        }
    }

    @Test
    void minibatchFitsEqualTheLocalFitsAndBatchSizeNIsTheFullFit() {
        FitConfig config = FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withMaxSteps(12)
                .withEvidenceSamples(50).withPosteriorDraws(100).withSeed(9);
        for (boolean logistic : new boolean[] {true, false}) {
            PartitionedModel dist = distributed(logistic, N);
            try {
                FitResult mini = BayesFit.fit(dist, config.withBatchSize(30));
                FitResult localMini = BayesFit.fit(local(logistic, N), config.withBatchSize(30));
                FitResult full = logistic ? BayesFit.fit(dist, config) : mini;
                FitResult batchN = logistic ? BayesFit.fit(dist, config.withBatchSize(N)) : mini;
                assertEquals(localMini.steps(), mini.steps());
                for (String name : logistic ? List.of("intercept", "beta") : List.of("intercept", "beta", "sigma")) {
                    ParameterSummary a = localMini.summary(name);
                    ParameterSummary b = mini.summary(name);
                    for (int i = 0; i < a.size(); i++) {
                        assertEquals(a.mean()[i], b.mean()[i], 1e-6 * Math.abs(a.mean()[i]), name + " mean " + i);
                        assertEquals(a.sd()[i], b.sd()[i], 1e-6 * a.sd()[i], name + " sd " + i);
                    }
                    assertTrue(Arrays.equals(full.summary(name).mean(), batchN.summary(name).mean()), name);
                    assertTrue(Arrays.equals(full.summary(name).sd(), batchN.summary(name).sd()), name);
                }
                double ea = localMini.evidence().orElseThrow().logEvidence();
                assertEquals(ea, mini.evidence().orElseThrow().logEvidence(), 1e-6 * Math.abs(ea));
                assertEquals(full.evidence().orElseThrow().logEvidence(),
                        batchN.evidence().orElseThrow().logEvidence(), 0.0);
            } finally {
                dist.release();
            }
        }
    }
}
