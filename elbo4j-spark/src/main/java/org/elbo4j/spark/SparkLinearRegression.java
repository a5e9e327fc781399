package org.elbo4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.elbo4j.bayes.ExactCurvature;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.models.LinearLikelihood;
import org.elbo4j.bayes.models.LinearPrior;
import org.elbo4j.bayes.models.LinearRegression;
import org.elbo4j.bayes.models.LinearRegression.NoisePrior;
import scala.Tuple2;

/**
 * Bayesian linear regression on rows held by Spark executors: {@code β ~ N(0, τ² I)}, optional
 * {@code α ~ N(0, τ²)}, noise sd σ with a half-normal or log-normal prior of scale s, and
 * {@code y_n ~ N(α + x_nᵀ β, σ²)}, the same model (parameters, prior, prior draws) as
 * {@link LinearRegression}, which answers for everything but the data on the driver.
 *
 * <p>As an {@link ExactCurvature} in the unconstrained coordinates {@code u = [α, β, t]},
 * {@code σ = e^t}, every evaluation is one Spark job: partition p computes its log-likelihood and
 * its derivatives in double ({@link LinearLikelihood}); the parts are summed in a fixed tree over
 * the partitions ({@link TreeSum}) and the prior with the log-Jacobian t added once on the driver
 * ({@link LinearPrior}):
 * <pre>
 *   ℓ(u) = Σ_p [−Σ_{n∈p} r_n² / (2σ²) − n_p log σ − n_p ½ log 2π] + Σ_j log N(θ_j; 0, τ²) + log p(σ) + t
 * </pre>
 * with r_n = y_n − α − x_nᵀβ: the double-precision code of the local {@link LinearRegression}
 * ({@link LinearLikelihood}, {@link LinearPrior}), summed in another order. On a minibatch B each
 * partition sums its rows of B scaled by N/|B|. The MAP objective needs the model's tensor code
 * and is not available here ({@link #logLikelihood} rejects it).
 *
 * <p>The partitions' rows are copied once and cached on the executors (call {@link #release}).
 */
public final class SparkLinearRegression extends PartitionedModel {

    private static final String NAME = "SparkLinearRegression";

    /** The rows of one partition, row-major, with their responses, and their summary. */
    private record Shard(int partition, double[] x, double[] y, Serializable summary) implements Serializable {
    }

    private final JavaRDD<Shard> shards;
    private final int features;
    private final boolean intercept;
    private final LinearPrior prior;
    private Serializable summary;

    private SparkLinearRegression(JavaRDD<Shard> shards, List<int[]> sizes, int features, double tau,
            NoisePrior noisePrior, double noisePriorScale, boolean intercept) {
        super(NAME, shards, sizes, LinearRegression.of(new double[1][features], new double[] {0}, tau,
                noisePrior, noisePriorScale, intercept));
        this.shards = shards;
        this.features = features;
        this.intercept = intercept;
        this.prior = new LinearPrior(tau, noisePrior, noisePriorScale);
    }

    /**
     * The model of the rows of {@code data}: each row its D features followed by its response
     * ({@link FeatureColumn#doubles} with a label column). Runs one job that caches the partitions'
     * rows and checks every row.
     *
     * @throws IllegalArgumentException if tau or the noise prior scale is not finite and positive, the
     *     noise prior is null, there are no rows, rows differ in length, or a number is not finite
     */
    public static SparkLinearRegression of(JavaRDD<double[]> data, double tau, NoisePrior noisePrior,
            double noisePriorScale, boolean intercept) {
        return of(data, tau, noisePrior, noisePriorScale, intercept, null);
    }

