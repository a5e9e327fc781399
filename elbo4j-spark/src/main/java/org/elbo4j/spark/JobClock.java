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
    private int running;
    private long busySince;
    private long busy;

    JobClock() {
    }

    /** A job starts now: its start time ({@link System#nanoTime()}) for {@link #end}. */
    synchronized long begin() {
        long now = System.nanoTime();
        if (running++ == 0) {
            busySince = now;
        }
        return now;
    }

    /** The job of {@code kind} that {@link #begin} returned {@code startNanos} for has ended now. */
    synchronized void end(String kind, long startNanos) {
        long now = System.nanoTime();
        long[] t = kinds.computeIfAbsent(kind, k -> new long[2]);
        t[0]++;
        t[1] += now - startNanos;
        if (--running == 0) {
            busy += now - busySince;
        }
    }

    /** The wall seconds during which at least one job ran (jobs run at once count once). */
    public synchronized double busySeconds() {
        return busy / 1e9;
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
