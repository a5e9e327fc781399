package org.elbo4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.storage.StorageLevel;
import org.elbo4j.topics.BagOfWords;
import org.elbo4j.topics.Corpus;
import org.elbo4j.topics.Lda;
import org.elbo4j.topics.TextCorpus;
import org.elbo4j.topics.Tokenizer;
import org.elbo4j.topics.Vocabulary;
import org.elbo4j.topics.VocabularyFilter;
import scala.Tuple2;

/**
 * A corpus of a DataFrame read by Spark's executors, as the bag of words that
 * {@code spark topics fit} splits, fits ({@link SparkLdaCorpus}) and reports: row r is document r
 * (numbered 0, 1, … in the DataFrame's partitions and order). Three layouts:
 * <ul>
 *   <li>{@link #text}: a string column, each row a document's text, read by the rules of
 *       {@code topics.TextCorpus} for a file of lines: the executors split every text into words
 *       ({@link Tokenizer}) and count the documents each word is in,
 *       <pre>df(w) = |{d : w ∈ d}|,</pre>
 *       the driver keeps the words of {@link VocabularyFilter#select} (those with
 *       {@code minDf ≤ df(w) ≤ maxDf · D}, the {@code maxVocab} most frequent), and the executors
 *       count each document's kept words ({@link TextCorpus#document}). The same texts as lines
 *       of a file or as rows give the same corpus, entry for entry.</li>
 *   <li>{@link #counts}: a vector or array column of term counts (MLlib's
 *       {@code CountVectorizer} output), {@link TermCountColumn}, with its vocabulary.</li>
 *   <li>{@link #termIds}: array columns of term ids and their counts, {@link TermIdColumns}.</li>
 * </ul>
 * Only the word ids and counts (never the text) reach the driver, in document order.
 */
public final class SparkBagOfWords {

    private SparkBagOfWords() {
    }

