package org.elbo4j.spark;

/**
 * Where the wall time of {@link SparkVaeTrainer}'s Spark jobs goes, summed over jobs since the
 * trainer was made (or since {@link #reset}). For each job (one per step in synchronous mode, one
 * per round of H local steps in averaging mode):
 * <pre>
 *   broadcast  = driver time to serialize and register the broadcast of weights (and moments)
 *   job        = wall time from submitting the job to holding the merged result
 *   fetch      = the slowest partition's time to read the broadcast values
 *   compute    = the slowest partition's time to compute its leaf (gradient, or H local steps)
 *   overhead   = job − fetch − compute: scheduling, task launch and serialization, result
 *                transfer and the tree merge (an upper bound on them: the slowest fetch and the
 *                slowest compute may come from different partitions)
 *   update     = driver time after the job: the Adam step, or averaging and restoring the state
 * </pre>
 * Times come from {@link System#nanoTime()} on each JVM; they are measurements, not part of any result.
 */
public final class SparkTimings {

    private long jobs;
    private long broadcast;
    private long job;
    private long fetch;
    private long compute;
    private long update;

    SparkTimings() {
    }

    void add(PartitionJob j, long updateNanos) {
        jobs++;
        broadcast += j.broadcastNanos();
        job += j.jobNanos();
        fetch += j.result().fetchNanos();
        compute += j.result().computeNanos();
        update += updateNanos;
    }

    /** Forgets the jobs counted so far. */
    public void reset() {
        jobs = 0;
        broadcast = 0;
        job = 0;
        fetch = 0;
        compute = 0;
        update = 0;
    }

    /** The number of Spark jobs counted. */
    public long jobs() {
        return jobs;
    }

    /** Total seconds in the given part: "broadcast", "job", "fetch", "compute", "overhead" or "update". */
    public double seconds(String part) {
        long nanos = switch (part) {
            case "broadcast" -> broadcast;
            case "job" -> job;
            case "fetch" -> fetch;
            case "compute" -> compute;
            case "overhead" -> Math.max(0, job - fetch - compute);
            case "update" -> update;
            default -> throw new IllegalArgumentException("SparkTimings: part must be broadcast, job, fetch, compute,"
                    + " overhead or update, got '" + part + "'");
        };
        return nanos / 1e9;
    }

    /** One line: jobs and milliseconds per job in each part. */
    @Override
    public String toString() {
        double n = Math.max(1, jobs);
        return String.format(java.util.Locale.ROOT, "%d jobs; per job: broadcast %.1f ms, job %.1f ms (scheduling,"
                + " launch and merge %.1f ms, broadcast fetch %.1f ms, partition compute %.1f ms), driver update %.1f ms",
                jobs, seconds("broadcast") * 1e3 / n, seconds("job") * 1e3 / n, seconds("overhead") * 1e3 / n,
                seconds("fetch") * 1e3 / n, seconds("compute") * 1e3 / n, seconds("update") * 1e3 / n);
    }
}
