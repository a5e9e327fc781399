package org.elbo4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.elbo4j.topics.Corpus;
import org.elbo4j.topics.CorpusDocuments;
import org.elbo4j.topics.LdaModel;

/**
 * The bag-of-words documents one partition holds for {@link SparkLdaCorpus}: each with its global
 * number (its position in the corpus), in increasing order of number, as one {@link Corpus} in
 * compressed sparse row form. The E-step of the documents numbered {@code from ≤ d < to} is the
 * local E-step ({@link CorpusDocuments}, i.e. {@code topics.EStep}) of the consecutive run of
 * them this partition holds, its γ and document terms put at their places {@code d − from} of the
 * minibatch: so they are the same whatever partition a document is in, and only the sufficient
 * statistics are summed across partitions ({@link TreeSum}).
 *
 * <p>The local corpus (and its E-step buffers) is built on the executor at first use and kept
 * with the cached block; a block that Spark recomputes builds it again, with the same result.
 */
final class DocBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One document: its number, word ids and counts (whole numbers ≥ 1), and its vector's length V. */
    record Doc(long id, int[] wordIds, double[] counts, int size) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A partition's documents' γ or scores, with their numbers. */
    record Values(long[] ids, double[] values) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** What the driver checks of a block: its documents, words and vector lengths. */
    record Shape(int partition, int docs, double words, int minSize, int maxSize, long firstId)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final int partition;
    private final long[] ids;
    private final int[] docStart;
    private final int[] wordIds;
    private final double[] counts;
    private final int minSize;
    private final int maxSize;
    private transient CorpusDocuments local;

    private DocBlock(int partition, long[] ids, int[] docStart, int[] wordIds, double[] counts, int minSize,
            int maxSize) {
        this.partition = partition;
        this.ids = ids;
        this.docStart = docStart;
        this.wordIds = wordIds;
        this.counts = counts;
        this.minSize = minSize;
        this.maxSize = maxSize;
    }

    /** The documents of one partition, sorted by number. */
    static Iterator<DocBlock> gather(int partition, Iterator<Doc> it) {
        List<Doc> docs = new ArrayList<>();
        it.forEachRemaining(docs::add);
        docs.sort(Comparator.comparingLong(Doc::id));
        long[] ids = new long[docs.size()];
        int[] start = new int[docs.size() + 1];
        int minSize = Integer.MAX_VALUE;
        int maxSize = 0;
        for (int j = 0; j < docs.size(); j++) {
            Doc d = docs.get(j);
            ids[j] = d.id();
            start[j + 1] = Math.addExact(start[j], d.wordIds().length);
            minSize = Math.min(minSize, d.size());
            maxSize = Math.max(maxSize, d.size());
        }
        int[] w = new int[start[docs.size()]];
        double[] c = new double[w.length];
        for (int j = 0; j < docs.size(); j++) {
            System.arraycopy(docs.get(j).wordIds(), 0, w, start[j], docs.get(j).wordIds().length);
            System.arraycopy(docs.get(j).counts(), 0, c, start[j], docs.get(j).counts().length);
        }
        return List.of(new DocBlock(partition, ids, start, w, c, minSize, maxSize)).iterator();
    }

    /** The block's shape. */
    Shape shape() {
        double words = 0;
        for (double x : counts) {
            words += x;
        }
        return new Shape(partition, ids.length, words, minSize, maxSize, ids.length == 0 ? -1 : ids[0]);
    }

    /** The documents as a local corpus over V words (built once). */
    private CorpusDocuments local(int v) {
        if (local == null || local.vocabSize() != v) {
            local = CorpusDocuments.of(Corpus.of(docStart, wordIds, counts, v));
        }
        return local;
    }

    /** The first local position whose number is ≥ {@code id}. */
    private int lower(long id) {
        int i = Arrays.binarySearch(ids, id);
        return i >= 0 ? i : -i - 1;
    }

    /**
     * This partition's leaf of minibatch {@code [from, to)}: the vector
     * {@code [stats (V × K) | γ (n × K) | scores (n)]}, n = to − from, with γ and the scores of
     * the documents it holds at their places and zeros elsewhere, and the scalar its words; an
     * empty leaf when it holds none of them.
     */
    TreeSum eStep(int leaves, int from, int to, double[] lambda, double[] alpha, double tolerance, int iterations,
            int v) {
        int lo = lower(from);
        int hi = lower(to);
        if (lo == hi) {
            return TreeSum.leaf(leaves, partition, null, null, 0);
        }
        int k = alpha.length;
        int n = to - from;
        int m = hi - lo;
        double[] stats = new double[v * k];
        double[] gamma = new double[m * k];
        double[] scores = new double[m];
        double words = local(v).eStep(lo, hi, lambda, alpha, tolerance, iterations, stats, gamma, scores);
        double[] out = new double[Math.addExact(v * k, (k + 1) * n)];
        System.arraycopy(stats, 0, out, 0, v * k);
        for (int j = 0; j < m; j++) {
            int slot = (int) (ids[lo + j] - from);
            System.arraycopy(gamma, j * k, out, v * k + slot * k, k);
            out[v * k + n * k + slot] = scores[j];
        }
        return TreeSum.leaf(leaves, partition, null, out, words);
    }

    /** γ of this block's documents under the model (λ, α, η over V words), as {@code Lda.inferGamma}. */
    Values inferGamma(double[] lambda, double[] alpha, double eta, int v) {
        if (ids.length == 0) {
            return new Values(ids, new double[0]);
        }
        return new Values(ids, local(v).inferGamma(LdaModel.of(v, lambda, alpha, eta)));
    }

    /** Each document's ELBO terms under the model, as {@code Lda.perWordBound} sums them. */
    Values documentBounds(double[] lambda, double[] alpha, double eta, int v) {
        if (ids.length == 0) {
            return new Values(ids, new double[0]);
        }
        return new Values(ids, local(v).documentBounds(LdaModel.of(v, lambda, alpha, eta)));
    }
}
