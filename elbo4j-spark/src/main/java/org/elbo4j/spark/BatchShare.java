package org.elbo4j.spark;

import java.util.Map;
import org.elbo4j.data.Binarize;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeBatchGradient;

/**
 * The rows of one global minibatch that one partition holds: their positions in the batch
 * (increasing) and their values {@code [m, D]}, as {@link org.elbo4j.vae.VaeBatchGradient} takes
 * them. Partition p holds the global rows {@code start … start + count − 1} ({@link RowBlocks}).
 *
 * @param positions the batch positions of the rows held, increasing
 * @param x the rows' values, row-major {@code [positions.length, D]}
 */
record BatchShare(int[] positions, float[] x) {

    /** The rows of the batch {@code rows} (global indices, in batch order) held by {@code block}; null when none. */
    static BatchShare of(RowBlocks.Block block, long start, int[] rows) {
        int m = 0;
        for (int r : rows) {
            if (r >= start && r < start + block.count()) {
                m++;
            }
        }
        if (m == 0) {
            return null;
        }
        int d = block.d();
        int[] positions = new int[m];
        float[] x = new float[m * d];
        int j = 0;
        for (int pos = 0; pos < rows.length; pos++) {
            long local = rows[pos] - start;
            if (local >= 0 && local < block.count()) {
                positions[j] = pos;
                System.arraycopy(block.values(), (int) local * d, x, j * d, d);
                j++;
            }
        }
        return new BatchShare(positions, x);
    }

    /** The number of rows held. */
    int m() {
        return positions.length;
    }

    /** The partial gradient of the rows of the batch that one partition holds (run on an executor). */
    static PartResult gradient(RowBlocks.Block block, long start, int partitions, int[] rows, long epoch,
            int index, VaeSpec spec, Map<String, float[]> weights, Binarize bin, long seed, TaskProbe probe,
            long fetchNanos) {
        long t0 = System.nanoTime();
        BatchShare share = BatchShare.of(block, start, rows);
        if (share == null) {
            return PartResult.of(TreeSum.leaf(partitions, block.partition(), null, 0), 0, false, 0, 0, fetchNanos, 0);
        }
        probe.before(block.partition(), epoch, index);
        Vae vae = spec.vae(weights);
        float[] flat = new float[VaeBatchGradient.size(vae)];
        double loss = VaeBatchGradient.compute(vae, Tensor.of(share.x(), share.m(), block.d()), share.positions(),
                rows.length, epoch, index, bin, spec.objective(), Rng.of(seed), flat);
        return PartResult.of(TreeSum.leaf(partitions, block.partition(), flat, loss), share.m(), true, 0, 0,
                fetchNanos, System.nanoTime() - t0);
    }
}
