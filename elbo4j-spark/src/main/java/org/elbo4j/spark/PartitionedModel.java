package org.elbo4j.spark;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.apache.spark.api.java.JavaRDD;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.ExactCurvature;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.infer.SubsampledLogDensity;
import org.elbo4j.tensor.Tensor;

/**
 * What the Spark regressions share: the rows cached on the executors as one object per partition,
 * and a one-row local model on the driver that answers for the parameters, the prior and the prior
 * draws, never the data. Fits run through {@link ExactCurvature} on the full data and through
 * {@link SubsampledLogDensity} on minibatches ({@link #logLikelihood} rejects the tensor path: MAP
 * and the Laplace guide).
 *
 * <p>The rows are numbered partition by partition in order: partition p holds the global rows
 * {@code start_p … start_p + n_p − 1}. A minibatch B of global rows (chosen by the fit from its
 * seed and step, see {@code bayes.VariationalLoop}) is split by {@link #split} into each
 * partition's local indices, in the order of B; a partition holding none of B adds nothing.
 */
abstract class PartitionedModel implements BayesModel, ExactCurvature, SubsampledLogDensity {

    private final String name;
    private final JavaRDD<?> shards;
    private final int partitions;
    private final int rows;
    private final long[] start;
    private final BayesModel priorModel;
    private final JobClock clock = new JobClock();

    /** {@code sizes} as passed to {@link #totals} (rows per partition first), in partition order. */
    PartitionedModel(String name, JavaRDD<?> shards, List<int[]> sizes, BayesModel priorModel) {
        this.name = name;
        this.shards = shards;
        this.partitions = sizes.size();
        this.start = new long[partitions + 1];
        for (int p = 0; p < partitions; p++) {
            start[p + 1] = start[p] + sizes.get(p)[0];
        }
        this.rows = (int) start[partitions];
        this.priorModel = priorModel;
    }

    /**
     * The total rows and the common number of features of the partitions' sizes {rows, features or
     * −1 when empty}; drops the cached {@code shards} before throwing.
     *
     * @throws IllegalArgumentException if the features differ or the rows are not in 1 … 2³¹ − 1
     */
    static int[] totals(String name, JavaRDD<?> shards, List<int[]> sizes) {
        long n = 0;
        int d = -1;
        for (int[] s : sizes) {
            n += s[0];
            if (s[1] >= 0) {
                if (d >= 0 && d != s[1]) {
                    shards.unpersist(false);
                    throw new IllegalArgumentException(name + ": rows of " + d + " and " + s[1] + " features");
                }
                d = s[1];
            }
        }
        if (n == 0 || n > Integer.MAX_VALUE) {
            shards.unpersist(false);
            throw new IllegalArgumentException(name + ": needs between 1 and 2^31 - 1 rows, got " + n);
        }
        return new int[] {(int) n, d};
    }

    @Override
    public final List<Parameter> parameters() {
        return priorModel.parameters();
    }

    @Override
    public final int observationCount() {
        return rows;
    }

    @Override
    public final Tensor logPrior(ParameterValues theta) {
        return priorModel.logPrior(theta);
    }

    @Override
    public final Optional<ParameterValues> samplePrior(RandomGenerator rng, int m) {
        return priorModel.samplePrior(rng, m);
    }

