package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fixed-tree sum: the same bits for every merge order, and the tree's own additions. */
class TreeSumTest {

    private static float[] vector(int leaf) {
        Random r = new Random(leaf);
        float[] v = new float[5];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8)));
        }
        return v;
    }

    /** Merges the leaves in a random order, as pairs of random partial sums (as treeReduce may). */
    private static TreeSum mergeShuffled(int leaves, long seed, int emptyLeaf) {
        List<TreeSum> parts = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            parts.add(TreeSum.leaf(leaves, i, i == emptyLeaf ? null : vector(i), i));
        }
        Random r = new Random(seed);
        while (parts.size() > 1) {
            Collections.shuffle(parts, r);
            TreeSum a = parts.remove(parts.size() - 1);
            TreeSum b = parts.remove(parts.size() - 1);
            parts.add(a.merge(b));
        }
        return parts.get(0);
    }

    @Test
    void everyMergeOrderGivesTheSameBits() {
        for (int leaves : new int[] {1, 2, 3, 7, 8, 13}) {
            TreeSum first = mergeShuffled(leaves, 0, 2);
            assertTrue(first.complete());
            for (long seed = 1; seed < 20; seed++) {
                TreeSum other = mergeShuffled(leaves, seed, 2);
                assertArrayEquals(first.vector(), other.vector(), 0f, leaves + " leaves, seed " + seed);
                assertEquals(first.scalar(), other.scalar(), 0.0);
            }
        }
    }

    /** Three leaves: the root is (v0 + v1) + v2, the lone third leaf passed up unchanged. */
    @Test
    void theRootIsTheFixedTreesSum() {
        TreeSum t = TreeSum.leaf(3, 2, vector(2), 2).merge(TreeSum.leaf(3, 0, vector(0), 0))
                .merge(TreeSum.leaf(3, 1, vector(1), 1));
        float[] expected = new float[5];
        for (int i = 0; i < 5; i++) {
            expected[i] = (vector(0)[i] + vector(1)[i]) + vector(2)[i];
        }
        assertArrayEquals(expected, t.vector(), 0f);
        assertEquals(3.0, t.scalar(), 0.0);
        TreeSum one = TreeSum.leaf(1, 0, vector(4), 4);
        assertArrayEquals(vector(4), one.vector(), 0f);
    }

    @Test
    void incompleteAndRepeatedLeavesAreErrors() {
        TreeSum t = TreeSum.leaf(4, 0, vector(0), 0);
        assertFalse(t.complete());
        assertThrows(IllegalStateException.class, t::vector);
        assertThrows(IllegalStateException.class, () -> t.merge(TreeSum.leaf(4, 0, vector(0), 0)));
        assertThrows(IllegalArgumentException.class, () -> TreeSum.leaf(4, 4, vector(0), 0));
        assertThrows(IllegalArgumentException.class, () -> TreeSum.leaf(2, 0, vector(0), 0)
                .merge(TreeSum.leaf(3, 1, vector(1), 0)));
    }
}