    /**
     * The documents of the text column {@code column}, with the vocabulary that {@code filter} keeps.
     *
     * @throws IllegalArgumentException if the column is missing or not a string, a text is null,
     *     there are no rows, no word is kept, or a document has no kept word (how many, which rows)
     */
    public static BagOfWords text(Dataset<Row> frame, String column, VocabularyFilter filter) {
        int index = FeatureColumn.index(frame, column);
        DataType type = frame.schema().fields()[index].dataType();
        if (!(type instanceof StringType)) {
            throw new IllegalArgumentException("SparkBagOfWords: column '" + column + "' has type "
                    + type.simpleString() + "; expected a string (a document's text)");
        }
        JavaRDD<Tuple2<Long, List<String>>> tokens = frame.toJavaRDD().zipWithIndex().map(t -> {
            if (t._1().isNullAt(index)) {
                throw new IllegalArgumentException("SparkBagOfWords: column '" + column + "' in row " + t._2()
                        + " is null");
            }
            return new Tuple2<>(t._2(), Tokenizer.words(t._1().getString(index)));
        }).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long docs = tokens.count();
            if (docs == 0) {
                throw new IllegalArgumentException("SparkBagOfWords: column '" + column + "' has no rows (no documents)");
            }
            JavaPairRDD<String, Integer> df = tokens.flatMap(t -> new HashSet<>(t._2()).iterator())
                    .mapToPair(w -> new Tuple2<>(w, 1)).reduceByKey(Integer::sum);
            long distinct = df.count();
            int minDf = filter.minDf();
            double maxDocs = filter.maxDf() * docs;
            Map<String, Integer> candidates = df.filter(e -> e._2() >= minDf && e._2() <= maxDocs).collectAsMap();
            List<String> words = filter.select(candidates, docs);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("SparkBagOfWords: column '" + column + "': the vocabulary is empty"
                        + " after filtering (" + filter + "; " + distinct + " distinct words before, " + docs
                        + " documents)");
            }
            Broadcast<List<String>> shared = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext())
                    .broadcast(new ArrayList<>(words));
            try {
                int v = words.size();
                List<DocBlock.Doc> bags = tokens.mapPartitions((Iterator<Tuple2<Long, List<String>>> it) -> {
                    Vocabulary vocabulary = Vocabulary.of(shared.value());
                    List<DocBlock.Doc> out = new ArrayList<>();
                    it.forEachRemaining(t -> {
                        Corpus bag = TextCorpus.document(t._2(), vocabulary);
                        int[] ids = new int[bag.entries()];
                        double[] counts = new double[ids.length];
                        for (int i = 0; i < ids.length; i++) {
                            ids[i] = bag.wordId(i);
                            counts[i] = bag.count(i);
                        }
                        out.add(new DocBlock.Doc(t._1(), ids, counts, v));
                    });
                    return out.iterator();
                }).collect();
                long all = tokens.map(t -> (long) t._2().size()).fold(0L, Long::sum);
                Corpus corpus = corpus(bags, v);
                int[] empty = corpus.emptyDocuments();
                if (empty.length > 0) {
                    throw new IllegalArgumentException("SparkBagOfWords: column '" + column + "': " + empty.length
                            + " of " + corpus.docs() + " documents are empty after tokenizing and filtering (" + filter
                            + "), rows " + Lda.describe(empty) + " (from 0); remove them or relax the filter");
                }
                return new BagOfWords(corpus, Vocabulary.of(words), all - (long) corpus.totalWords());
            } finally {
                shared.destroy();
            }
        } finally {
            tokens.unpersist(false);
        }
    }

    /**
     * The documents of the term-count column {@code column} ({@link TermCountColumn}: vectors or
     * arrays of counts, of length V = the vocabulary's size).
     *
     * @throws IllegalArgumentException if the column is missing or of the wrong type, a row breaks
     *     the rules of {@link TermCountColumn}, a vector's length is not V, or there are no rows
     */
    public static BagOfWords counts(Dataset<Row> frame, String column, Vocabulary vocabulary) {
        int v = vocabulary.size();
        JavaRDD<DocBlock.Doc> docs = TermCountColumn.documents(frame, column).map(d -> {
            if (d.size() != v) {
                throw new IllegalArgumentException("SparkBagOfWords: column '" + column + "' in row " + d.id()
                        + " has length " + d.size() + " but the vocabulary has " + v + " words");
            }
            return d;
        });
        return collect(docs.collect(), column, vocabulary);
    }

    /**
     * The documents of the array columns {@code idsColumn} (term ids in [0, V)) and
     * {@code countsColumn} ({@link TermIdColumns}).
     *
     * @throws IllegalArgumentException if a column is missing or of the wrong type, a row breaks
     *     the rules of {@link TermIdColumns} (a term id ≥ V among them), or there are no rows
     */
    public static BagOfWords termIds(Dataset<Row> frame, String idsColumn, String countsColumn,
            Vocabulary vocabulary) {
        return collect(TermIdColumns.documents(frame, idsColumn, countsColumn, vocabulary.size()).collect(),
                countsColumn, vocabulary);
    }

    private static BagOfWords collect(List<DocBlock.Doc> docs, String column, Vocabulary vocabulary) {
        if (docs.isEmpty()) {
            throw new IllegalArgumentException("SparkBagOfWords: column '" + column + "' has no rows (no documents)");
        }
        return new BagOfWords(corpus(docs, vocabulary.size()), vocabulary, 0);
    }

    /** The documents, in the order of their numbers 0, 1, …, D − 1, as one corpus. */
    private static Corpus corpus(List<DocBlock.Doc> docs, int v) {
        List<DocBlock.Doc> sorted = new ArrayList<>(docs);
        sorted.sort(Comparator.comparingLong(DocBlock.Doc::id));
        int[] start = new int[sorted.size() + 1];
        for (int d = 0; d < sorted.size(); d++) {
            if (sorted.get(d).id() != d) {
                throw new IllegalStateException("SparkBagOfWords: document numbers must run 0 to D - 1, got "
                        + sorted.get(d).id() + " at " + d);
            }
            start[d + 1] = Math.addExact(start[d], sorted.get(d).wordIds().length);
        }
        int[] ids = new int[start[sorted.size()]];
        double[] counts = new double[ids.length];
        for (int d = 0; d < sorted.size(); d++) {
            DocBlock.Doc doc = sorted.get(d);
            System.arraycopy(doc.wordIds(), 0, ids, start[d], doc.wordIds().length);
            System.arraycopy(doc.counts(), 0, counts, start[d], doc.counts().length);
        }
        return Corpus.of(start, ids, counts, v);
    }
}
