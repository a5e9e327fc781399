package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.elbo4j.cli.SparkCommandTest.Run;
import org.elbo4j.spark.LocalSparkAccess;
import org.elbo4j.spark.SparkSources;
import org.elbo4j.topics.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elbo4j spark topics fit --format parquet} in the test JVM's local[2] session, on the first
 * 80 Debian descriptions: the same corpus as lines and as a Parquet text column (written by
 * {@code spark convert --format lines}), and as a UCI docword file and as Parquet term counts
 * (MLlib's CountVectorizer output, and the same counts as id and count arrays), gives the same
 * fit byte for byte: the readers build the same corpus entry for entry, and the fits then run the
 * same code on the same partitions. Every bad input: one line, exit 2, --out untouched.
 */
class SparkTopicsParquetTest {

    @TempDir
    static Path tmp;
    private static Path lines;
    private static Path textParquet;
    private static Path docword;
    private static Path vocab;
    private static Path countsParquet;
    private static Path arraysParquet;
    private static int vocabSize;

    @BeforeAll
    static void data() throws IOException {
        SparkSession spark = LocalSparkAccess.session();
        lines = tmp.resolve("docs.txt");
        List<String> text = Files.readAllLines(Path.of("..", "data", "debian-descriptions.txt")).subList(0, 80);
        Files.write(lines, text);
        textParquet = tmp.resolve("docs.parquet");
        Run convert = SparkCommandTest.run("spark", "convert", "--data", lines.toString(), "--format", "lines",
                "--out", textParquet.toString(), "--partitions", "2");
        assertEquals(0, convert.code(), convert.err());

        List<Row> words = new ArrayList<>();
        for (String line : text) {
            words.add(RowFactory.create((Object) Tokenizer.words(line).toArray(new String[0])));
        }
        Dataset<Row> frame = spark.createDataFrame(words,
                new StructType().add("words", DataTypes.createArrayType(DataTypes.StringType), false));
        CountVectorizerModel cv = new CountVectorizer().setInputCol("words").setOutputCol("features").setMinDF(2)
                .fit(frame);
        vocabSize = cv.vocabulary().length;
        vocab = tmp.resolve("vocab.txt");
        Files.write(vocab, List.of(cv.vocabulary()));
        List<SparseVector> vectors = new ArrayList<>();
        for (Row r : cv.transform(frame).select("features").collectAsList()) {
            SparseVector v = ((org.apache.spark.ml.linalg.Vector) r.get(0)).toSparse();
            if (v.numNonzeros() > 0) {
                vectors.add(v);
            }
        }
        StringBuilder uci = new StringBuilder();
        List<Row> counts = new ArrayList<>();
        List<Row> arrays = new ArrayList<>();
        int nnz = 0;
        for (int d = 0; d < vectors.size(); d++) {
            SparseVector v = vectors.get(d);
            int[] ids = v.indices();
            double[] c = v.values();
            Integer[] boxedIds = new Integer[ids.length];
            Double[] boxedCounts = new Double[ids.length];
            for (int j = 0; j < ids.length; j++) {
                uci.append(d + 1).append(' ').append(ids[j] + 1).append(' ').append((long) c[j]).append('\n');
                boxedIds[j] = ids[j];
                boxedCounts[j] = c[j];
                nnz++;
            }
            counts.add(RowFactory.create(v));
            arrays.add(RowFactory.create(boxedIds, boxedCounts));
        }
        docword = tmp.resolve("docword.test.txt");
        Files.writeString(docword, vectors.size() + "\n" + vocabSize + "\n" + nnz + "\n" + uci);
        countsParquet = write(spark, counts, new StructType().add("features", new VectorUDT(), false), "counts");
        arraysParquet = write(spark, arrays, new StructType()
                .add("ids", DataTypes.createArrayType(DataTypes.IntegerType), false)
                .add("n", DataTypes.createArrayType(DataTypes.DoubleType), false), "arrays");
    }

    /** Rows written to Parquet in two parts with their row index (so they are read back in order). */
    static Path write(SparkSession spark, List<Row> rows, StructType schema, String name) {
        Path out = tmp.resolve(name + ".parquet");
        Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(1);
        SparkSources.withRowIndex(spark, frame, SparkSources.INDEX).coalesce(2).write().parquet(out.toString());
        return out;
    }

    static Run fit(Path docs, Path out, String... more) {
        return fit(docs.toString(), out, more);
    }

    /** {@link #fit(Path, Path, String...)} of documents given as written (a Hadoop URI, say). */
    static Run fit(String docs, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("spark", "topics", "fit", "--docs", docs, "--k", "3",
                "--passes", "2", "--batch-size", "20", "--master", "local[2]", "--partitions", "2", "--out",
                out.toString()));
        a.addAll(List.of(more));
        return SparkCommandTest.run(a.toArray(new String[0]));
    }

    static void assertSameFit(Path a, Path b) throws IOException {
        for (String f : List.of("model.json", "doc_topics.csv")) {
            assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f);
        }
        for (String f : List.of("topics.json", "perplexity.png", "report.html")) {
            assertTrue(Files.size(b.resolve(f)) > 0, f);
        }
    }

    /** A Parquet text column is tokenized and filtered as lines are: model.json and doc_topics.csv byte for byte. */
    @Test
    void parquetTextFitsAsLines() throws IOException {
        Path a = tmp.resolve("lines-fit");
        Path b = tmp.resolve("text-fit");
        Run r1 = fit(lines, a);
        assertEquals(0, r1.code(), r1.err());
        Run r2 = fit(textParquet, b, "--format", "parquet", "--text", "text");
        assertEquals(0, r2.code(), r2.err());
        assertSameFit(a, b);
        assertTrue(Files.readString(b.resolve("topics.json")).contains("\"text_column\""));
    }

    /**
     * A corpus of lines converted through a file:// URI (Hadoop's LocalFileSystem) and fitted through
     * another: the fit of the plain paths byte for byte, and topics.json names the URI as written.
     */
    @Test
    void aFileUriConvertsAndFitsAsThePath() throws IOException {
        Path viaUri = tmp.resolve("uri-docs.parquet");
        Run convert = SparkCommandTest.run("spark", "convert", "--data", "file://" + lines, "--format", "lines",
                "--out", viaUri.toString(), "--partitions", "2");
        assertEquals(0, convert.code(), convert.err());
        Path a = tmp.resolve("path-text-fit");
        Path b = tmp.resolve("uri-text-fit");
        Run r1 = fit(textParquet, a, "--format", "parquet", "--text", "text");
        assertEquals(0, r1.code(), r1.err());
        Run r2 = fit("file://" + viaUri, b, "--format", "parquet", "--text", "text");
        assertEquals(0, r2.code(), r2.err());
        assertSameFit(a, b);
        assertTrue(Files.readString(b.resolve("topics.json")).contains("file://" + viaUri), "topics.json names the URI");
    }

    /**
     * CountVectorizer's sparse vectors and id/count arrays with the vocabulary, and the docword
     * file converted by spark convert --format uci, fit as the UCI docword file.
     */
    @Test
    void parquetCountsFitAsUci() throws IOException {
        Path a = tmp.resolve("uci-fit");
        Path b = tmp.resolve("counts-fit");
        Path c = tmp.resolve("arrays-fit");
        Run r1 = fit(docword, a, "--format", "uci", "--vocab", vocab.toString());
        assertEquals(0, r1.code(), r1.err());
        Run r2 = fit(countsParquet, b, "--format", "parquet", "--counts", "features", "--vocab",
                vocab.toString());
        assertEquals(0, r2.code(), r2.err());
        Run r3 = fit(arraysParquet, c, "--format", "parquet", "--ids", "ids", "--counts", "n",
                "--vocab", vocab.toString());
        assertEquals(0, r3.code(), r3.err());
        Path parquet = tmp.resolve("uci.parquet");
        Run convert = SparkCommandTest.run("spark", "convert", "--data", docword.toString(), "--format", "uci",
                "--vocab", vocab.toString(), "--out", parquet.toString());
        assertEquals(0, convert.code(), convert.err());
        Path d = tmp.resolve("converted-fit");
        Run r4 = fit(parquet, d, "--format", "parquet", "--counts", "counts", "--vocab", vocab.toString());
        assertEquals(0, r4.code(), r4.err());
        assertSameFit(a, b);
        assertSameFit(a, c);
        assertSameFit(a, d);
    }

    /** One line naming the problem, exit 2, --out not created. */
    static void assertRefused(Path docs, String expected, String... more) {
        Path out = tmp.resolve("never");
        Run r = fit(docs, out, more);
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(Files.exists(out), r.err());
    }

    /** A missing column, a column of the wrong type, an empty corpus, a vocabulary too short; bad option sets. */
    @Test
    void badInputsExitTwoWithOneLine() throws IOException {
        String v = vocab.toString();
        assertRefused(textParquet, "no column 'body'", "--format", "parquet", "--text", "body");
        assertRefused(countsParquet, "has type vector; expected a string", "--format", "parquet", "--text",
                "features");
        assertRefused(textParquet, "has type string; expected a vector or an array", "--format", "parquet",
                "--counts", "text", "--vocab", v);
        assertRefused(arraysParquet, "'ids' has type array<int>; expected a string", "--format", "parquet",
                "--text", "ids");
        Path empty = write(LocalSparkAccess.session(), List.of(),
                new StructType().add("text", DataTypes.StringType, false), "empty");
        assertRefused(empty, "has no rows", "--format", "parquet", "--text", "text");
        Path withBlank = tmp.resolve("with-blank.txt");
        List<String> text = new ArrayList<>(Files.readAllLines(lines).subList(0, 30));
        text.add(7, "the 42 and");
        Files.write(withBlank, text);
        Path blank = tmp.resolve("blank.parquet");
        assertEquals(0, SparkCommandTest.run("spark", "convert", "--data", withBlank.toString(), "--format", "lines",
                "--out", blank.toString()).code());
        assertRefused(blank, "1 of 31 documents are empty after tokenizing and filtering (min-df 2, max-df 0.5,"
                + " max-vocab 10000), rows 7 (from 0)", "--format", "parquet", "--text", "text");
        Path shortVocab = tmp.resolve("short-vocab.txt");
        Files.write(shortVocab, Files.readAllLines(vocab).subList(0, vocabSize - 1));
        String s = shortVocab.toString();
        assertRefused(countsParquet, "has length " + vocabSize + " but the vocabulary has " + (vocabSize - 1),
                "--format", "parquet", "--counts", "features", "--vocab", s);
        assertRefused(arraysParquet, "has term id " + (vocabSize - 1), "--format", "parquet", "--ids", "ids",
                "--counts", "n", "--vocab", s);
        assertRefused(lines, "cannot read it as Parquet", "--format", "parquet", "--text", "text");
        assertRefused(textParquet, "needs one of --text and --counts", "--format", "parquet");
        assertRefused(countsParquet, "--counts needs --vocab", "--format", "parquet", "--counts",
                "features");
        assertRefused(lines, "--text is for --format parquet", "--text", "text");
        assertRefused(lines, "--format must be lines, uci or parquet", "--format", "csv");
    }

    /** A corpus refused by the executors leaves an existing --out as it was. */
    @Test
    void existingOutputsStayUntouched() throws IOException {
        Path out = tmp.resolve("kept");
        Files.createDirectories(out);
        Files.writeString(out.resolve("model.json"), "earlier");
        Run r = fit(countsParquet, out, "--format", "parquet", "--counts", "features", "--vocab",
                tmp.resolve("vocab-missing.txt").toString());
        assertEquals(2, r.code(), r.err());
        Path shortVocab = tmp.resolve("one-word.txt");
        Files.writeString(shortVocab, "word\n");
        Run r2 = fit(arraysParquet, out, "--format", "parquet", "--ids", "ids", "--counts", "n",
                "--vocab", shortVocab.toString());
        assertEquals(2, r2.code(), r2.err());
        assertTrue(r2.err().contains("but the vocabulary has 1 words"), r2.err());
        try (var files = Files.list(out)) {
            assertEquals(List.of(out.resolve("model.json")), files.toList());
        }
        assertEquals("earlier", Files.readString(out.resolve("model.json")));
    }

    /** The help of the Spark commands at 80 columns: no longer line, every example line as written. */
    @Test
    void helpFitsEightyColumns() {
        for (String[] path : new String[][] {{"spark", "topics", "fit"}, {"spark", "convert"},
                {"spark", "vae", "train"}, {"spark", "fit"}}) {
            picocli.CommandLine cl = Main.commandLine();
            for (String name : path) {
                cl = cl.getSubcommands().get(name);
            }
            cl.getCommandSpec().usageMessage().autoWidth(false).width(80);
            String help = cl.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF);
            List<String> helpLines = help.lines().toList();
            for (String line : helpLines) {
                assertTrue(line.length() <= 80, String.join(" ", path) + ": " + line);
            }
            for (String example : cl.getCommandSpec().usageMessage().footer()) {
                assertTrue(helpLines.contains(example), example);
            }
        }
    }
}
