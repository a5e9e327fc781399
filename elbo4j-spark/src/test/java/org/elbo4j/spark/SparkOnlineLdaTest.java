package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.elbo4j.topics.Corpus;
import org.elbo4j.topics.HeldOutSplit;
import org.elbo4j.topics.Lda;
import org.elbo4j.topics.LdaConfig;
import org.elbo4j.topics.LdaFit;
import org.elbo4j.topics.LdaPass;
import org.elbo4j.topics.TextCorpus;
import org.elbo4j.topics.VocabularyFilter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkOnlineLda} in local[2] against the local online LDA ({@code Lda.fit}) on the first
 * 120 documents of the committed Debian descriptions (V ≈ 200 after the vocabulary filter),
 * K = 4, minibatches of 25 (the last one of each pass shorter), α and η learned: every step of
 * the local fit is exercised. Deterministic (no random numbers but λ's start), so no test here
 * can fail by chance.
 */
class SparkOnlineLdaTest {

    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static JavaSparkContext sc;
    private static Corpus train;
    private static Corpus heldOut;
    private static LdaConfig config;

    @BeforeAll
    static void data() throws IOException {
        spark = LocalSpark.session();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Path file = tmp.resolve("docs.txt");
        List<String> lines = Files.readAllLines(Path.of("..", "data", "debian-descriptions.txt"));
        Files.write(file, lines.subList(0, 120));
        Corpus all = TextCorpus.read(file, new VocabularyFilter(3, 0.5, 200)).corpus();
        HeldOutSplit split = HeldOutSplit.of(all, 0.1, 7);
        train = split.train();
        heldOut = split.heldOut();
        config = LdaConfig.of(4).withPasses(3).withBatchSize(25).withAlpha(0.25, true, true).withEta(0.25, true)
                .withSeed(3);
    }

    private static LdaFit spark(Corpus docs, Corpus held, int partitions, LdaConfig c) {
        SparkLdaCorpus t = SparkLdaCorpus.of(sc, docs, partitions);
        SparkLdaCorpus h = held == null ? null : SparkLdaCorpus.of(sc, held, partitions);
        try {
            return SparkOnlineLda.fit(t, h, c, null);
        } finally {
            t.release();
            if (h != null) {
                h.release();
            }
        }
    }

    /** One partition: the statistics are the local E-step's own sums, so everything is equal bit for bit. */
    @Test
    void onePartitionEqualsTheLocalFitBitForBit() {
        LdaFit local = Lda.fit(train, heldOut, config, null);
        LdaFit distributed = spark(train, heldOut, 1, config);
        assertArrayEquals(local.model().lambda(), distributed.model().lambda(), 0.0);
        assertArrayEquals(local.model().alpha(), distributed.model().alpha(), 0.0);
        assertEquals(local.model().eta(), distributed.model().eta(), 0.0);
        assertArrayEquals(local.gamma(), distributed.gamma(), 0.0);
        assertEquals(local.passes(), distributed.passes());
        assertEquals(local.verdict(), distributed.verdict());
        assertEquals(local.reason(), distributed.reason());
        assertEquals(local.eStepTokens(), distributed.eStepTokens(), 0.0);
    }

    /**
     * Three partitions, with the 12 held-out documents dealt over them too, and minibatches whose last
     * (8 of the 108 documents) is short, and a held-out set of 2 documents (one partition of it empty):
     * γ and document bounds are per document and equal exactly; the statistics differ from the
     * one-partition sums in the order of additions (relative 1e-16 per update), which the
     * updates carry on. Measured after 3 passes, max relative differences: λ 1.8e-13, α 9e-16,
     * γ 4e-13; asserted 1e-9 (an E-step whose stopping test flips between two iteration counts
     * would exceed it).
     */
    @Test
    void threePartitionsEqualOnePartitionUpToSummationOrder() {
        LdaFit one = spark(train, heldOut, 1, config);
        LdaFit three = spark(train, heldOut, 3, config);
        assertClose(one.model().lambda(), three.model().lambda(), 1e-9);
        assertClose(one.model().alpha(), three.model().alpha(), 1e-9);
        assertClose(one.gamma(), three.gamma(), 1e-9);
        assertEquals(one.model().eta(), three.model().eta(), 1e-9 * one.model().eta());
        for (int i = 0; i < one.passes().size(); i++) {
            LdaPass a = one.passes().get(i);
            LdaPass b = three.passes().get(i);
            assertEquals(a.trainPerplexity(), b.trainPerplexity(), 1e-9 * a.trainPerplexity());
            assertEquals(a.heldOutPerplexity(), b.heldOutPerplexity(), 1e-9 * a.heldOutPerplexity());
        }
        Corpus two = heldOut.subset(new int[] {0, 1});
        SparkLdaCorpus sparse = SparkLdaCorpus.of(sc, two, 3);
        try {
            assertEquals(3, sparse.partitions());
            assertEquals(Lda.perWordBound(one.model(), two), sparse.perWordBound(one.model()), 0.0);
            assertArrayEquals(Lda.inferGamma(one.model(), two), sparse.inferGamma(one.model()), 0.0);
        } finally {
            sparse.release();
        }
    }

    /**
     * Empty partitions in the steps: minibatches of 2 documents over 3 partitions (every step has
     * a partition without a document of the batch), and 2 documents in all over 3 partitions (one
     * partition holds nothing): equal to 1 partition up to summation order (asserted 1e-9 relative).
     */
    @Test
    void emptyPartitionsAddNothing() {
        Corpus small = train.subset(java.util.stream.IntStream.range(0, 12).toArray());
        LdaConfig pairs = config.withPasses(1).withBatchSize(2);
        assertClose(spark(small, null, 1, pairs).model().lambda(), spark(small, null, 3, pairs).model().lambda(), 1e-9);
        Corpus two = small.subset(new int[] {0, 1});
        SparkLdaCorpus three = SparkLdaCorpus.of(sc, two, 3);
        try {
            LdaFit fit = SparkOnlineLda.fit(three, null, pairs, null);
            assertClose(spark(two, null, 1, pairs).model().lambda(), fit.model().lambda(), 1e-9);
        } finally {
            three.release();
        }
    }

    private static void assertClose(double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.abs(expected[i]));
        }
        assertTrue(worst <= rel, "max relative difference " + worst + " > " + rel);
    }

    /** The same seed gives the same bits on a second run (3 partitions); another seed other topics. */
    @Test
    void sameSeedSameResult() {
        LdaConfig short1 = config.withPasses(1);
        LdaFit a = spark(train, null, 3, short1);
        LdaFit b = spark(train, null, 3, short1);
        assertArrayEquals(a.model().lambda(), b.model().lambda(), 0.0);
        assertArrayEquals(a.gamma(), b.gamma(), 0.0);
        LdaFit c = spark(train, null, 3, short1.withSeed(4));
        assertFalse(java.util.Arrays.equals(a.model().lambda(), c.model().lambda()));
    }

    /** A DataFrame of sparse term-count vectors (as CountVectorizer writes) gives the fit of the same corpus. */
    @Test
    void dataFrameOfVectorsGivesTheCorpusFit() {
        List<Row> rows = new ArrayList<>();
        int[] start = new int[train.docs() + 1];
        int[] allIds = new int[train.entries()];
        double[] allCounts = new double[train.entries()];
        for (int d = 0; d < train.docs(); d++) {
            java.util.TreeMap<Integer, Double> entries = new java.util.TreeMap<>();
            for (int i = train.start(d); i < train.end(d); i++) {
                entries.merge(train.wordId(i), train.count(i), Double::sum);
            }
            int[] ids = entries.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] counts = entries.values().stream().mapToDouble(Double::doubleValue).toArray();
            start[d + 1] = start[d] + ids.length;
            System.arraycopy(ids, 0, allIds, start[d], ids.length);
            System.arraycopy(counts, 0, allCounts, start[d], ids.length);
            rows.add(RowFactory.create(Vectors.sparse(train.vocabSize(), ids, counts)));
        }
        Corpus sorted = Corpus.of(start, java.util.Arrays.copyOf(allIds, start[train.docs()]),
                java.util.Arrays.copyOf(allCounts, start[train.docs()]), train.vocabSize());
        StructType schema = new StructType().add("terms", new VectorUDT(), false);
        Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(1);
        LdaConfig short1 = config.withPasses(1);
        SparkLdaCorpus docs = SparkLdaCorpus.of(frame, "terms", 2);
        try {
            assertEquals(train.docs(), docs.docs());
            assertEquals(train.vocabSize(), docs.vocabSize());
            assertEquals(train.totalWords(), docs.totalWords(), 0.0);
            LdaFit fromFrame = SparkOnlineLda.fit(docs, null, short1, null);
            LdaFit fromCorpus = spark(sorted, null, 2, short1);
            assertArrayEquals(fromCorpus.model().lambda(), fromFrame.model().lambda(), 0.0);
        } finally {
            docs.release();
        }
    }

    private static String failure(Dataset<Row> frame, String column) {
        Exception e = assertThrows(Exception.class, () -> SparkLdaCorpus.of(frame, column, 2).release());
        return SparkErrors.message(e);
    }

    private static Dataset<Row> arrays(List<Row> rows, org.apache.spark.sql.types.DataType element) {
        StructType schema = new StructType().add("counts", DataTypes.createArrayType(element, true), true);
        return spark.createDataFrame(rows, schema);
    }

    /** Bad input: each fails with one line naming the column, the row and what is wrong. */
    @Test
    void badInputIsNamed() {
        Dataset<Row> ok = arrays(List.of(RowFactory.create((Object) new Double[] {1.0, 0.0, 2.0})),
                DataTypes.DoubleType);
        assertTrue(failure(ok, "terms").contains("no column 'terms'"));
        Dataset<Row> text = arrays(List.of(RowFactory.create((Object) new String[] {"a"})), DataTypes.StringType);
        assertTrue(failure(text, "counts").contains("expected a vector or an array of term counts"));
        Dataset<Row> negative = arrays(List.of(RowFactory.create((Object) new Double[] {1.0, 2.0}),
                RowFactory.create((Object) new Double[] {1.0, -1.0})), DataTypes.DoubleType);
        assertEquals("SparkLdaCorpus: column 'counts' in row 1 has -1.0 at 1 (counts must be whole numbers >= 0)",
                failure(negative, "counts"));
        Dataset<Row> fraction = arrays(List.of(RowFactory.create((Object) new Double[] {0.5, 2.0})),
                DataTypes.DoubleType);
        assertTrue(failure(fraction, "counts").contains("has 0.5 at 0"));
        Dataset<Row> nan = arrays(List.of(RowFactory.create((Object) new Double[] {Double.NaN, 2.0})),
                DataTypes.DoubleType);
        assertTrue(failure(nan, "counts").contains("has NaN at 0"));
        Dataset<Row> nulls = arrays(List.of(RowFactory.create((Object) new Double[] {null, 2.0})),
                DataTypes.DoubleType);
        assertTrue(failure(nulls, "counts").contains("null or non-numeric count at 0"));
        Dataset<Row> empty = arrays(List.of(RowFactory.create((Object) new Double[] {0.0, 0.0})),
                DataTypes.DoubleType);
        assertTrue(failure(empty, "counts").contains("row 0 has no words"));
        Dataset<Row> lengths = arrays(List.of(RowFactory.create((Object) new Double[] {1.0, 2.0}),
                RowFactory.create((Object) new Double[] {1.0, 2.0, 3.0})), DataTypes.DoubleType);
        assertTrue(failure(lengths, "counts").contains("differ in length"));
        assertTrue(failure(arrays(List.of(), DataTypes.DoubleType), "counts").contains("there are no documents"));
    }
}
