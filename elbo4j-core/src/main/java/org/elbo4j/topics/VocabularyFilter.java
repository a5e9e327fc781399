package org.elbo4j.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which words of a text corpus enter the vocabulary (as scikit-learn's {@code CountVectorizer}
 * and gensim's {@code filter_extremes}): a word is kept when it occurs in at least {@code minDf}
 * documents and in at most {@code maxDf · D} of them; of those, the {@code maxVocab} with the
 * highest document frequency (ties: alphabetical) are kept. The vocabulary is then sorted
 * alphabetically.
 *
 * @param minDf    the fewest documents a word must occur in (≥ 1)
 * @param maxDf    the largest fraction of documents a word may occur in, in (0, 1]
 * @param maxVocab the most words kept (≥ 1)
 */
public record VocabularyFilter(int minDf, double maxDf, int maxVocab) {

    /** Validates the settings. */
    public VocabularyFilter {
        if (minDf < 1) {
            throw new IllegalArgumentException("VocabularyFilter: minDf must be >= 1, got " + minDf);
        }
        if (!(maxDf > 0 && maxDf <= 1)) {
            throw new IllegalArgumentException("VocabularyFilter: maxDf must be in (0, 1], got " + maxDf);
        }
        if (maxVocab < 1) {
            throw new IllegalArgumentException("VocabularyFilter: maxVocab must be >= 1, got " + maxVocab);
        }
    }

    /** minDf 2, maxDf 0.5, maxVocab 10000. */
    public static VocabularyFilter defaults() {
        return new VocabularyFilter(2, 0.5, 10000);
    }

    /**
     * The words kept, sorted alphabetically (may be empty).
     *
     * @param df   the document frequency of every word (or of every word with df ≥ minDf and ≤ maxDf · D:
     *             the others are dropped anyway)
     * @param docs the number of documents D
     */
    public List<String> select(Map<String, Integer> df, long docs) {
        double maxDocs = maxDf * docs;
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : df.entrySet()) {
            if (e.getValue() >= minDf && e.getValue() <= maxDocs) {
                kept.add(e.getKey());
            }
        }
        kept.sort((a, b) -> {
            int c = Integer.compare(df.get(b), df.get(a));
            return c != 0 ? c : a.compareTo(b);
        });
        List<String> words = new ArrayList<>(kept.subList(0, Math.min(kept.size(), maxVocab)));
        words.sort(null);
        return words;
    }

    @Override
    public String toString() {
        return "min-df " + minDf + ", max-df " + maxDf + ", max-vocab " + maxVocab;
    }
}
