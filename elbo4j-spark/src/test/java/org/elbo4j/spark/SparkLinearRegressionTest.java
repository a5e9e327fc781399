package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.bayes.models.LinearRegression;
import org.elbo4j.bayes.models.LinearRegression.NoisePrior;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed linear regression: N = 120 rows, D = 3 features plus an intercept, in 3
 * partitions (one of them empty) against one partition (1e-12: only the order of the sums
 * differs), against the local {@link LinearRegression}'s tensor code (float32, so 1e-5 relative)
 * and its double-precision {@code curvature} (1e-12), whose gradient and Hessian
 * {@code LinearRegressionDerivativesTest} checks against central differences.
 */
class SparkLinearRegressionTest {

    private static final int N = 120;
    private static final int D = 3;
    private static JavaSparkContext sc;
    private static double[][] x;
    private static double[] y;

    @BeforeAll
    static void start() {
        sc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        Rng r = Rng.of(12);
        x = new double[N][D];
        y = new double[N];
        double[] beta = {1.0, -0.5, 0.25};
        for (int i = 0; i < N; i++) {
            double eta = 0.3;
            for (int j = 0; j < D; j++) {
                x[i][j] = 2 * r.nextDouble() - 1;
                eta += beta[j] * x[i][j];
            }
            y[i] = eta + 0.4 * (r.nextDouble() - 0.5);
        }
    }

