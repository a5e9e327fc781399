package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elbo4j.cli.SparkCommandTest.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elbo4j spark topics fit} through {@link Main} in the test JVM's local[2] session, on the
 * first 80 documents of the committed Debian descriptions.
 */
class SparkTopicsCommandTest {

    @TempDir
    static Path tmp;
    private static Path docs;

    @BeforeAll
    static void data() throws IOException {
        org.elbo4j.spark.LocalSparkAccess.session();
        docs = tmp.resolve("docs.txt");
        List<String> lines = Files.readAllLines(Path.of("..", "data", "debian-descriptions.txt"));
        Files.write(docs, lines.subList(0, 80));
    }

    private static String[] args(String command, Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of(command.split(" ")));
        a.addAll(List.of("--docs", docs.toString(), "--k", "3", "--passes", "2", "--batch-size", "20", "--out",
                out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** With one partition, model.json (λ, α, η in full precision) is the local topics fit's, byte for byte. */
    @Test
    void onePartitionWritesTheLocalModel() throws IOException {
        Path local = tmp.resolve("local");
        Path spark = tmp.resolve("spark1");
        Run a = SparkCommandTest.run(args("topics fit", local));
        assertEquals(0, a.code(), a.err());
        Run b = SparkCommandTest.run(args("spark topics fit", spark, "--master", "local[2]", "--partitions", "1"));
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readString(local.resolve("model.json")), Files.readString(spark.resolve("model.json")));
        for (String f : List.of("topics.json", "doc_topics.csv", "perplexity.png", "report.html")) {
            assertTrue(Files.size(spark.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(spark.resolve("topics.json")).contains("\"partitions\""));
    }

    /** Three partitions run, and write the same files. */
    @Test
    void threePartitionsWriteTheOutputs() throws IOException {
        Path out = tmp.resolve("spark3");
        Run r = SparkCommandTest.run(args("spark topics fit", out, "--master", "local[2]", "--partitions", "3"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("model.json")));
    }

    /** A master that cannot be reached, a missing file, K = 0, an option of topics fit that Spark lacks: one line, exit 2, nothing written. */
    @Test
    void badInvocationsExitTwoWithOneLine() {
        Path out = tmp.resolve("never");
        Run master = SparkCommandTest.run(args("spark topics fit", out, "--master", "spark://127.0.0.1:1"));
        assertEquals(2, master.code());
        assertTrue(master.err().contains("cannot reach the Spark master"), master.err());
        assertEquals(1, master.err().strip().lines().count(), master.err());
        Run missing = SparkCommandTest.run("spark", "topics", "fit", "--docs", tmp.resolve("nope.txt").toString(),
                "--out", out.toString(), "--master", "local[2]");
        assertEquals(2, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        Run k = SparkCommandTest.run(args("spark topics fit", out, "--master", "local[2]", "--k", "0"));
        assertEquals(2, k.code());
        assertTrue(k.err().contains("--k must be >= 1"), k.err());
        Run batch = SparkCommandTest.run(args("spark topics fit", out, "--master", "local[2]", "--method", "batch"));
        assertEquals(2, batch.code());
        assertTrue(batch.err().contains("--method"), batch.err());
        assertFalse(Files.exists(out));
    }
}
