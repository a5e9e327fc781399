package org.elbo4j.topics;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link LdaDocuments} held in memory as one {@link Corpus}: the E-step of a range runs on this
 * machine's threads ({@link EStep}, whose sums are the same for any thread count). The range's
 * documents are copied out once and kept, as the minibatches of every pass are the same ranges.
 * Not thread-safe (one E-step at a time).
 */
public final class CorpusDocuments implements LdaDocuments {

    private final Corpus corpus;
    private final Map<Long, Corpus> ranges = new HashMap<>();
    private EStep eStep;
    private double tolerance = Double.NaN;
    private int iterations;
    private int topics;

    private CorpusDocuments(Corpus corpus) {
        this.corpus = corpus;
    }

    /** The documents of {@code corpus}. */
    public static CorpusDocuments of(Corpus corpus) {
        return new CorpusDocuments(java.util.Objects.requireNonNull(corpus, "CorpusDocuments: corpus must not be null"));
    }

    /** The corpus. */
    public Corpus corpus() {
        return corpus;
    }

    @Override
    public int docs() {
        return corpus.docs();
    }

    @Override
    public int vocabSize() {
        return corpus.vocabSize();
    }

    @Override
    public double totalWords() {
        return corpus.totalWords();
    }

    @Override
    public double eStep(int from, int to, double[] lambda, double[] alpha, double tol, int iters, double[] stats,
            double[] gamma, double[] scores) {
        if (from < 0 || to > corpus.docs() || from >= to) {
            throw new IllegalArgumentException("CorpusDocuments: the range must satisfy 0 <= from < to <= "
                    + corpus.docs() + ", got [" + from + ", " + to + ")");
        }
        Corpus batch = from == 0 && to == corpus.docs() ? corpus
                : ranges.computeIfAbsent(((long) from << 32) | to, key -> corpus.subset(range(from, to)));
        EStep e = eStep(alpha.length, tol, iters);
        e.setLambda(lambda);
        e.setAlpha(alpha);
        e.run(batch, gamma, false, true, stats, scores);
        return batch.totalWords();
    }

    private EStep eStep(int k, double tol, int iters) {
        if (eStep == null || k != topics || Double.compare(tol, tolerance) != 0 || iters != iterations) {
            eStep = new EStep(k, corpus.vocabSize(), tol, iters);
            topics = k;
            tolerance = tol;
            iterations = iters;
        }
        return eStep;
    }

    @Override
    public double[] inferGamma(LdaModel model) {
        return Lda.inferGamma(model, corpus);
    }

    @Override
    public double perWordBound(LdaModel model) {
        return Lda.perWordBound(model, corpus);
    }

    /**
     * Each document's ELBO terms under {@code model} with γ fitted as in {@link Lda#perWordBound}
     * (whose bound is {@code LdaElbo.sum} of these over the words).
     */
    public double[] documentBounds(LdaModel model) {
        return Lda.documentBounds(model, corpus);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