    private static List<double[]> rows() {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double[] r = java.util.Arrays.copyOf(x[i], D + 1);
            r[D] = y[i];
            rows.add(r);
        }
        return rows;
    }

    /** 3 partitions, the last one empty (60 + 60 + 0 rows), or all rows in one. */
    private static SparkLinearRegression distributed(NoisePrior prior, boolean split) {
        return SparkLinearRegression.of(split ? sc.parallelize(rows(), 2).union(sc.parallelize(List.of(), 1))
                : sc.parallelize(rows(), 1), 2.0, prior, 0.7, true);
    }

    /** The local model's log p(D, θ) + t by its tensor code, at u = [α, β, t]. */
    private static double local(NoisePrior prior, double[] u) {
        LinearRegression m = LinearRegression.of(x, y, 2.0, prior, 0.7, true);
        ParameterValues theta = ParameterValues.of(Map.of("intercept", Tensor.of(new double[] {u[0]}, 1),
                "beta", Tensor.of(new double[] {u[1], u[2], u[3]}, 1, D),
                "sigma", Tensor.of(new double[] {Math.exp(u[4])}, 1)));
        return m.logPrior(theta).item() + m.logLikelihood(theta, Minibatch.full(N)).item() + u[4];
    }

    @Test
    void valueGradientAndHessianAgreeWithTheLocalModel() {
        for (NoisePrior prior : NoisePrior.values()) {
            SparkLinearRegression dist = distributed(prior, true);
            SparkLinearRegression one = distributed(prior, false);
            try {
                assertEquals(3, dist.partitions());
                double[] u = {0.2, 0.7, -0.4, 0.1, -1.3};
                double[] g1 = new double[5];
                double[] g2 = new double[5];
                double[][] h1 = new double[5][5];
                double[][] h2 = new double[5][5];
                double v1 = one.curvature(u, g1, h1);
                double v2 = dist.curvature(u, g2, h2);
                assertEquals(v1, v2, 1e-12 * Math.abs(v1));
                assertEquals(local(prior, u), v2, 1e-5 * Math.abs(v2), prior + " value vs tensor code");
                double[] gl = new double[5];
                double[][] hl = new double[5][5];
                double vl = LinearRegression.of(x, y, 2.0, prior, 0.7, true).curvature(u, gl, hl);
                assertEquals(vl, v2, 1e-12 * Math.abs(vl), prior + " value vs local double code");
                for (int i = 0; i < 5; i++) {
                    assertEquals(gl[i], g2[i], 1e-12 * (1 + Math.abs(gl[i])));
                    assertEquals(g1[i], g2[i], 1e-12 * (1 + Math.abs(g1[i])));
                    for (int j = 0; j < 5; j++) {
                        assertEquals(hl[i][j], h2[i][j], 1e-12 * (1 + Math.abs(hl[i][j])));
                        assertEquals(h1[i][j], h2[i][j], 1e-12 * (1 + Math.abs(h1[i][j])));
                    }
                }
                double[] points = {0.2, 0.7, -0.4, 0.1, -1.3, -1, 0.5, 0.5, 2, 0.4};
                double[] a = new double[2];
                double[] b = new double[2];
                double[] ga = new double[10];
                dist.logDensities(points, 2, b, ga);
                for (int p = 0; p < 2; p++) {
                    double[] gp = new double[5];
                    a[p] = one.curvature(java.util.Arrays.copyOfRange(points, p * 5, p * 5 + 5), gp, null);
                    assertEquals(a[p], b[p], 1e-12 * Math.abs(a[p]));
                    for (int i = 0; i < 5; i++) {
                        assertEquals(gp[i], ga[p * 5 + i], 1e-12 * (1 + Math.abs(gp[i])));
                    }
                }
            } finally {
                dist.release();
                one.release();
            }
        }
    }

    /**
     * The whole fit (Laplace start, 25 full-rank steps, evidence and k̂ from 200 draws) against the
     * local fit with the same seed, which runs the same double-precision code with its exact
     * Hessian, the sums over rows in another order: means, sds, log evidence and ELBO to 1e-6
     * relative, k̂ to 1e-6.
     */
    @Test
    void fitAgreesWithTheLocalFit() {
        FitConfig config = FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withMaxSteps(25)
                .withEvidenceSamples(200).withPosteriorDraws(200).withSeed(5);
        FitResult local = BayesFit.fit(LinearRegression.of(x, y, 2.0, NoisePrior.HALF_NORMAL, 0.7, true), config);
        SparkLinearRegression model = distributed(NoisePrior.HALF_NORMAL, true);
        FitResult dist;
        try {
            dist = BayesFit.fit(model, config);
        } finally {
            model.release();
        }
        for (String name : List.of("intercept", "beta", "sigma")) {
            ParameterSummary a = local.summary(name);
            ParameterSummary b = dist.summary(name);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.mean()[i], b.mean()[i], 1e-6 * Math.abs(a.mean()[i]), name + " mean " + i);
                assertEquals(a.sd()[i], b.sd()[i], 1e-6 * a.sd()[i], name + " sd " + i);
            }
        }
        double ea = local.evidence().orElseThrow().logEvidence();
        double eb = dist.evidence().orElseThrow().logEvidence();
        assertEquals(ea, eb, 1e-6 * Math.abs(ea));
        assertEquals(local.evidence().orElseThrow().khat(), dist.evidence().orElseThrow().khat(), 1e-6);
        assertEquals(local.elbo(), dist.elbo(), 1e-6 * Math.abs(local.elbo()));
    }

    @Test
    void badRowsAndModeSearchesAreRejected() {
        List<double[]> rows = List.of(new double[] {0.1, 0.2, 0.3, Double.NaN});
        Exception e = assertThrows(Exception.class,
                () -> SparkLinearRegression.of(sc.parallelize(rows, 1), 1, NoisePrior.HALF_NORMAL, 1, true));
        assertTrue(SparkErrors.message(e).contains("non-finite"), SparkErrors.message(e));
        assertThrows(IllegalArgumentException.class,
                () -> SparkLinearRegression.of(sc.parallelize(rows(), 1), 1, NoisePrior.HALF_NORMAL, 0, true));
        SparkLinearRegression model = distributed(NoisePrior.LOG_NORMAL, true);
        try {
            assertThrows(IllegalArgumentException.class,
                    () -> BayesFit.fit(model, FitConfig.defaults().withGuide(GuideFamily.MAP).withMaxSteps(2)));
        } finally {
            model.release();
        }
    }
}
