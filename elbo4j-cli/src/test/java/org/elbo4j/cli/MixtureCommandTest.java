package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elbo4j.io.Json;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elbo4j mixture}: the files of an EM and a VB fit, and one test per kind of bad input. */
class MixtureCommandTest {

    @TempDir
    Path dir;

    private Path csv(String content) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, content);
        return f;
    }

    /** 300 points from three well-separated clusters in 3-D (header a,b,c). */
    private Path clusters() throws IOException {
        Rng rng = Rng.of(5);
        double[][] centres = {{0, 0, 0}, {8, 0, 1}, {0, 8, -1}};
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 300; i++) {
            double[] m = centres[i % 3];
            sb.append(m[0] + rng.nextGaussian()).append(',').append(m[1] + rng.nextGaussian()).append(',')
                    .append(m[2] + 0.5 * rng.nextGaussian()).append('\n');
        }
        return csv(sb.toString());
    }

    private static CliRun run(String... args) {
        return CliRun.of(new MixtureCommand(), args);
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> json(Path file) throws IOException {
        return (java.util.Map<String, Object>) Json.parse(Files.readString(file));
    }

    @Test
    void emWritesTheParametersLabelsAndPlot() throws IOException {
        Path out = dir.resolve("em");
        CliRun r = run("--data", clusters().toString(), "--k", "3", "--restarts", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        var j = json(out.resolve("mixture.json"));
        assertEquals("CONVERGED", j.get("verdict"));
        assertEquals(3, ((List<?>) j.get("means")).size());
        assertEquals(2, ((List<?>) j.get("restart_log_likelihoods")).size());
        double ll = Json.toDouble(j.get("log_likelihood"));
        double p = Json.toDouble(j.get("parameters"));
        // K = 3, d = 3, full: 2 + 9 + 18 = 29 parameters (scikit-learn's count)
        assertEquals(29, p);
        assertEquals(-2 * ll + p * Math.log(300), Json.toDouble(j.get("bic")), 1e-9 * Math.abs(ll));
        List<String> labels = Files.readAllLines(out.resolve("labels.csv"));
        assertEquals("label", labels.get(0));
        assertEquals(301, labels.size());
        // the clusters are 8 sd apart: rows i and i + 3 share a cluster, rows i, i + 1, i + 2 do not
        for (int i = 1; i + 3 < labels.size(); i += 3) {
            assertEquals(labels.get(i), labels.get(i + 3));
            assertTrue(!labels.get(i).equals(labels.get(i + 1)) && !labels.get(i).equals(labels.get(i + 2)));
        }
        byte[] png = Files.readAllBytes(out.resolve("scatter.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void vbPrunesSurplusComponentsAndReportsThem() throws IOException {
        Path out = dir.resolve("vb");
        CliRun r = run("--data", clusters().toString(), "--k", "6", "--method", "vb", "--weight-concentration",
                "0.001", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        var j = json(out.resolve("mixture.json"));
        assertEquals(3.0, Json.toDouble(j.get("k")));
        assertEquals(3, ((List<?>) j.get("pruned")).size());
        double[] trace = ((List<?>) j.get("trace")).stream().mapToDouble(Json::toDouble).toArray();
        for (int t = 1; t < trace.length; t++) {
            assertTrue(trace[t] >= trace[t - 1] - 1e-10 * Math.abs(trace[t - 1]), "ELBO fell at " + t);
        }
    }

    @Test
    void sameFilesForOneAndTwoThreads() throws IOException {
        Path data = clusters();
        run("--data", data.toString(), "--k", "3", "--threads", "1", "--out", dir.resolve("t1").toString());
        run("--data", data.toString(), "--k", "3", "--threads", "2", "--out", dir.resolve("t2").toString());
        var one = json(dir.resolve("t1/mixture.json"));
        var two = json(dir.resolve("t2/mixture.json"));
        assertEquals(one.get("trace"), two.get("trace"));
        assertEquals(one.get("covariances"), two.get("covariances"));
    }

    /** A bad invocation prints one line, exits with 2 and leaves an existing output as it was. */
    private void rejected(String expected, String... args) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("mixture.json"), "old");
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        CliRun r = run(all);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.oneErrorLineContaining(expected), r.err());
        assertEquals("old", Files.readString(out.resolve("mixture.json")));
        assertTrue(!Files.exists(out.resolve("labels.csv")));
    }

    @Test
    void kLargerThanTheNumberOfPoints() throws IOException {
        rejected("--k 4 exceeds the number of points", "--data", csv("x,y\n1,2\n3,4\n5,7\n").toString(), "--k", "4");
    }

    @Test
    void kBelowOne() throws IOException {
        rejected("--k must be >= 1, got 0", "--data", csv("x,y\n1,2\n3,4\n").toString(), "--k", "0");
    }

    @Test
    void constantColumnsAreNamed() throws IOException {
        rejected("constant columns \"y\" (always 2.0), \"z\" (always 0.0)",
                "--data", csv("x,y,z\n1,2,0\n3,2,0\n5,2,0\n").toString(), "--k", "2");
    }

    @Test
    void nanIsRejectedWithLineAndColumn() throws IOException {
        rejected("line 3, column 2 is NaN", "--data", csv("x,y\n1,2\n3,NaN\n5,7\n").toString(), "--k", "2");
    }

    @Test
    void nonNumericCellIsRejectedWithLineAndColumn() throws IOException {
        rejected("line 2, column 1: 'abc' is not a number", "--data", csv("x,y\nabc,2\n3,4\n").toString(), "--k", "1");
    }

    @Test
    void unknownMethodAndCovariance() throws IOException {
        Path data = csv("x,y\n1,2\n3,4\n5,7\n");
        rejected("unknown method 'gibbs'", "--data", data.toString(), "--k", "2", "--method", "gibbs");
        rejected("unknown covariance type 'round'", "--data", data.toString(), "--k", "2", "--covariance", "round");
        rejected("--method vb supports --covariance full only", "--data", data.toString(), "--k", "2", "--method",
                "vb", "--covariance", "diag");
    }

    @Test
    void badNumbers() throws IOException {
        Path data = csv("x,y\n1,2\n3,4\n5,7\n");
        rejected("regCovar must be finite and >= 0", "--data", data.toString(), "--k", "2", "--reg-covar", "-1");
        rejected("restarts must be >= 1", "--data", data.toString(), "--k", "2", "--restarts", "0");
        rejected("--threads must be >= 1", "--data", data.toString(), "--k", "2", "--threads", "0");
    }
}
