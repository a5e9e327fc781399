package org.elbo4j.infer;

import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Reparameterizable;
import org.elbo4j.tensor.Tensor;

/** Checks and shape bookkeeping shared by the estimators. */
final class Particles {

    private Particles() {
    }

    /** @throws IllegalArgumentException unless {@code n >= 1} */
    static int checkCount(String owner, String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(owner + ": " + name + " must be >= 1, got " + n);
        }
        return n;
    }

    /** @throws IllegalArgumentException unless {@code n >= 1} */
    static long checkDataSize(String owner, long n) {
        if (n < 1) {
            throw new IllegalArgumentException(owner + ": dataSize must be >= 1, got " + n);
        }
        return n;
    }

    /** The guide's q(z | x), which must be reparameterizable for pathwise gradients. */
    static Reparameterizable reparameterizable(String owner, Distribution q) {
        if (q instanceof Reparameterizable r) {
            return r;
        }
        throw new IllegalArgumentException(owner + ": the guide's distribution must be Reparameterizable for"
                + " pathwise gradients, got " + q.getClass().getSimpleName() + "; use ScoreFunctionElbo");
    }

    /**
     * N/|B| with |B| the number of data points of the minibatch (the product of the guide's batch
     * shape), or 1 when no data size is set ({@code dataSize == 0}).
     *
     * @throws IllegalArgumentException when the minibatch is larger than the data set
     */
    static double dataScale(String owner, long dataSize, Distribution q) {
        if (dataSize == 0) {
            return 1.0;
        }
        long batch = 1;
        for (int d : q.batchShape()) {
            batch *= d;
        }
        if (batch > dataSize) {
            throw new IllegalArgumentException(owner + ": minibatch of " + batch + " points is larger than dataSize "
                    + dataSize);
        }
        return (double) dataSize / batch;
    }

    /**
     * Sums a per-particle, per-datum term of shape {@code [L] ++ batch} over the batch: shape [L].
     *
     * @throws IllegalArgumentException when the leading dimension is not L
     */
    static Tensor sumOverBatch(String owner, String name, Tensor t, int particles) {
        if (t.rank() < 1 || t.dim(0) != particles) {
            throw new IllegalArgumentException(owner + ": " + name + " must have shape [" + particles
                    + ", batch...], got " + java.util.Arrays.toString(t.shape()));
        }
        Tensor flat = t.reshape(particles, t.size() / particles);
        return flat.sum(1, false);
    }

    /** A scalar whose value is {@code value} and whose gradient is that of {@code surrogate}. */
    static Tensor withValue(Tensor surrogate, double value) {
        return surrogate.sub(surrogate.detach()).add(value);
    }
}
