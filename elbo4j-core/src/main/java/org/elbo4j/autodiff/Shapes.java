package org.elbo4j.autodiff;

import java.util.Arrays;

/** Shape arithmetic of the tape: NumPy broadcasting and the index maps of its operations. */
final class Shapes {

    private Shapes() {
    }

    static int size(int[] shape) {
        int n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("autodiff: negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    static void check(String where, int length, int[] shape) {
        if (size(shape) != length) {
            throw new IllegalArgumentException(where + ": " + length + " values do not fill shape "
                    + Arrays.toString(shape));
        }
    }

    /** The axis {@code axis} (negative counts from the end) of a rank-{@code rank} array. */
    static int axis(String where, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(where + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** The NumPy broadcast of two shapes. */
    static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("autodiff: shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * For each element of {@code out} (row-major), the index of the element of an array of shape
     * {@code in} it broadcasts from; null when the shapes have the same size (identity).
     */
    static int[] broadcastMap(int[] in, int[] out) {
        int n = size(out);
        if (size(in) == n) {
            return null;
        }
        int r = out.length;
        int[] stride = new int[r];
        int s = 1;
        for (int i = r - 1; i >= 0; i--) {
            int j = i - (r - in.length);
            int d = j < 0 ? 1 : in[j];
            stride[i] = d == 1 ? 0 : s;
            s *= d;
        }
        return walk(out, stride);
    }

    /** For each element of {@code shape} in row-major order, its offset Σ_i index_i · st_i in a source array. */
    static int[] walk(int[] shape, int[] st) {
        int n = size(shape);
        int r = shape.length;
        int[] map = new int[n];
        int[] idx = new int[r];
        int off = 0;
        for (int k = 0; k < n; k++) {
            map[k] = off;
            for (int i = r - 1; i >= 0; i--) {
                idx[i]++;
                off += st[i];
                if (idx[i] < shape[i]) {
                    break;
                }
                off -= st[i] * idx[i];
                idx[i] = 0;
            }
        }
        return map;
    }

    static int[] strides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }
}
