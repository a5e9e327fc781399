package org.elbo4j.random;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A seeded random stream that can derive independent child streams by index.
 *
 * <p>{@code child(i)} depends only on this stream's seed path and {@code i}, never on how much of
 * this stream was consumed or on which thread asks; code that gives chunk i of a parallel loop the
 * stream {@code rng.child(i)} therefore gets the same numbers whatever the thread count.
 * Draws come from {@link SplittableRandom} (SplitMix64); child seeds are mixed with the
 * SplitMix64 finaliser so that nearby indices give unrelated streams.
 */
public final class Rng implements RandomGenerator {

    private final long seed;
    private final SplittableRandom stream;

    private Rng(long seed) {
        this.seed = seed;
        this.stream = new SplittableRandom(seed);
    }

    /** A stream from a seed. */
    public static Rng of(long seed) {
        return new Rng(seed);
    }

    /** The seed this stream started from. */
    public long seed() {
        return seed;
    }

    /** The independent child stream number {@code index}; does not advance this stream. */
    public Rng child(long index) {
        return new Rng(mix(seed + 0x9E3779B97F4A7C15L * (index + 1)) ^ 0x5DEECE66DL);
    }

    /** The child stream for a named use (a hash of the name picks the index). */
    public Rng child(String name) {
        return child(name.hashCode() & 0xffffffffL);
    }

    @Override
    public long nextLong() {
        return stream.nextLong();
    }

    @Override
    public double nextDouble() {
        return stream.nextDouble();
    }

    @Override
    public int nextInt() {
        return stream.nextInt();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
