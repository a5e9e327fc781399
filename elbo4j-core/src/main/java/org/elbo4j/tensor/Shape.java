package org.elbo4j.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic for dense row-major tensors: sizes, strides, axis normalisation and
 * NumPy-style broadcasting.
 *
 * <p>Broadcasting aligns shapes on their trailing dimensions; two dimensions are compatible
 * when they are equal or one of them is 1, and the result takes the larger one.
 */
public final class Shape {

    private Shape() {
    }

    /** The number of elements of a tensor of this shape (1 for a scalar, shape {@code []}). */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Shape: dimensions must be >= 0, got " + str(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Shape: too many elements for one tensor: " + str(shape));
            }
        }
        return (int) n;
    }

    /** Row-major strides, in elements. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Formats a shape as {@code [2, 3]}. */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * Normalises a possibly negative axis ({@code -1} is the last) against a rank.
     *
     * @throws IllegalArgumentException naming the operation when the axis is out of range
     */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /**
     * The broadcast shape of {@code a} and {@code b}.
     *
     * @throws IllegalArgumentException naming the operation and both shapes when they do not broadcast
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast together");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides for reading a tensor of shape {@code src} as if it had the (broadcast) shape
     * {@code target}: broadcast dimensions get stride 0.
     */
    static int[] broadcastStrides(int[] src, int[] target) {
        int[] own = strides(src);
        int[] out = new int[target.length];
        int shift = target.length - src.length;
        for (int i = 0; i < target.length; i++) {
            int j = i - shift;
            out[i] = (j < 0 || src[j] == 1) ? 0 : own[j];
        }
        return out;
    }

    /** True when both shapes are equal. */
    public static boolean same(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }
}
