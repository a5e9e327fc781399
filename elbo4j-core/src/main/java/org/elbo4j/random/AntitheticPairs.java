package org.elbo4j.random;

import java.util.random.RandomGenerator;

/**
 * Antithetic pairs of standard normal draws (Hammersley &amp; Morton 1956; for reparameterization
 * gradients e.g. Ren et al. 2019, "Adaptive antithetic sampling for variance reduction"): n rows of
 * width w in which the first {@code h = ⌈n/2⌉} rows are drawn and the rest are their negations,
 * <pre>
 *   ε_r ~ N(0, I_w)  for r &lt; h,        ε_{h+r} = −ε_r  for r &lt; n − h,
 * </pre>
 * so row r and row h + r are a pair (for odd n the row h − 1 has no partner). Every row is
 * marginally N(0, I), so an average of per-row terms keeps its expectation; the part of its noise
 * that is odd in ε cancels within each pair. One layout for every user: the Gaussian-guide fits of
 * {@code bayes} (M particles as ⌈M/2⌉ pairs) and the VAE's minibatch noise ({@code vae.VaeNoise}).
 */
public final class AntitheticPairs {

    private AntitheticPairs() {
    }

    /** The number of drawn rows of n: {@code ⌈n/2⌉}. */
    public static int drawn(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("AntitheticPairs: rows must be >= 0, got " + rows);
        }
        return rows - rows / 2;
    }

    /** The row paired with {@code row} among {@code rows}, or −1 for the unpaired middle row of an odd count. */
    public static int partner(int row, int rows) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("AntitheticPairs: row must be in [0, " + rows + "), got " + row);
        }
        int h = drawn(rows);
        if (row < h) {
            return h + row < rows ? h + row : -1;
        }
        return row - h;
    }

    /**
     * Overwrites rows {@code h … n−1} of the row-major {@code x [n, width]} with the negations of
     * rows {@code 0 … n−h−1} (the first h rows are left as they are).
     */
    public static void mirror(double[] x, int rows, int width) {
        check(x.length, rows, width);
        int h = drawn(rows);
        for (int i = 0; i < (rows - h) * width; i++) {
            x[h * width + i] = -x[i];
        }
    }

    /** As {@link #mirror(double[], int, int)} for float values. */
    public static void mirror(float[] x, int rows, int width) {
        check(x.length, rows, width);
        int h = drawn(rows);
        for (int i = 0; i < (rows - h) * width; i++) {
            x[h * width + i] = -x[i];
        }
    }

    /**
     * n antithetic rows of width w as float, row-major: the first ⌈n/2⌉ rows are
     * {@code (float) rng.nextGaussian()} in order (the numbers {@code Tensor.randn} would put there),
     * the rest mirrored.
     */
    public static float[] normalFloats(RandomGenerator rng, int rows, int width) {
        check(Long.MAX_VALUE, rows, width);
        float[] x = new float[Math.multiplyExact(rows, width)];
        for (int i = 0; i < drawn(rows) * width; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        mirror(x, rows, width);
        return x;
    }

    private static void check(long length, int rows, int width) {
        if (rows < 0 || width < 0 || (long) rows * width > length) {
            throw new IllegalArgumentException("AntitheticPairs: " + rows + " rows of width " + width
                    + " need rows, width >= 0 and a buffer of at least rows*width, got " + length);
        }
    }
}
