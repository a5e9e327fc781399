package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.bayes.models.LogisticRegression;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed logistic regression against the local model: N = 120 rows, D = 3 features
 * plus an intercept, in 3 partitions (one of them empty). The local model is the reference: the
 * two differ only in the order of the sums over rows (about 1e-15 relative per evaluation).
 */
class SparkLogisticRegressionTest {

    private static final int N = 120;
    private static final int D = 3;
    private static JavaSparkContext sc;
    private static double[][] x;
    private static double[] y;

    @BeforeAll
    static void start() {
        sc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        Rng r = Rng.of(11);
        x = new double[N][D];
        y = new double[N];
        double[] beta = {1.0, -0.5, 0.25};
        for (int i = 0; i < N; i++) {
            double eta = 0.3;
            for (int j = 0; j < D; j++) {
                x[i][j] = 2 * r.nextDouble() - 1;
                eta += beta[j] * x[i][j];
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
    }

    /** Rows with their label last, in 3 partitions, the last one empty (60 + 60 + 0 rows). */
    private static SparkLogisticRegression distributed() {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double[] r = java.util.Arrays.copyOf(x[i], D + 1);
            r[D] = y[i];
            rows.add(r);
        }
        return SparkLogisticRegression.of(sc.parallelize(rows, 2).union(sc.parallelize(List.<double[]>of(), 1)), 2.0, true);
    }

    @Test
    void valueGradientAndHessianEqualTheLocalModel() {
        LogisticRegression local = LogisticRegression.of(x, y, 2.0, true);
        SparkLogisticRegression dist = distributed();
        try {
            assertEquals(3, dist.partitions());
            double[] u = {0.2, 0.7, -0.4, 0.1};
            double[] g1 = new double[4];
            double[] g2 = new double[4];
            double[][] h1 = new double[4][4];
            double[][] h2 = new double[4][4];
            double v1 = local.curvature(u, g1, h1);
            double v2 = dist.curvature(u, g2, h2);
            assertEquals(v1, v2, 1e-12 * Math.abs(v1));
            for (int i = 0; i < 4; i++) {
                assertEquals(g1[i], g2[i], 1e-12 * (1 + Math.abs(g1[i])));
                for (int j = 0; j < 4; j++) {
                    assertEquals(h1[i][j], h2[i][j], 1e-12 * (1 + Math.abs(h1[i][j])));
                }
            }
            double[] points = {0.2, 0.7, -0.4, 0.1, -1, 0.5, 0.5, 2};
            double[] a = new double[2];
            double[] b = new double[2];
            double[] ga = new double[8];
            double[] gb = new double[8];
            local.logDensities(points, 2, a, ga);
            dist.logDensities(points, 2, b, gb);
            for (int p = 0; p < 2; p++) {
                assertEquals(a[p], b[p], 1e-12 * Math.abs(a[p]));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(ga[i], gb[i], 1e-12 * (1 + Math.abs(ga[i])));
            }
        } finally {
            dist.release();
        }
    }

    /**
     * The whole fit (Laplace start, 25 full-rank variational steps, evidence and k̂ from 200
     * draws, PSIS summaries) equals the local fit with the same seed to 1e-6 relative.
     */
    @Test
    void fitEqualsTheLocalFit() {
        assertSparkFitEqualsTheLocalFit(FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withMaxSteps(25)
                .withEvidenceSamples(200).withPosteriorDraws(200).withSeed(5));
    }

    /**
     * A {@code --guide flow} fit on Spark (25 full-rank steps, then at most 25 steps of two flow
     * layers, every ℓ a Spark job; evidence, k̂ and summaries off the flow's draws) equals the local
     * flow fit with the same seed to 1e-6 relative.
     */
    @Test
    void flowFitEqualsTheLocalFit() {
        FitConfig config = FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withFlow(2).withMaxSteps(25)
                .withEvidenceSamples(200).withPosteriorDraws(200).withSeed(5);
        assertEquals(GuideFamily.FLOW, config.guide());
        FitResult local = assertSparkFitEqualsTheLocalFit(config)[0];
        assertEquals(50, local.steps(), "25 full-rank steps, then 25 flow steps");
    }

    /** The local and the Spark fit of {@code config}, after checking that they agree to 1e-6 relative. */
    private FitResult[] assertSparkFitEqualsTheLocalFit(FitConfig config) {
        FitResult local = BayesFit.fit(LogisticRegression.of(x, y, 2.0, true), config);
        SparkLogisticRegression model = distributed();
        FitResult dist;
        try {
            dist = BayesFit.fit(model, config);
        } finally {
            model.release();
        }
        assertEquals(local.steps(), dist.steps());
        assertEquals(local.verdict(), dist.verdict());
        for (String name : List.of("intercept", "beta")) {
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
        return new FitResult[] {local, dist};
    }

    /** The Gaussian expectations of {@code --optimizer natural}: one job, equal to the local model's to 1e-12. */
    @Test
    void gaussianExpectationsEqualTheLocalModel() {
        LogisticRegression local = LogisticRegression.of(x, y, 2.0, true);
        SparkLogisticRegression dist = distributed();
        try {
            double[] m = {0.2, 0.7, -0.4, 0.1};
            double[][] lower = {{0.3, 0, 0, 0}, {0.05, 0.4, 0, 0}, {-0.1, 0.02, 0.5, 0}, {0.01, 0.03, -0.02, 0.35}};
            double[] g1 = new double[4];
            double[] g2 = new double[4];
            double[][] h1 = new double[4][4];
            double[][] h2 = new double[4][4];
            double v1 = local.expectations(m, lower, g1, h1);
            double v2 = dist.expectations(m, lower, g2, h2);
            assertEquals(v1, v2, 1e-12 * Math.abs(v1));
            for (int i = 0; i < 4; i++) {
                assertEquals(g1[i], g2[i], 1e-12 * (1 + Math.abs(g1[i])));
                for (int j = 0; j < 4; j++) {
                    assertEquals(h1[i][j], h2[i][j], 1e-12 * (1 + Math.abs(h1[i][j])));
                }
            }
        } finally {
            dist.release();
        }
    }

    /**
     * A {@code --optimizer natural} fit on Spark (Laplace start, exact natural-gradient steps, each
     * one job) equals the local one: the fitted Gaussian to 1e-9, and the rest of the fit as the
     * other fits (1e-6 relative).
     */
    @Test
    void naturalFitEqualsTheLocalFit() {
        FitConfig config = FitConfig.defaults().withGuide(GuideFamily.FULL_RANK)
                .withOptimizer(org.elbo4j.bayes.OptimizerKind.NATURAL).withEvidenceSamples(200)
                .withPosteriorDraws(200).withSeed(5);
        FitResult[] fits = assertSparkFitEqualsTheLocalFit(config);
        FitResult local = fits[0];
        FitResult dist = fits[1];
        assertEquals(org.elbo4j.infer.Verdict.CONVERGED, dist.verdict(), dist.reason());
        double[] ma = local.guide().mean();
        double[] mb = dist.guide().mean();
        double[][] ca = local.guide().covariance();
        double[][] cb = dist.guide().covariance();
        for (int i = 0; i < ma.length; i++) {
            double sd = Math.sqrt(ca[i][i]);
            assertEquals(ma[i], mb[i], 1e-9 * sd, "mean " + i);
            for (int j = 0; j < ma.length; j++) {
                assertEquals(ca[i][j], cb[i][j], 1e-9 * ca[i][i], "cov " + i + "," + j);
            }
        }
    }

    @Test
    void badLabelsAndModeSearchesAreRejected() {
        List<double[]> rows = List.of(new double[] {0.1, 0.2, 0.3, 2.0});
        Exception e = assertThrows(Exception.class, () -> SparkLogisticRegression.of(sc.parallelize(rows, 1), 1, true));
        assertTrue(SparkErrors.message(e).contains("y must be 0 or 1"), SparkErrors.message(e));
        SparkLogisticRegression model = distributed();
        try {
            assertThrows(IllegalArgumentException.class,
                    () -> BayesFit.fit(model, FitConfig.defaults().withGuide(GuideFamily.MAP).withMaxSteps(2)));
        } finally {
            model.release();
        }
    }

    /** The labels in row order, as a {@link RowSummary}: merging out of partition order would show. */
    private static final class Labels implements RowSummary<ArrayList<Double>> {
        private static final long serialVersionUID = 1L;

        @Override
        public ArrayList<Double> zero() {
            return new ArrayList<>();
        }

        @Override
        public ArrayList<Double> add(ArrayList<Double> s, double[] row) {
            s.add(row[row.length - 1]);
            return s;
        }

        @Override
        public ArrayList<Double> merge(ArrayList<Double> a, ArrayList<Double> b) {
            a.addAll(b);
            return a;
        }
    }

    /** A summary taken while the model is built (3 partitions, the last empty) is that of every row, in order. */
    @Test
    void rowSummaryIsTakenInTheBuildingPass() {
        List<double[]> rows = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double[] r = java.util.Arrays.copyOf(x[i], D + 1);
            r[D] = y[i];
            rows.add(r);
            labels.add(y[i]);
        }
        SparkLogisticRegression model = SparkLogisticRegression.of(sc.parallelize(rows, 2)
                .union(sc.parallelize(List.<double[]>of(), 1)), 2.0, true, new Labels());
        try {
            List<Double> found = model.summary();
            assertEquals(labels, found);
        } finally {
            model.release();
        }
        SparkLogisticRegression plain = distributed();
        try {
            Object none = plain.summary();
            assertEquals(null, none);
        } finally {
            plain.release();
        }
    }
}
