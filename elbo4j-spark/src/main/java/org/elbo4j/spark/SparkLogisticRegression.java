package org.elbo4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.ExactCurvature;
import org.elbo4j.bayes.GaussianExpectations;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.models.DesignRows;
import org.elbo4j.bayes.models.LogisticRegression;
import org.elbo4j.dist.Normal;
import scala.Tuple2;

/**
 * Bayesian logistic regression on rows held by Spark executors:
 * {@code β ~ N(0, τ² I)}, optional {@code α ~ N(0, τ²)}, {@code y_n ~ Bernoulli(σ(α + x_nᵀ β))},
 * the same model as {@link LogisticRegression}, whose double-precision code every partition
 * runs on its rows.
 *
 * <p>As an {@link ExactCurvature}, every evaluation is one Spark job: partition p computes
 * {@code ℓ_p(u) = Σ_{n ∈ p} [y_n η_n − softplus(η_n)] + log N(u; 0, τ²I)} (a
 * {@code LogisticRegression} of its rows) with its gradient and, for Newton, its negative
 * Hessian; the parts are summed in a fixed tree over the partitions ({@link TreeSum}), and the
 * prior counted once:
 * <pre>
 *   ℓ(u) = Σ_p ℓ_p(u) − (P′ − 1) log N(u; 0, τ²I),   g and H likewise
 * </pre>
 * with P′ the number of non-empty partitions. {@link BayesFit#fit} on this model therefore runs
 * the local {@code fit}: the Laplace start (Newton on the summed g and H), the variational loop on
 * full-data or minibatch gradients, and the importance-sampled evidence and k̂ on the full data,
 * equal to the local fit up to the order of the sums. On a minibatch B each partition sums its rows
 * of B scaled by N/|B| ({@link LogisticRegression}'s {@code SubsampledLogDensity}), the prior again
 * counted once. The MAP objective needs the model's tensor code and is not available here
 * ({@link #logLikelihood} rejects it).
 *
 * <p>As {@link GaussianExpectations} ({@code --optimizer natural}), one Spark job per call: each
 * partition computes the Gaussian expectation of its rows' log-likelihood with its m-gradient and
 * −E_q[∇²ℓ] ({@link LogisticRegression#expectedLogLikelihood}: Gauss–Hermite per row, the
 * z zᵀ sums by column dot products), summed over the partitions in the same fixed tree
 * ({@link TreeSum}); the prior's expectation is added once on the driver. Equal to the local
 * model's up to the order of the sums.
 *
 * <p>The partitions' models are built once and cached on the executors (call {@link #release}).
 */
public final class SparkLogisticRegression extends PartitionedModel implements GaussianExpectations {

    private static final String NAME = "SparkLogisticRegression";

    /** The rows of one partition as a local model (null when the partition is empty), and their summary. */
    private record Shard(int partition, LogisticRegression model, int rows, Serializable summary) {
    }

    private final JavaRDD<Shard> shards;
    private final int features;
    private final double tau;
    private final boolean intercept;
    private Serializable summary;

    private SparkLogisticRegression(JavaRDD<Shard> shards, List<int[]> sizes, int features, double tau,
            boolean intercept) {
        super(NAME, shards, sizes, LogisticRegression.of(new double[1][features], new double[] {0}, tau,
                intercept));
        this.shards = shards;
        this.features = features;
        this.tau = tau;
        this.intercept = intercept;
    }

    /**
     * The model of the rows of {@code data}: each row its D features followed by its label in {0, 1}
     * ({@link FeatureColumn#doubles} with a label column). Runs one job that builds and caches the
     * partitions' models and checks every row.
     *
     * @throws IllegalArgumentException if tau is not positive, there are no rows, or a label is not 0 or 1
     *                                  (the latter wrapped by Spark, see {@link FeatureColumn})
     */
    public static SparkLogisticRegression of(JavaRDD<double[]> data, double tau, boolean intercept) {
        return of(data, tau, intercept, (RowSummary<Serializable>) null);
    }

