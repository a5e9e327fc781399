package org.elbo4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MinibatchesTest {

    /** n samples whose features are (i, −i, 10·i), so a row identifies its sample. */
    private static Dataset indexed(int n) {
        float[] v = new float[n * 3];
        for (int i = 0; i < n; i++) {
            v[3 * i] = i;
            v[3 * i + 1] = -i;
            v[3 * i + 2] = 10 * i;
        }
        return Dataset.of(Tensor.of(v, n, 3));
    }

    @Test
    void batchesCoverEverySampleOnceWithAPartialLastBatch() {
        Minibatches mb = Minibatches.shuffled(indexed(10), 4, Rng.of(1));
        assertEquals(3, mb.batchesPerEpoch());
        List<Integer> sizes = new ArrayList<>();
        boolean[] seen = new boolean[10];
        int index = 0;
        for (Batch b : mb.epoch(0)) {
            assertEquals(index++, b.index());
            sizes.add(b.size());
            assertArrayEquals(new int[] {b.size(), 3}, b.x().shape());
            for (int r = 0; r < b.size(); r++) {
                int row = b.rows()[r];
                assertFalse(seen[row], "row " + row + " twice");
                seen[row] = true;
                assertArrayEquals(new float[] {row, -row, 10 * row},
                        Arrays.copyOfRange(b.x().data(), 3 * r, 3 * r + 3), "batch row " + r);
            }
        }
        assertEquals(List.of(4, 4, 2), sizes);
    }

    @Test
    void orderIsAPermutationReproducibleFromTheEpochAlone() {
        Minibatches a = Minibatches.shuffled(indexed(50), 8, Rng.of(5));
        int[] epoch3 = a.order(3);
        int[] sorted = epoch3.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        // a fresh instance resuming at epoch 3, without the earlier epochs, sees the same order
        Minibatches resumed = Minibatches.shuffled(indexed(50), 8, Rng.of(5));
        assertArrayEquals(epoch3, resumed.order(3));
        List<int[]> rows = new ArrayList<>();
        for (Batch b : resumed.epoch(3)) {
            rows.add(b.rows());
        }
        assertArrayEquals(Arrays.copyOfRange(epoch3, 8, 16), rows.get(1));
        assertFalse(Arrays.equals(epoch3, a.order(4)), "epochs are shuffled differently");
        assertFalse(Arrays.equals(epoch3, Minibatches.shuffled(indexed(50), 8, Rng.of(6)).order(3)));
    }

    @Test
    void shuffleIsUniformOverPositions() {
        // where sample 0 lands among n = 5 positions over E = 5000 epochs: each count is
        // Binomial(E, 1/5); 5.5 standard deviations: false-failure rate < 5 · 4e-8 = 2e-7
        int n = 5;
        int epochs = 5000;
        Minibatches mb = Minibatches.shuffled(indexed(n), 2, Rng.of(11));
        int[] counts = new int[n];
        for (int e = 0; e < epochs; e++) {
            int[] order = mb.order(e);
            for (int pos = 0; pos < n; pos++) {
                if (order[pos] == 0) {
                    counts[pos]++;
                }
            }
        }
        double sd = Math.sqrt(epochs * 0.2 * 0.8);
        for (int pos = 0; pos < n; pos++) {
            assertEquals(epochs / 5.0, counts[pos], 5.5 * sd, "position " + pos);
        }
    }

    @Test
    void sequentialKeepsDatasetOrder() {
        Minibatches mb = Minibatches.sequential(indexed(7), 3);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, mb.order(9));
        List<Integer> firsts = new ArrayList<>();
        for (Batch b : mb.epoch(0)) {
            firsts.add(b.rows()[0]);
        }
        assertEquals(List.of(0, 3, 6), firsts);
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("Minibatches: batchSize must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Minibatches.sequential(indexed(3), 0)).getMessage());
        var it = Minibatches.sequential(indexed(3), 3).epoch(0).iterator();
        it.next();
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }
}
