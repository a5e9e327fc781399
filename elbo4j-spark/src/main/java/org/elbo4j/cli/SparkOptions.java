package org.elbo4j.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The options every {@code elbo4j spark} command shares: where Spark runs and how the data is
 * partitioned; and the session they describe.
 */
final class SparkOptions {

    /** How long the driver tries to reach a standalone master before giving up. */
    static final int CONNECT_TIMEOUT_MS = 5000;

    @Option(names = "--master", paramLabel = "URL",
            description = "Where Spark runs: local[N], local[*] or spark://HOST:PORT (default: the master"
                    + " spark-submit set, else local[*]).")
    String master;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
            description = "Put the rows into P partitions, in their order; 0 keeps the input's partitions"
                    + " (default: ${DEFAULT-VALUE}).")
    int partitions;

    private boolean ownSession;

    /** Checks the options (a spark:// master must accept a connection) before Spark starts. */
    void check() {
        if (partitions < 0 || partitions > 100_000) {
            throw new UserError("--partitions must be in [0, 100000], got " + partitions);
        }
        if (master == null) {
            return;
        }
        String m = master.trim().toLowerCase(Locale.ROOT);
        if (m.startsWith("spark://")) {
            URI uri;
            try {
                uri = URI.create(master.trim());
            } catch (IllegalArgumentException e) {
                throw new UserError("--master " + master + ": not a spark://HOST:PORT address");
            }
            if (uri.getHost() == null || uri.getPort() < 1) {
                throw new UserError("--master " + master + ": expected spark://HOST:PORT");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                throw new UserError("--master " + master + ": cannot reach the Spark master (" + e.getMessage()
                        + "); is it running?");
            }
        } else if (!m.equals("local") && !m.matches("local\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\]")) {
            throw new UserError("--master must be local[N], local[*] or spark://HOST:PORT, got '" + master + "'");
        }
    }

    /**
     * The session: the given master (or spark-submit's, else local[*]); the jar holding this
     * class is shipped to the executors when it is a jar (a standalone cluster needs it).
     */
    SparkSession session(String appName) {
        ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        String chosen = master != null ? master : System.getProperty("spark.master", "local[*]");
        b.master(chosen);
        Path jar = ownJar();
        if (jar != null && !chosen.startsWith("local")) {
            b.config("spark.jars", jar.toString());
        }
        if (chosen.startsWith("local")) {
            b.config("spark.ui.enabled", "false");
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /**
     * Stops the session when {@link #session} started it; one that was running already (an
     * application or a test calling the command in its own session) goes on.
     */
    void stop(SparkSession spark) {
        if (ownSession) {
            spark.stop();
        }
    }

    /**
     * What a command throws for an exception of a Spark job on {@code --data}: a {@link UserError}
     * with the bad input's message when the cause chain holds an IllegalArgumentException (a task's
     * exception arrives wrapped in SparkExceptions), else the exception itself (a bug: stack trace).
     */
    static Exception failure(Exception e, Object data) {
        return failure(e, "--data", data);
    }

    /**
     * {@link #failure(Exception, Object)} for data given by the option {@code option}; a message
     * that starts by naming the data (as {@code DataLocation}'s do) is not prefixed with it twice.
     */
    static Exception failure(Exception e, String option, Object data) {
        if (e instanceof UserError || e instanceof IOException) {
            return e;
        }
        IllegalArgumentException bad = org.elbo4j.spark.SparkErrors.badInput(e);
        if (bad == null) {
            return e;
        }
        String named = data + ": ";
        String message = bad.getMessage().startsWith(named) ? bad.getMessage().substring(named.length())
                : bad.getMessage();
        return new UserError(option + " " + data + ": " + message, e);
    }

    /** The frame with {@code --partitions} applied, the rows kept in their order. */
    Dataset<Row> partitioned(Dataset<Row> frame) {
        return partitions > 0 ? org.elbo4j.spark.SparkSources.repartitionInOrder(frame, partitions) : frame;
    }

    /** The jar this class was loaded from, or null (classes directory). */
    static Path ownJar() {
        try {
            var src = SparkOptions.class.getProtectionDomain().getCodeSource();
            if (src == null) {
                return null;
            }
            Path p = Path.of(src.getLocation().toURI());
            return p.toString().endsWith(".jar") ? p : null;
        } catch (java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
