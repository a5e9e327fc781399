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
import org.elbo4j.tensor.Tensor;

/**
 * What the Spark regressions share: the rows cached on the executors as one object per partition,
 * and a one-row local model on the driver that answers for the parameters, the prior and the prior
 * draws, never the data. Only full-data fits through {@link ExactCurvature} are possible
 * ({@link #logLikelihood} rejects the tensor path: minibatches, MAP and the Laplace guide).
 */
abstract class PartitionedModel implements BayesModel, ExactCurvature {

    private final String name;
    private final JavaRDD<?> shards;
    private final int partitions;
    private final int rows;
    private final BayesModel priorModel;

    PartitionedModel(String name, JavaRDD<?> shards, int partitions, int rows, BayesModel priorModel) {
        this.name = name;
        this.shards = shards;
        this.partitions = partitions;
        this.rows = rows;
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

    /** Not available: the rows are on the executors (full-data fits only, see the class comment). */
    @Override
    public final Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
        throw new IllegalArgumentException(name + ": on Spark only full-data variational fits are available"
                + " (batch size 0, guide meanfield, fullrank or lowrank), not minibatches, map or laplace");
    }

    /** The number of unconstrained coordinates d. */
    public abstract int dimension();

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

    /** Drops the cached partitions. */
    public final void release() {
        shards.unpersist(false);
    }
}