    /**
     * As {@link #of(JavaRDD, double, NoisePrior, double, boolean)}, with {@code summary} (when not
     * null) of the rows taken in the same job ({@link #summary()}).
     *
     * @throws IllegalArgumentException as {@link #of(JavaRDD, double, NoisePrior, double, boolean)}
     */
    public static <S extends Serializable> SparkLinearRegression of(JavaRDD<double[]> data, double tau,
            NoisePrior noisePrior, double noisePriorScale, boolean intercept, RowSummary<S> summary) {
        LinearPrior.check(NAME, tau, noisePrior, noisePriorScale);
        JavaRDD<Shard> shards = data.mapPartitionsWithIndex((Integer p, Iterator<double[]> it) -> {
            List<double[]> r = new ArrayList<>();
            it.forEachRemaining(r::add);
            S sum = summary == null ? null : summary.zero();
            for (int i = 0; summary != null && i < r.size(); i++) {
                sum = summary.add(sum, r.get(i));
            }
            int d = r.isEmpty() ? 0 : r.get(0).length - 1;
            double[] x = new double[r.size() * d];
            double[] y = new double[r.size()];
            for (int i = 0; i < r.size(); i++) {
                double[] row = r.get(i);
                if (row.length != d + 1) {
                    throw new IllegalArgumentException(NAME + ": rows of " + d + " and " + (row.length - 1)
                            + " features");
                }
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(NAME + ": non-finite number " + v + " in a row");
                    }
                }
                System.arraycopy(row, 0, x, i * d, d);
                y[i] = row[d];
            }
            return List.of(new Shard(p, x, y, sum)).iterator();
        }, true).persist(StorageLevel.MEMORY_ONLY());
        List<Tuple2<int[], Serializable>> parts = shards.map(s -> new Tuple2<int[], Serializable>(new int[] {
            s.y().length, s.y().length == 0 ? -1 : s.x().length / s.y().length}, s.summary())).collect();
        List<int[]> sizes = new ArrayList<>();
        for (Tuple2<int[], Serializable> t : parts) {
            sizes.add(t._1());
        }
        int[] totals = totals(NAME, shards, sizes);
        if (totals[1] < 1) {
            shards.unpersist(false);
            throw new IllegalArgumentException(NAME + ": rows need at least one feature before the response");
        }
        SparkLinearRegression model = new SparkLinearRegression(shards, sizes, totals[1], tau, noisePrior,
                noisePriorScale, intercept);
        model.summary = merged(summary, parts);
        return model;
    }

    /** The merged summary of the rows ({@link #of(JavaRDD, double, NoisePrior, double, boolean, RowSummary)}), or null. */
    @SuppressWarnings("unchecked")
    public <S extends Serializable> S summary() {
        return (S) summary;
    }

    /** The number of unconstrained coordinates d (D + 1, plus one with an intercept). */
    @Override
    public int dimension() {
        return features + (intercept ? 2 : 1);
    }

    @Override
    public double curvature(double[] u, double[] gradient, double[][] negativeHessian) {
        int d = dimension();
        checkPoint(u);
        boolean g = gradient != null;
        boolean h = negativeHessian != null;
        int leaves = partitions();
        boolean icpt = intercept;
        double[] point = u.clone();
        TreeSum sum = shards.map(s -> {
            double[] out = new double[(g ? d : 0) + (h ? d * d : 0)];
            double v = LinearLikelihood.of(s.x(), s.y(), icpt).add(point, 0, out, g ? 0 : -1, h ? (g ? d : 0) : -1,
                    null, 1);
            return TreeSum.leaf(leaves, s.partition(), null, out, v);
        }).treeReduce(TreeSum::merge, 2);
        unpack(sum.doubles(), d, gradient, negativeHessian);
        return prior.add(u, 0, d, sum.scalar(), gradient, 0, negativeHessian);
    }

    @Override
    void evaluate(double[] points, int k, int[][] local, double scale, double[] values, double[] gradients) {
        int d = dimension();
        boolean g = gradients != null;
        int leaves = partitions();
        boolean icpt = intercept;
        double[] pts = points.clone();
        TreeSum sum = shards.map(s -> {
            int[] rows = local == null ? null : local[s.partition()];
            if (local != null && rows == null) {
                return TreeSum.leaf(leaves, s.partition(), null, null, 0);
            }
            double[] out = new double[k + (g ? k * d : 0)];
            LinearLikelihood part = LinearLikelihood.of(s.x(), s.y(), icpt);
            for (int p = 0; p < k; p++) {
                out[p] = part.add(pts, p * d, out, g ? k + p * d : -1, -1, rows, scale);
            }
            return TreeSum.leaf(leaves, s.partition(), null, out, 0);
        }).treeReduce(TreeSum::merge, 2);
        double[] out = sum.doubles();
        for (int p = 0; p < k; p++) {
            if (g) {
                System.arraycopy(out, k + p * d, gradients, p * d, d);
            }
            values[p] = prior.add(points, p * d, d, out[p], gradients, p * d, null);
        }
    }
}
