package org.elbo4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.elbo4j.topics.Corpus;
import org.elbo4j.topics.LdaDocuments;
import org.elbo4j.topics.LdaElbo;
import org.elbo4j.topics.LdaModel;
import scala.Tuple2;

/**
 * Bag-of-words documents held by Spark's executors, for {@link SparkOnlineLda}: the
 * {@link LdaDocuments} whose E-steps are Spark jobs.
 *
 * <p>Layout: document d (its position in the corpus or DataFrame) is dealt to partition
 * {@code hash(d) mod P} ({@code d mod P} for d &lt; 2³¹), once, and cached ({@link DocBlock}), so
 * that the consecutive documents of a minibatch are spread over all partitions. Which partition
 * holds a document changes no γ and no score; the sufficient statistics are summed over the
 * partitions in the fixed tree of {@link TreeSum}:
 * <pre>
 *   S_wk = Σ_p [ Σ_{d ∈ batch ∩ partition p} n_dw φ_dwk ]   (tree order over p = 0 … P − 1)
 * </pre>
 * One job per minibatch: λ broadcast, every partition runs the local E-step on its documents of
 * the batch, and the partial results are merged by {@code treeReduce}. An empty partition takes
 * part and adds nothing.
 */
public final class SparkLdaCorpus implements LdaDocuments {

    private final transient JavaRDD<DocBlock> blocks;
    private final transient JavaSparkContext sc;
    private final int partitions;
    private final int docs;
    private final int vocabSize;
    private final double words;

    private SparkLdaCorpus(JavaRDD<DocBlock> blocks, int partitions, int docs, int vocabSize, double words) {
        this.blocks = blocks;
        this.sc = JavaSparkContext.fromSparkContext(blocks.context());
        this.partitions = partitions;
        this.docs = docs;
        this.vocabSize = vocabSize;
        this.words = words;
    }

    /**
     * The documents of a term-count column ({@link TermCountColumn}: a vector or an array of
     * counts per row) in P partitions (0: as many as {@code frame} has).
     *
     * @throws IllegalArgumentException if the column is missing or of the wrong type, a count is
     *                                  not a whole number ≥ 0, a document has no word, the
     *                                  vectors differ in length or there are no documents
     */
    public static SparkLdaCorpus of(Dataset<Row> frame, String column, int partitions) {
        int p = partitions > 0 ? partitions : frame.javaRDD().getNumPartitions();
        return build(TermCountColumn.documents(frame, column), p);
    }

