package org.elbo4j.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bag-of-words corpus in compressed sparse row form: document d holds the entries
 * {@code start(d) ≤ i < end(d)}, each a word id {@code wordId(i)} in [0, V) and a count
 * {@code count(i)}, a whole number ≥ 1. The words of a document are in the order given; the same
 * word may appear in two entries of a document (they act as one entry with the summed count).
 * Immutable; {@link #subset} copies.
 */
public final class Corpus {

    private final int[] docStart;
    private final int[] wordIds;
    private final double[] counts;
    private final int vocabSize;
    private final double totalWords;
    private final int maxEntries;

    private Corpus(int[] docStart, int[] wordIds, double[] counts, int vocabSize) {
        this.docStart = docStart;
        this.wordIds = wordIds;
        this.counts = counts;
        this.vocabSize = vocabSize;
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        this.totalWords = total;
        int most = 0;
        for (int d = 0; d + 1 < docStart.length; d++) {
            most = Math.max(most, docStart[d + 1] - docStart[d]);
        }
        this.maxEntries = most;
    }

    /**
     * A corpus from its CSR arrays (copied).
     *
     * @param docStart D + 1 non-decreasing offsets, {@code docStart[0] = 0}, {@code docStart[D] = nnz}
     * @param wordIds  nnz word ids in [0, vocabSize)
     * @param counts   nnz whole counts ≥ 1
     * @throws IllegalArgumentException naming the first bad value
     */
    public static Corpus of(int[] docStart, int[] wordIds, double[] counts, int vocabSize) {
        if (vocabSize < 1) {
            throw new IllegalArgumentException("Corpus: vocabSize must be >= 1, got " + vocabSize);
        }
        if (docStart.length < 1 || docStart[0] != 0 || docStart[docStart.length - 1] != wordIds.length
                || wordIds.length != counts.length) {
            throw new IllegalArgumentException("Corpus: docStart must run from 0 to nnz = " + wordIds.length
                    + " (counts: " + counts.length + "), got " + docStart.length + " offsets");
        }
        for (int d = 0; d + 1 < docStart.length; d++) {
            if (docStart[d + 1] < docStart[d]) {
                throw new IllegalArgumentException("Corpus: docStart must not decrease, at document " + d);
            }
        }
        for (int i = 0; i < wordIds.length; i++) {
            if (wordIds[i] < 0 || wordIds[i] >= vocabSize) {
                throw new IllegalArgumentException("Corpus: word id must be in [0, " + vocabSize + "), got "
                        + wordIds[i] + " at entry " + i);
            }
            if (!(counts[i] >= 1) || counts[i] != Math.rint(counts[i]) || Double.isInfinite(counts[i])) {
                throw new IllegalArgumentException("Corpus: count must be a whole number >= 1, got " + counts[i]
                        + " at entry " + i);
            }
        }
        return new Corpus(docStart.clone(), wordIds.clone(), counts.clone(), vocabSize);
    }

    /** The number of documents D. */
    public int docs() {
        return docStart.length - 1;
    }

    /** The vocabulary size V. */
    public int vocabSize() {
        return vocabSize;
    }

    /** The number of (document, word) entries. */
    public int entries() {
        return wordIds.length;
    }

    /** The first entry of document d. */
    public int start(int d) {
        return docStart[d];
    }

    /** One past the last entry of document d. */
    public int end(int d) {
        return docStart[d + 1];
    }

    /** The word id of entry i. */
    public int wordId(int i) {
        return wordIds[i];
    }

    /** The count of entry i. */
    public double count(int i) {
        return counts[i];
    }

    /** The number of words (tokens) of document d: the sum of its counts. */
    public double docLength(int d) {
        double n = 0;
        for (int i = docStart[d]; i < docStart[d + 1]; i++) {
            n += counts[i];
        }
        return n;
    }

    /** The number of words (tokens) in the corpus. */
    public double totalWords() {
        return totalWords;
    }

    /** The largest number of entries of one document. */
    public int maxEntries() {
        return maxEntries;
    }

    /** The documents without any word, in increasing order. */
    public int[] emptyDocuments() {
        List<Integer> empty = new ArrayList<>();
        for (int d = 0; d < docs(); d++) {
            if (docStart[d + 1] == docStart[d]) {
                empty.add(d);
            }
        }
        return empty.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The documents {@code docs[0], docs[1], …} as a new corpus over the same vocabulary. */
    public Corpus subset(int[] docs) {
        int[] start = new int[docs.length + 1];
        for (int j = 0; j < docs.length; j++) {
            int d = docs[j];
            if (d < 0 || d >= docs()) {
                throw new IllegalArgumentException("Corpus.subset: document must be in [0, " + docs() + "), got " + d);
            }
            start[j + 1] = start[j] + docStart[d + 1] - docStart[d];
        }
        int[] ids = new int[start[docs.length]];
        double[] c = new double[ids.length];
        for (int j = 0; j < docs.length; j++) {
            int from = docStart[docs[j]];
            int n = docStart[docs[j] + 1] - from;
            System.arraycopy(wordIds, from, ids, start[j], n);
            System.arraycopy(counts, from, c, start[j], n);
        }
        return new Corpus(start, ids, c, vocabSize);
    }

    /** How many documents contain each word (document frequency), indexed by word id. */
    public int[] documentFrequencies() {
        int[] df = new int[vocabSize];
        int[] seen = new int[vocabSize];
        Arrays.fill(seen, -1);
        for (int d = 0; d < docs(); d++) {
            for (int i = docStart[d]; i < docStart[d + 1]; i++) {
                if (seen[wordIds[i]] != d) {
                    seen[wordIds[i]] = d;
                    df[wordIds[i]]++;
                }
            }
        }
        return df;
    }
}