    /** Not available: the rows are on the executors (variational fits only, see the class comment). */
    @Override
    public final Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
        throw new IllegalArgumentException(name + ": on Spark only variational fits are available"
                + " (guide meanfield, fullrank or lowrank), not map or laplace");
    }

    @Override
    public final void logDensities(double[] points, int k, double[] values, double[] gradients) {
        checkPoints(points, k, values, gradients);
        long t = clock.begin();
        evaluate(points, k, null, 1, values, gradients);
        clock.end("log densities", t);
    }

    /**
     * ℓ_B = scale · Σ_{n∈B} ℓ_n + log prior at K points, B = {@code rows} (global indices in [0, N);
     * null for all rows), in one Spark job: each partition sums its rows of B.
     *
     * @throws IllegalArgumentException if the points or outputs have the wrong length or a row is outside [0, N)
     */
    @Override
    public final void logDensities(double[] points, int k, int[] rows, double scale, double[] values,
            double[] gradients) {
        checkPoints(points, k, values, gradients);
        long t = clock.begin();
        evaluate(points, k, rows == null ? null : split(rows), scale, values, gradients);
        clock.end("log densities", t);
    }

    /**
     * ℓ at K points into {@code values} (gradients when not null): the data sum over every row
     * when {@code local} is null, else over partition p's rows {@code local[p]} (none when null),
     * times {@code scale}, and the prior once.
     */
    abstract void evaluate(double[] points, int k, int[][] local, double scale, double[] values, double[] gradients);

    /**
     * The rows of B that each partition holds, as indices into the partition, in the order of B;
     * null for a partition holding none.
     *
     * @throws IllegalArgumentException if a row is outside [0, N)
     */
    final int[][] split(int[] batch) {
        int[] counts = new int[partitions];
        int[] owner = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            int r = batch[i];
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException(name + ": row index must be in [0, " + rows + "), got " + r);
            }
            int p = java.util.Arrays.binarySearch(start, r);
            p = p >= 0 ? p : -p - 2;
            while (start[p + 1] == start[p]) {
                p++;
            }
            owner[i] = p;
            counts[p]++;
        }
        int[][] local = new int[partitions][];
        int[] fill = new int[partitions];
        for (int i = 0; i < batch.length; i++) {
            int p = owner[i];
            if (local[p] == null) {
                local[p] = new int[counts[p]];
            }
            local[p][fill[p]++] = (int) (batch[i] - start[p]);
        }
        return local;
    }

    /** The partitions' summaries merged in partition order, or null when {@code summary} is null. */
    @SuppressWarnings("unchecked")
    static <S extends java.io.Serializable> S merged(RowSummary<S> summary,
            List<scala.Tuple2<int[], java.io.Serializable>> parts) {
        if (summary == null) {
            return null;
        }
        S all = summary.zero();
        for (scala.Tuple2<int[], java.io.Serializable> t : parts) {
            all = summary.merge(all, (S) t._2());
        }
        return all;
    }

    /** The number of unconstrained coordinates d. */
    public abstract int dimension();

    /** The wall times of this model's Spark jobs by kind so far. */
    public final JobClock jobClock() {
        return clock;
    }

    /** The number of partitions. */
    public final int partitions() {
        return partitions;
    }

    /** Rejects a point of the wrong length. */
    final void checkPoint(double[] u) {
        if (u.length != dimension()) {
            throw new IllegalArgumentException(name + ": u must have length " + dimension() + ", got " + u.length);
        }
    }

    /** Rejects {@code points} that are not K points of length d, or too short outputs. */
    final void checkPoints(double[] points, int k, double[] values, double[] gradients) {
        int d = dimension();
        if (k < 0 || points.length != (long) k * d || values.length < k
                || gradients != null && gradients.length < (long) k * d) {
            throw new IllegalArgumentException(name + ": expected " + k + " points of length " + d + ", got "
                    + points.length + " numbers, " + values.length + " values");
        }
    }

    /**
     * A gradient (when not null) and a d × d matrix (when not null) as one vector [g, H row-major],
     * the layout {@link #unpack} reads back after the tree sum.
     */
    static double[] pack(double[] gradient, double[][] matrix) {
        int d = gradient != null ? gradient.length : matrix == null ? 0 : matrix.length;
        int off = gradient == null ? 0 : d;
        double[] out = new double[off + (matrix == null ? 0 : d * d)];
        if (gradient != null) {
            System.arraycopy(gradient, 0, out, 0, d);
        }
        if (matrix != null) {
            for (int i = 0; i < d; i++) {
                System.arraycopy(matrix[i], 0, out, off + i * d, d);
            }
        }
        return out;
    }

    /**
     * Writes the parts of a vector laid out as {@link #pack} makes it into the first d entries of
     * gradient and the d × d block of matrix (each when not null).
     */
    static void unpack(double[] packed, int d, double[] gradient, double[][] matrix) {
        int off = gradient == null ? 0 : d;
        if (gradient != null) {
            System.arraycopy(packed, 0, gradient, 0, d);
        }
        if (matrix != null) {
            for (int i = 0; i < d; i++) {
                System.arraycopy(packed, off + i * d, matrix[i], 0, d);
            }
        }
    }

    /** Drops the cached partitions. */
    public final void release() {
        shards.unpersist(false);
    }
}