    /**
     * As {@link #of(JavaRDD, double, boolean)}, with {@code summary} (when not null) of the rows
     * taken in the same job ({@link #summary()}), for input checks that need no pass of their own.
     *
     * @throws IllegalArgumentException as {@link #of(JavaRDD, double, boolean)}
     */
    public static <S extends Serializable> SparkLogisticRegression of(JavaRDD<double[]> data, double tau,
            boolean intercept, RowSummary<S> summary) {
        checkTau(tau);
        return cached(data.mapPartitionsWithIndex((Integer p, Iterator<double[]> it) -> List.of(
                shard(p, RowSource.of(it), tau, intercept, summary)).iterator(), true), tau, intercept, summary);
    }

    /**
     * As {@link #of(JavaRDD, double, boolean, RowSummary)} on the rows of {@code frame}'s vector or
     * array column {@code column} with the label column {@code label}, read in the job that builds
     * the partitions' models straight into their arrays ({@link FeatureColumn#read},
     * {@link DesignRows}): no array per row, no boxed numbers.
     *
     * @throws IllegalArgumentException as {@link #of(JavaRDD, double, boolean, RowSummary)}, or if a
     *     column is missing or of the wrong type (a bad row as {@link FeatureColumn})
     */
    public static <S extends Serializable> SparkLogisticRegression of(Dataset<Row> frame, String column, String label,
            double tau, boolean intercept, RowSummary<S> summary) {
        checkTau(tau);
        return cached(FeatureColumn.read(frame, column, label, (p, rows) -> shard(p, rows, tau, intercept, summary)),
                tau, intercept, summary);
    }

