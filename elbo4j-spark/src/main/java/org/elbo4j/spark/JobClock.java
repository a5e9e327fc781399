package org.elbo4j.spark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wall time and number of a partitioned model's Spark jobs by kind ({@link PartitionedModel#jobClock()}):
 * {@code curvature} (ℓ, ∇ℓ and H: the Newton steps of the Laplace start), {@code expectations}
 * (E_q[ℓ] and its derivatives: the natural-gradient passes) and {@code log densities} (ℓ at many
 * points: the variational steps and the importance-sampled evidence), each job timed on the driver
 * from its submission to its merged result. Safe to use from several threads; times are
 * measurements, not part of any result.
 */
public final class JobClock {

    private final Map<String, long[]> kinds = new LinkedHashMap<>();

    JobClock() {
    }

    /** Adds a job of {@code kind} that started at {@code startNanos} ({@link System#nanoTime()}) and ended now. */
    synchronized void add(String kind, long startNanos) {
        long[] t = kinds.computeIfAbsent(kind, k -> new long[2]);
        t[0]++;
        t[1] += System.nanoTime() - startNanos;
    }

    /** The number of jobs of {@code kind} so far. */
    public synchronized long jobs(String kind) {
        long[] t = kinds.get(kind);
        return t == null ? 0 : t[0];
    }

    /** The summed wall seconds of the jobs of {@code kind} so far (jobs run at once count each). */
    public synchronized double seconds(String kind) {
        long[] t = kinds.get(kind);
        return t == null ? 0 : t[1] / 1e9;
    }

    /** The kinds seen so far, in the order of their first job. */
    public synchronized java.util.List<String> kinds() {
        return java.util.List.copyOf(kinds.keySet());
    }
}
