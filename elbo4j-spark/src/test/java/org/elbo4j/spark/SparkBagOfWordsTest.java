package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.elbo4j.topics.BagOfWords;
import org.elbo4j.topics.Corpus;
import org.elbo4j.topics.TextCorpus;
import org.elbo4j.topics.Vocabulary;
import org.elbo4j.topics.VocabularyFilter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkBagOfWords} against the local readers: the same texts as a file of lines
 * ({@link TextCorpus#read}) and as a string column in 3 partitions give the same vocabulary and the
 * same corpus entry for entry (exact: both are counts of the same tokens); id/count arrays give the
 * corpus they describe.
 */
class SparkBagOfWordsTest {

    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
    }

    static void assertSameCorpus(Corpus a, Corpus b) {
        assertEquals(a.docs(), b.docs());
        assertEquals(a.vocabSize(), b.vocabSize());
        for (int d = 0; d < a.docs(); d++) {
            assertEquals(a.start(d), b.start(d), "document " + d);
            assertEquals(a.end(d), b.end(d), "document " + d);
        }
        for (int i = 0; i < a.entries(); i++) {
            assertEquals(a.wordId(i), b.wordId(i), "entry " + i);
            assertEquals(a.count(i), b.count(i), "entry " + i);
        }
    }

    /** Two filters (the defaults, and a tight one that also drops frequent words): the file's corpus, exactly. */
    @Test
    void textColumnEqualsLines() throws IOException {
        List<String> text = Files.readAllLines(Path.of("..", "data", "debian-descriptions.txt")).subList(0, 120);
        Path file = tmp.resolve("docs.txt");
        Files.write(file, text);
        List<Row> rows = new ArrayList<>();
        for (String line : text) {
            rows.add(RowFactory.create(line));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, new StructType().add("body", DataTypes.StringType, false))
                .repartition(1).coalesce(3);
        for (VocabularyFilter filter : List.of(VocabularyFilter.defaults(), new VocabularyFilter(2, 0.25, 300))) {
            BagOfWords local = TextCorpus.read(file, filter);
            BagOfWords spark = SparkBagOfWords.text(frame, "body", filter);
            assertEquals(local.vocabulary().words(), spark.vocabulary().words());
            assertSameCorpus(local.corpus(), spark.corpus());
            assertEquals(local.unknownTokens(), spark.unknownTokens());
        }
        // a filter that leaves documents empty: both refuse, naming the same documents (lines from 1, rows from 0)
        VocabularyFilter tight = new VocabularyFilter(1, 0.05, 60);
        Exception a = assertThrows(IOException.class, () -> TextCorpus.read(file, tight));
        Exception b = assertThrows(IllegalArgumentException.class, () -> SparkBagOfWords.text(frame, "body", tight));
        String count = a.getMessage().replaceAll(".*: (\\d+ of \\d+) documents.*", "$1");
        assertTrue(b.getMessage().contains(count + " documents are empty"), a.getMessage() + " / " + b.getMessage());
    }

    /** Ids and counts (int and long arrays, a zero count dropped) in rows over 2 partitions. */
    @Test
    void idAndCountArraysGiveTheirCorpus() {
        StructType schema = new StructType().add("ids", DataTypes.createArrayType(DataTypes.IntegerType), false)
                .add("n", DataTypes.createArrayType(DataTypes.LongType), false);
        List<Row> rows = List.of(RowFactory.create(new Integer[] {3, 0}, new Long[] {2L, 1L}),
                RowFactory.create(new Integer[] {1, 2, 4}, new Long[] {1L, 0L, 5L}),
                RowFactory.create(new Integer[] {2}, new Long[] {7L}));
        Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(1).coalesce(2);
        Vocabulary v = Vocabulary.of(List.of("a", "b", "c", "d", "e"));
        Corpus expected = Corpus.of(new int[] {0, 2, 4, 5}, new int[] {3, 0, 1, 4, 2},
                new double[] {2, 1, 1, 5, 7}, 5);
        assertSameCorpus(expected, SparkBagOfWords.termIds(frame, "ids", "n", v).corpus());
        Exception e = assertThrows(Exception.class, () -> SparkBagOfWords.termIds(frame, "ids", "n",
                Vocabulary.of(List.of("a", "b", "c", "d"))));
        assertTrue(SparkErrors.message(e).contains("column 'ids' in row 1 has term id 4 at 2 but the vocabulary"
                + " has 4 words"), SparkErrors.message(e));
    }
}