    /**
     * The documents of a local corpus (its entries in their order) in P ≥ 1 partitions.
     *
     * @throws IllegalArgumentException if the corpus has no documents or an empty one, or P &lt; 1
     */
    public static SparkLdaCorpus of(JavaSparkContext sc, Corpus corpus, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("SparkLdaCorpus: partitions must be >= 1, got " + partitions);
        }
        List<DocBlock.Doc> list = new ArrayList<>(corpus.docs());
        for (int d = 0; d < corpus.docs(); d++) {
            int n = corpus.end(d) - corpus.start(d);
            if (n == 0) {
                throw new IllegalArgumentException("SparkLdaCorpus: document " + d + " has no words");
            }
            int[] w = new int[n];
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = corpus.wordId(corpus.start(d) + i);
                c[i] = corpus.count(corpus.start(d) + i);
            }
            list.add(new DocBlock.Doc(d, w, c, corpus.vocabSize()));
        }
        return build(sc.parallelize(list, Math.max(1, Math.min(partitions, list.size()))), partitions);
    }

    private static SparkLdaCorpus build(JavaRDD<DocBlock.Doc> documents, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("SparkLdaCorpus: partitions must be >= 1, got " + partitions);
        }
        JavaRDD<DocBlock> blocks = documents.mapToPair(d -> new Tuple2<>(d.id(), d))
                .partitionBy(new HashPartitioner(partitions)).values()
                .mapPartitionsWithIndex(DocBlock::gather, true).persist(StorageLevel.MEMORY_ONLY());
        List<DocBlock.Shape> shapes = blocks.map(DocBlock::shape).collect();
        long count = 0;
        double total = 0;
        int v = -1;
        for (DocBlock.Shape s : shapes) {
            count += s.docs();
            total += s.words();
            if (s.docs() == 0) {
                continue;
            }
            if (s.minSize() != s.maxSize() || v >= 0 && s.minSize() != v) {
                blocks.unpersist(false);
                throw new IllegalArgumentException("SparkLdaCorpus: the term-count vectors differ in length ("
                        + (v >= 0 ? v + ", " : "") + s.minSize() + (s.maxSize() != s.minSize() ? ", " + s.maxSize() : "")
                        + "); every document needs the same vocabulary size");
            }
            v = s.minSize();
        }
        if (count == 0 || count > Integer.MAX_VALUE - 8) {
            blocks.unpersist(false);
            throw new IllegalArgumentException("SparkLdaCorpus: " + (count == 0 ? "there are no documents"
                    : "at most 2^31 - 9 documents, got " + count));
        }
        if (v < 1) {
            blocks.unpersist(false);
            throw new IllegalArgumentException("SparkLdaCorpus: the vocabulary size must be >= 1, got " + v);
        }
        return new SparkLdaCorpus(blocks, partitions, (int) count, v, total);
    }

    @Override
    public int docs() {
        return docs;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public double totalWords() {
        return words;
    }

    /** The number of partitions P. */
    public int partitions() {
        return partitions;
    }

    /** One Spark job: the batch's E-step on every partition, the statistics summed in the fixed tree. */
    @Override
    public double eStep(int from, int to, double[] lambda, double[] alpha, double tolerance, int iterations,
            double[] stats, double[] gamma, double[] scores) {
        if (from < 0 || to > docs || from >= to) {
            throw new IllegalArgumentException("SparkLdaCorpus: the range must satisfy 0 <= from < to <= " + docs
                    + ", got [" + from + ", " + to + ")");
        }
        Broadcast<double[]> shared = sc.broadcast(lambda);
        try {
            int p = partitions;
            int v = vocabSize;
            double[] a = alpha.clone();
            TreeSum sum = blocks.map(b -> b.eStep(p, from, to, shared.value(), a, tolerance, iterations, v))
                    .treeReduce(TreeSum::merge, 2);
            int k = a.length;
            int n = to - from;
            double[] all = sum.doubles();
            System.arraycopy(all, 0, stats, 0, v * k);
            System.arraycopy(all, v * k, gamma, 0, n * k);
            System.arraycopy(all, v * k + n * k, scores, 0, n);
            return sum.scalar();
        } finally {
            shared.destroy();
        }
    }

    @Override
    public double[] inferGamma(LdaModel model) {
        return gather(model, true, model.topics());
    }

    @Override
    public double perWordBound(LdaModel model) {
        return LdaElbo.sum(gather(model, false, 1)) / words;
    }

    /** γ (width K) or the document terms (width 1) of every document, in document order. */
    private double[] gather(LdaModel model, boolean gamma, int width) {
        Broadcast<double[]> shared = sc.broadcast(model.lambda());
        try {
            double[] a = model.alpha();
            double eta = model.eta();
            int v = vocabSize;
            List<DocBlock.Values> parts = blocks.map(b -> gamma ? b.inferGamma(shared.value(), a, eta, v)
                    : b.documentBounds(shared.value(), a, eta, v)).collect();
            double[] out = new double[Math.multiplyExact(docs, width)];
            for (DocBlock.Values part : parts) {
                for (int j = 0; j < part.ids().length; j++) {
                    System.arraycopy(part.values(), j * width, out, (int) part.ids()[j] * width, width);
                }
            }
            return out;
        } finally {
            shared.destroy();
        }
    }

    /** Drops the cached documents. */
    public void release() {
        blocks.unpersist(false);
    }

    @Override
    public String toString() {
        return "SparkLdaCorpus(D = " + docs + ", V = " + vocabSize + ", P = " + partitions + ", words = "
                + (long) words + ")";
    }
}
