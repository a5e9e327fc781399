package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.elbo4j.cli.SparkCommandTest.Run;
import org.elbo4j.io.Json;
import org.elbo4j.random.Rng;
import org.elbo4j.spark.DataLocation;
import org.elbo4j.spark.SparkSources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hadoop URIs as input of the Spark commands: {@code file://} (Hadoop's LocalFileSystem, the code
 * path of {@code hdfs://}) gives the fit of the plain path bit for bit; a missing URI, an unknown
 * scheme and a URI for a driver-read input (IDX, UCI, vocabulary, a corpus of lines) are one line
 * with exit code 2 and leave --out untouched.
 */
class SparkUriTest {

    @TempDir
    static Path tmp;
    private static Path table;
    private static Path parquet;

    @BeforeAll
    static void data() throws IOException {
        SparkSession spark = org.elbo4j.spark.LocalSparkAccess.session();
        table = tmp.resolve("table.csv");
        Files.writeString(table, SparkCommandTest.logisticCsv(Rng.of(11), 60));
        parquet = tmp.resolve("table.parquet");
        SparkSources.csvColumns(spark, DataLocation.of(table), DataTypes.DoubleType).coalesce(1).write()
                .parquet(parquet.toString());
    }

    /** spark fit on a CSV file and on a Parquet directory: the same fit.json numbers through file:// as through the path. */
    @Test
    void aFileUriFitsAsThePlainPath() throws IOException {
        for (Path data : List.of(table, parquet)) {
            Map<String, Object> plain = fit(data.toString(), tmp.resolve("plain-" + data.getFileName()));
            Map<String, Object> uri = fit("file://" + data, tmp.resolve("uri-" + data.getFileName()));
            for (String key : List.of("posterior", "elbo", "log_evidence", "khat", "predictors", "verdict")) {
                assertTrue(plain.get(key) != null, key);
                assertEquals(plain.get(key), uri.get(key), data + " " + key);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fit(String data, Path out) throws IOException {
        Run r = SparkCommandTest.run("spark", "fit", "--model", "logistic", "--data", data, "--steps", "15",
                "--evidence-samples", "50", "--seed", "2", "--master", "local[2]", "--partitions", "2",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        return (Map<String, Object>) Json.parse(Files.readString(out.resolve("fit.json")));
    }

    /** spark convert of a CSV file given as a file:// URI writes the rows of the plain path. */
    @Test
    void convertReadsAUri() throws IOException {
        Path out = tmp.resolve("converted.parquet");
        Run r = SparkCommandTest.run("spark", "convert", "--data", "file://" + table, "--out", out.toString(),
                "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        SparkSession spark = org.elbo4j.spark.LocalSparkAccess.session();
        List<Object> a = new ArrayList<>();
        List<Object> b = new ArrayList<>();
        SparkSources.read(spark, table).collectAsList().forEach(row -> a.add(row.getList(0)));
        SparkSources.read(spark, out).collectAsList().forEach(row -> b.add(row.getList(0)));
        assertEquals(60, a.size());
        assertEquals(a, b);
    }

    @Test
    void badUrisAreOneLineWithExitTwoAndWriteNothing() throws IOException {
        Path out = tmp.resolve("never");
        Path idx = tmp.resolve("train-images-idx3-ubyte");
        Files.writeString(idx, "");
        String missing = "file://" + tmp.resolve("nope.parquet");
        expect(missing + ": no such file or directory", out, "spark", "fit", "--model", "logistic", "--data", missing,
                "--master", "local[2]", "--out", out.toString());
        expect("--data " + missing + ": no such file or directory", out, "spark", "vae", "train", "--data", missing,
                "--master", "local[2]", "--out", out.toString(), "--epochs", "1");
        expect("--data foo://x/y: no Hadoop file system for the scheme 'foo'", out, "spark", "fit", "--model",
                "logistic", "--data", "foo://x/y", "--master", "local[2]", "--out", out.toString());
        expect("--data file://" + idx + ": IDX files are read on the driver and must be a local path", out,
                "spark", "vae", "train", "--data", "file://" + idx, "--master", "local[2]", "--out", out.toString());
        expect("--test file://" + idx + ": IDX files are read on the driver and must be a local path", out,
                "spark", "vae", "train", "--data", table.toString(), "--test", "file://" + idx, "--column", "features",
                "--master", "local[2]", "--out", out.toString(), "--epochs", "1");
        expect("--vocab hdfs://nn/vocab.txt: the vocabulary is read on the driver and must be a local path", out,
                "spark", "topics", "fit", "--docs", parquet.toString(), "--format", "parquet", "--counts", "x1",
                "--vocab", "hdfs://nn/vocab.txt", "--out", out.toString());
        expect("--docs hdfs://nn/docs.txt: --format lines is read on the driver and must be a local path", out,
                "spark", "topics", "fit", "--docs", "hdfs://nn/docs.txt", "--out", out.toString());
        expect("--data hdfs://nn/docword.kos.txt: a UCI docword file is read on the driver", out, "spark", "convert",
                "--data", "hdfs://nn/docword.kos.txt", "--format", "uci", "--out", out.toString());
        expect("--docs " + missing + ": no such file or directory", out, "spark", "topics", "fit", "--docs", missing,
                "--format", "parquet", "--text", "t", "--master", "local[2]", "--out", out.toString());
    }

    /** An --out given as a URI is refused before anything is read or written (the driver writes it locally). */
    @Test
    void outputsMustBeLocal() {
        Path folded = Path.of("hdfs:");
        for (String[] args : List.of(
                new String[] {"spark", "fit", "--model", "logistic", "--data", table.toString(), "--out", "hdfs://nn/fit1"},
                new String[] {"spark", "vae", "train", "--data", table.toString(), "--out", "hdfs://nn/run1"},
                new String[] {"spark", "convert", "--data", table.toString(), "--out", "hdfs://nn/x.parquet"},
                new String[] {"spark", "topics", "fit", "--docs", parquet.toString(), "--format", "parquet", "--text",
                    "t", "--out", "hdfs://nn/t1"})) {
            expect("--out hdfs://nn/", folded, args);
            assertTrue(SparkCommandTest.run(args).err().contains("must be a local path"));
        }
    }

    private static void expect(String message, Path out, String... args) {
        Run r = SparkCommandTest.run(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out), out + " written");
    }
}
