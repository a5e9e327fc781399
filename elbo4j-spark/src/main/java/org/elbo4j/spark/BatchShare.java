package org.elbo4j.spark;

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
}
