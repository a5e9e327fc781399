package org.elbo4j.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sum of one value per partition (a float vector and a double) combined in a fixed binary
 * tree over the partition indices, whatever order Spark merges the partial results in.
 *
 * <p>{@code treeAggregate} / {@code treeReduce} combine partial results in the order their tasks
 * finish and shuffle blocks arrive, and float addition is not associative, so a plain sum would
 * differ from run to run in its last bits. Here the value of a tree node is always
 * {@code left + right} of its two children (a lone last child is passed up unchanged), computed
 * as soon as both are present: merging is commutative and associative, and the root is the same
 * bit for bit for every merge order. Over P leaves the tree has ⌈log₂ P⌉ levels; with one
 * partition the root is that partition's value itself. A leaf may be empty (a partition with
 * nothing to add): it is the identity, no addition is made.
 */
public final class TreeSum implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One node's value: a float vector, a double vector and a scalar, or empty (both vectors null). */
    private record Part(float[] vector, double[] doubles, double scalar) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final int leaves;
    private final TreeMap<Long, Part> nodes = new TreeMap<>();

    private TreeSum(int leaves) {
        if (leaves < 1) {
            throw new IllegalArgumentException("TreeSum: leaves must be >= 1, got " + leaves);
        }
        this.leaves = leaves;
    }

    /** Leaf {@code index} of a tree over {@code leaves} leaves, holding (vector, scalar); vector null for empty. */
    public static TreeSum leaf(int leaves, int index, float[] vector, double scalar) {
        return leaf(leaves, index, vector, null, scalar);
    }

    /**
     * Leaf {@code index} of a tree over {@code leaves} leaves holding a float vector, a double
     * vector (either may be null) and a scalar; both vectors null for an empty leaf.
     */
    public static TreeSum leaf(int leaves, int index, float[] vector, double[] doubles, double scalar) {
        if (index < 0 || index >= leaves) {
            throw new IllegalArgumentException("TreeSum: leaf index must be in [0, " + leaves + "), got " + index);
        }
        TreeSum t = new TreeSum(leaves);
        boolean empty = vector == null && doubles == null;
        t.nodes.put(key(0, index), new Part(vector, doubles, empty ? 0 : scalar));
        t.collapse();
        return t;
    }

    /** The union of two partial sums of the same tree (this one is changed and returned). */
    public TreeSum merge(TreeSum other) {
        if (other.leaves != leaves) {
            throw new IllegalArgumentException("TreeSum: trees of " + leaves + " and " + other.leaves + " leaves");
        }
        for (Map.Entry<Long, Part> e : other.nodes.entrySet()) {
            if (nodes.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalStateException("TreeSum: node " + e.getKey() + " merged twice");
            }
        }
        collapse();
        return this;
    }

    /** True when every leaf has been merged in. */
    public boolean complete() {
        return nodes.size() == 1 && nodes.containsKey(key(levels(), 0));
    }

    /** The summed vector (null when every leaf was empty). */
    public float[] vector() {
        return root().vector();
    }

    /** The summed double vector (null when every leaf was empty or had none). */
    public double[] doubles() {
        return root().doubles();
    }

    /** The summed scalar. */
    public double scalar() {
        return root().scalar();
    }

    private Part root() {
        if (!complete()) {
            throw new IllegalStateException("TreeSum: " + nodes.size() + " subtrees not yet merged");
        }
        return nodes.get(key(levels(), 0));
    }

    /** Replaces every pair of sibling nodes (and every lone last child) by their parent, bottom up. */
    private void collapse() {
        int top = levels();
        for (int level = 0; level < top; level++) {
            int width = width(level);
            for (Long key : nodes.subMap(key(level, 0), key(level + 1, 0)).keySet().toArray(new Long[0])) {
                int index = (int) (long) key;
                int left = index & ~1;
                if (!nodes.containsKey(key)) {
                    continue;
                }
                if (left + 1 >= width) {
                    nodes.put(key(level + 1, left / 2), nodes.remove(key));
                } else if (nodes.containsKey(key(level, left)) && nodes.containsKey(key(level, left + 1))) {
                    Part a = nodes.remove(key(level, left));
                    Part b = nodes.remove(key(level, left + 1));
                    nodes.put(key(level + 1, left / 2), add(a, b));
                }
            }
        }
    }

    private static Part add(Part a, Part b) {
        if (a.vector() == null && a.doubles() == null) {
            return b;
        }
        if (b.vector() == null && b.doubles() == null) {
            return a;
        }
        float[] f = null;
        if (a.vector() != null || b.vector() != null) {
            float[] x = a.vector();
            float[] y = b.vector();
            if (x == null || y == null || x.length != y.length) {
                throw new IllegalArgumentException("TreeSum: float vectors of different lengths");
            }
            f = new float[x.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = x[i] + y[i];
            }
        }
        double[] d = null;
        if (a.doubles() != null || b.doubles() != null) {
            double[] x = a.doubles();
            double[] y = b.doubles();
            if (x == null || y == null || x.length != y.length) {
                throw new IllegalArgumentException("TreeSum: double vectors of different lengths");
            }
            d = new double[x.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = x[i] + y[i];
            }
        }
        return new Part(f, d, a.scalar() + b.scalar());
    }

    /** The number of nodes at {@code level}: ⌈P / 2^level⌉. */
    private int width(int level) {
        return (int) (((long) leaves + (1L << level) - 1) >> level);
    }

    /** The level of the root: the least L with ⌈P / 2^L⌉ = 1. */
    private int levels() {
        int l = 0;
        while (width(l) > 1) {
            l++;
        }
        return l;
    }

    private static long key(int level, int index) {
        return ((long) level << 32) | index;
    }
}
