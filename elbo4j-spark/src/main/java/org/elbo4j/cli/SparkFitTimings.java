package org.elbo4j.cli;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.elbo4j.io.JsonObject;
import org.elbo4j.spark.JobClock;

/**
 * Where the wall time of {@code elbo4j spark fit} goes, by stage, for fit.json ("timings") and one
 * line on stderr:
 * <pre>
 *   jvm      = JVM start to the command (JVM boot, class loading, option parsing)
 *   session  = the Spark session's start
 *   read     = the data's plan and schema, and the job that reads the rows and caches the partitions' models
 *   fit      = BayesFit: its Spark jobs by kind ({@link JobClock}: curvature = Newton steps of the
 *              Laplace start, expectations = natural-gradient passes, log densities = variational
 *              steps and the evidence draws; jobs may run at once), and the driver's share (fit − the
 *              wall time with a job running: the Newton and natural steps' algebra, draws, summaries)
 *   stop     = dropping the cached rows and stopping Spark (before the report is written)
 * </pre>
 * Measurements on the driver's clock, not part of any result.
 */
final class SparkFitTimings {

    private final Map<String, Double> stages = new LinkedHashMap<>();
    private long last = System.nanoTime();

    /** Starts the clock: the JVM's uptime so far is the first stage, "jvm". */
    SparkFitTimings() {
        stages.put("jvm", ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
    }

    /** Ends {@code stage} now (its time: since the last mark). */
    void mark(String stage) {
        long now = System.nanoTime();
        stages.merge(stage, (now - last) / 1e9, Double::sum);
        last = now;
    }

    /** The stages' seconds and, when {@code clock} is not null, the fit's jobs by kind. */
    JsonObject json(JobClock clock) {
        JsonObject seconds = new JsonObject();
        stages.forEach(seconds::put);
        JsonObject t = new JsonObject().put("seconds", seconds);
        if (clock != null) {
            JsonObject jobs = new JsonObject();
            for (String kind : clock.kinds()) {
                jobs.put(kind, new JsonObject().put("jobs", clock.jobs(kind)).put("seconds", clock.seconds(kind)));
            }
            t.put("fit_jobs", jobs).put("fit_driver_seconds", driver(clock));
        }
        return t;
    }

    /** One line: the stages and the fit's jobs, in seconds. */
    String line(JobClock clock) {
        StringBuilder b = new StringBuilder("timings (s):");
        stages.forEach((k, v) -> {
            b.append(' ').append(k).append(' ').append(String.format(Locale.ROOT, "%.2f", v));
            if (k.equals("fit") && clock != null) {
                b.append(" (");
                for (String kind : clock.kinds()) {
                    b.append(clock.jobs(kind)).append(' ').append(kind).append(" jobs ")
                            .append(String.format(Locale.ROOT, "%.2f", clock.seconds(kind))).append(", ");
                }
                b.append("driver ").append(String.format(Locale.ROOT, "%.2f", driver(clock))).append(')');
            }
            b.append(',');
        });
        b.setLength(b.length() - 1);
        return b.toString();
    }

    /** fit − the wall time with a job running (jobs run at once count once). */
    private double driver(JobClock clock) {
        return Math.max(0, stages.getOrDefault("fit", 0.0) - clock.busySeconds());
    }
}