    private static void checkTau(double tau) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException(NAME + ": tau must be finite and > 0, got " + tau);
        }
    }

    /** Partition p's rows (features then label) as a local model, with their summary; no copy per row. */
    private static <S extends Serializable> Shard shard(int p, RowSource rows, double tau, boolean intercept,
            RowSummary<S> summary) {
        S sum = summary == null ? null : summary.zero();
        DesignRows design = null;
        for (double[] r = rows.next(); r != null; r = rows.next()) {
            if (summary != null) {
                sum = summary.add(sum, r);
            }
            if (design == null) {
                design = DesignRows.of("LogisticRegression", r.length - 1);
            } else if (r.length - 1 != design.features()) {
                throw new IllegalArgumentException(NAME + ": row " + design.rows() + " of partition " + p + " has "
                        + (r.length - 1) + " features, expected " + design.features());
            }
            design.add(r, r[r.length - 1]);
        }
        LogisticRegression m = design == null ? null : LogisticRegression.of(design, tau, intercept);
        return new Shard(p, m, design == null ? 0 : design.rows(), sum);
    }

    /** The model of the partitions' shards, cached on the executors by the one job that counts them. */
    private static <S extends Serializable> SparkLogisticRegression cached(JavaRDD<Shard> built, double tau,
            boolean intercept, RowSummary<S> summary) {
        JavaRDD<Shard> shards = built.persist(StorageLevel.MEMORY_ONLY());
        List<Tuple2<int[], Serializable>> parts = shards.map(s -> new Tuple2<int[], Serializable>(new int[] {s.rows(),
                s.model() == null ? -1 : s.model().parameters().get(s.model().parameters().size() - 1).size()},
                s.summary())).collect();
        List<int[]> sizes = new ArrayList<>();
        for (Tuple2<int[], Serializable> t : parts) {
            sizes.add(t._1());
        }
        int[] totals = totals(NAME, shards, sizes);
        SparkLogisticRegression model = new SparkLogisticRegression(shards, sizes, totals[1], tau, intercept);
        model.summary = merged(summary, parts);
        return model;
    }

    /** The merged summary of the rows ({@link #of(JavaRDD, double, boolean, RowSummary)}), or null without one. */
    @SuppressWarnings("unchecked")
    public <S extends Serializable> S summary() {
        return (S) summary;
    }

    /** The number of coefficients d (D, plus one with an intercept). */
    @Override
    public int dimension() {
        return features + (intercept ? 1 : 0);
    }

    @Override
    public double curvature(double[] u, double[] gradient, double[][] negativeHessian) {
        int d = dimension();
        checkPoint(u);
        boolean g = gradient != null;
        boolean h = negativeHessian != null;
        int leaves = partitions();
        double[] point = u.clone();
        long t = jobClock().begin();
        TreeSum sum = shards.map(s -> {
            if (s.model() == null) {
                return TreeSum.leaf(leaves, s.partition(), null, null, 0);
            }
            double[] gp = g ? new double[d] : null;
            double[][] hp = h ? new double[d][d] : null;
            double v = s.model().curvature(point, gp, hp);
            double[] out = new double[1 + (g ? d : 0) + (h ? d * d : 0)];
            out[0] = 1;
            if (g) {
                System.arraycopy(gp, 0, out, 1, d);
            }
            if (h) {
                for (int i = 0; i < d; i++) {
                    System.arraycopy(hp[i], 0, out, 1 + (g ? d : 0) + i * d, d);
                }
            }
            return TreeSum.leaf(leaves, s.partition(), null, out, v);
        }).treeReduce(TreeSum::merge, 2);
        jobClock().end("curvature", t);
        double[] out = sum.doubles();
        double extra = out[0] - 1;
        double value = sum.scalar();
        for (int j = 0; j < d; j++) {
            value -= extra * Normal.logDensity(u[j], 0.0, tau);
        }
        if (g) {
            for (int j = 0; j < d; j++) {
                gradient[j] = out[1 + j] + extra * u[j] / (tau * tau);
            }
        }
        if (h) {
            int off = 1 + (g ? d : 0);
            for (int i = 0; i < d; i++) {
                System.arraycopy(out, off + i * d, negativeHessian[i], 0, d);
                negativeHessian[i][i] -= extra / (tau * tau);
            }
        }
        return value;
    }

    /**
     * E_q[ℓ] under q = N(m, L Lᵀ), its m-gradient and −E_q[∇²ℓ], in one Spark job (see the class comment).
     *
     * @throws IllegalArgumentException if mean or lower do not have length d
     */
    @Override
    public double expectations(double[] mean, double[][] lower, double[] gradient, double[][] negativeHessian) {
        int d = dimension();
        checkPoint(mean);
        if (lower.length != d) {
            throw new IllegalArgumentException("SparkLogisticRegression: lower must be " + d + " x " + d + ", got "
                    + lower.length + " rows");
        }
        boolean g = gradient != null;
        boolean h = negativeHessian != null;
        int leaves = partitions();
        double[] m = mean.clone();
        double[][] l = new double[d][];
        for (int i = 0; i < d; i++) {
            l[i] = lower[i].clone();
        }
        long t = jobClock().begin();
        TreeSum sum = shards.map(s -> {
            if (s.model() == null) {
                return TreeSum.leaf(leaves, s.partition(), null, null, 0);
            }
            double[] gp = g ? new double[d] : null;
            double[][] hp = h ? new double[d][d] : null;
            double v = s.model().expectedLogLikelihood(m, l, gp, hp);
            return TreeSum.leaf(leaves, s.partition(), null, pack(gp, hp), v);
        }).treeReduce(TreeSum::merge, 2);
        jobClock().end("expectations", t);
        unpack(sum.doubles(), d, gradient, negativeHessian);
        return GaussianExpectations.addNormalPrior(mean, lower, tau, sum.scalar(), gradient, negativeHessian);
    }

    @Override
    void evaluate(double[] points, int k, int[][] local, double scale, double[] values, double[] gradients) {
        int d = dimension();
        boolean g = gradients != null;
        int leaves = partitions();
        double[] pts = points.clone();
        TreeSum sum = shards.map(s -> {
            int[] rows = local == null ? null : local[s.partition()];
            if (s.model() == null || local != null && rows == null) {
                return TreeSum.leaf(leaves, s.partition(), null, null, 0);
            }
            double[] out = new double[1 + k + (g ? k * d : 0)];
            double[] v = new double[k];
            double[] gr = g ? new double[k * d] : null;
            s.model().logDensities(pts, k, rows, scale, v, gr);
            out[0] = 1;
            System.arraycopy(v, 0, out, 1, k);
            if (g) {
                System.arraycopy(gr, 0, out, 1 + k, k * d);
            }
            return TreeSum.leaf(leaves, s.partition(), null, out, 0);
        }).treeReduce(TreeSum::merge, 2);
        double[] out = sum.doubles();
        double extra = out[0] - 1;
        for (int p = 0; p < k; p++) {
            double v = out[1 + p];
            for (int j = 0; j < d; j++) {
                double uj = points[p * d + j];
                v -= extra * Normal.logDensity(uj, 0.0, tau);
                if (g) {
                    gradients[p * d + j] = out[1 + k + p * d + j] + extra * uj / (tau * tau);
                }
            }
            values[p] = v;
        }
    }
}
