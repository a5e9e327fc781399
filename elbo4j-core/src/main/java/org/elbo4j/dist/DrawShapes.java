package org.elbo4j.dist;

/** Shape helpers for samplers: {@code sampleShape ++ batchShape ++ eventShape}. */
final class DrawShapes {

    private DrawShapes() {
    }

    /** {@code a ++ b}. */
    static int[] prepend(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The number of elements of a shape, validated as a sample shape. */
    static int size(int[] sampleShape) {
        long n = 1;
        for (int d : sampleShape) {
            if (d < 0) {
                throw new IllegalArgumentException("sample: sample shape dimensions must be >= 0, got "
                        + java.util.Arrays.toString(sampleShape));
            }
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
