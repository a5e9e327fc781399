package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elbo4j ppca}: on iris the printed log-likelihood is scikit-learn's
 * {@code PCA(2).score(X)·n} with {@code --denominator n-1} and numpy's maximum otherwise (values from
 * elbo4j-core/src/test/resources/reference/ppca/gen_ppca.py, 1e-10 relative); EM writes ppca.json
 * with its traces and trace.png; IDX images, plain and gzip, give the same numbers as the same
 * pixels k/255 in a CSV file (bit for bit: the IDX floats are mapped back to the exact doubles).
 */
class PpcaCommandTest {

    static final Path IRIS = Path.of("..", "elbo4j-core", "src", "test", "resources", "reference", "ppca", "iris.csv");

    @TempDir
    Path tmp;

    /** The "key": number in an output file. */
    static double field(String json, String key) {
        return new CliRun(0, json, "").number(key);
    }

    @Test
    void closedFormMatchesScikitLearnAndNumpy() throws IOException {
        CliRun ml = CliRun.of(new PpcaCommand(), "--data", IRIS.toString(), "--q", "2", "--out", tmp.toString());
        assertEquals(0, ml.exitCode(), ml.err());
        assertTrue(ml.out().contains("exact log-likelihood (closed form): -404.96278"), ml.out());
        String json = Files.readString(tmp.resolve("ppca.json"));
        assertEquals(-404.962780156111, field(json, "log_likelihood"), 1e-10 * 405);
        assertEquals(0.9246187232017271, new CliRun(0, json, "").array("explained_variance_ratio")[0], 1e-12);
        CliRun sk = CliRun.of(new PpcaCommand(), "--data", IRIS.toString(), "--q", "2", "--denominator", "n-1",
                "--out", tmp.toString());
        assertEquals(0, sk.exitCode(), sk.err());
        assertEquals(-404.9694766013496, field(Files.readString(tmp.resolve("ppca.json")), "log_likelihood"), 1e-10 * 405);
    }

    @Test
    void emWritesItsTracesAndAChart() throws IOException {
        CliRun run = CliRun.of(new PpcaCommand(), "--data", IRIS.toString(), "--q", "2", "--method", "em",
                "--max-iter", "2000", "--out", tmp.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("EM: CONVERGED"), run.out());
        String json = Files.readString(tmp.resolve("ppca.json"));
        CliRun parsed = new CliRun(0, json, "");
        double[] elbo = parsed.array("elbo_per_point");
        double maximum = parsed.number("log_likelihood_per_point");
        assertTrue(elbo.length >= 10, json);
        for (double e : elbo) {
            assertTrue(e <= maximum + 1e-12, "ELBO " + e + " above the maximum " + maximum);
        }
        assertEquals(maximum, parsed.number("final_log_likelihood_per_point"), 1e-6 * Math.abs(maximum));
        byte[] png = Files.readAllBytes(tmp.resolve("trace.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    /** An IDX images file of n images of 3×4 pixels, and the same pixels / 255 as CSV text. */
    static byte[] idx(int n, long seed, StringBuilder csv) {
        SplittableRandom rng = new SplittableRandom(seed);
        ByteBuffer b = ByteBuffer.allocate(16 + n * 12);
        b.putInt(0x00000803).putInt(n).putInt(3).putInt(4);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 12; p++) {
                int v = rng.nextInt(256);
                b.put((byte) v);
                csv.append(p == 0 ? "" : ",").append(v / 255.0);
            }
            csv.append('\n');
        }
        return b.array();
    }

    @Test
    void idxPlainAndGzipAgreeWithCsv() throws IOException {
        StringBuilder csv = new StringBuilder();
        byte[] bytes = idx(40, 3, csv);
        Path plain = tmp.resolve("images-idx3-ubyte");
        Files.write(plain, bytes);
        Path gz = tmp.resolve("images-idx3-ubyte.gz");
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(zipped)) {
            z.write(bytes);
        }
        Files.write(gz, zipped.toByteArray());
        Path table = tmp.resolve("images.csv");
        Files.writeString(table, csv.toString());
        double[] values = new double[3];
        Path[] files = {plain, gz, table};
        for (int i = 0; i < 3; i++) {
            Path out = tmp.resolve("out" + i);
            CliRun run = CliRun.of(new PpcaCommand(), "--data", files[i].toString(), "--q", "3", "--out", out.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("n = 40 points, d = 12"), run.out());
            values[i] = field(Files.readString(out.resolve("ppca.json")), "log_likelihood");
        }
        assertEquals(values[0], values[1], 0.0, "plain and gzip IDX");
        // IDX pixels are the doubles k/255, as the CSV holds them (not their float32 rounding);
        // the CSV parser reads the shortest decimal back to the same double
        assertEquals(values[0], values[2], 0.0, "IDX and CSV");
    }
}
