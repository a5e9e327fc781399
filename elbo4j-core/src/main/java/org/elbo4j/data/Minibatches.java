package org.elbo4j.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;

/**
 * Minibatches of a dataset, epoch by epoch.
 *
 * <p>Shuffled batches: epoch e visits the samples in a uniformly random order (Fisher–Yates)
 * drawn from {@code rng.child(e)} alone, so the order of an epoch does not depend on earlier
 * epochs and a run resumed at epoch e sees exactly the batches it would have seen. Sequential
 * batches visit the samples in dataset order. Every epoch has ⌈n / B⌉ batches of B samples, the
 * last one holding the remaining {@code n − B·⌊n/B⌋} when B does not divide n.
 */
public final class Minibatches {

    private final Dataset data;
    private final int batchSize;
    private final Rng rng;

    private Minibatches(Dataset data, int batchSize, Rng rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Minibatches: batchSize must be >= 1, got " + batchSize);
        }
        if (data.n() == 0) {
            throw new IllegalArgumentException("Minibatches: the dataset is empty");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.rng = rng;
    }

    /** Batches in a fresh random order every epoch, epoch e shuffled by {@code rng.child(e)}. */
    public static Minibatches shuffled(Dataset data, int batchSize, Rng rng) {
        if (rng == null) {
            throw new IllegalArgumentException("Minibatches: rng must not be null (use sequential for no shuffling)");
        }
        return new Minibatches(data, batchSize, rng);
    }

    /** Batches in dataset order (for evaluation). */
    public static Minibatches sequential(Dataset data, int batchSize) {
        return new Minibatches(data, batchSize, null);
    }

    /** ⌈n / B⌉. */
    public int batchesPerEpoch() {
        return (data.n() + batchSize - 1) / batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    public Dataset dataset() {
        return data;
    }

    /** The order in which epoch {@code epoch} visits the samples: a permutation of 0 … n−1. */
    public int[] order(long epoch) {
        return rng == null ? permutation(data.n(), null) : permutation(data.n(), rng.child(epoch));
    }

    /**
     * The Fisher–Yates permutation of 0 … n−1 drawn from {@code r} (the order of an epoch, whose
     * stream is {@code rng.child(epoch)}), or the identity when r is null; for code that holds
     * the samples elsewhere (on other machines, say) and needs the same order.
     */
    public static int[] permutation(int n, Rng r) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (r != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        return order;
    }

    /** The batches of one epoch, created one at a time as the iteration proceeds. */
    public Iterable<Batch> epoch(long epoch) {
        return () -> new Iterator<>() {
            private final int[] order = order(epoch);
            private int next;

            @Override
            public boolean hasNext() {
                return next < batchesPerEpoch();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("Minibatches: epoch " + epoch + " has only "
                            + batchesPerEpoch() + " batches");
                }
                int from = next * batchSize;
                int[] rows = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
                Tensor x = data.values().indexSelect(0, rows);
                return new Batch(epoch, next++, rows, x);
            }
        };
    }
}
