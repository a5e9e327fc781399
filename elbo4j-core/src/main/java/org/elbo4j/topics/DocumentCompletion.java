package org.elbo4j.topics;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.random.Rng;

/**
 * Held-out log-likelihood by document completion (Wallach et al. 2009, §4.2; the estimate of
 * Hoffman et al. 2010, §3.1): each held-out document's tokens are shuffled with a seeded stream
 * and split in half; the first half (the observed part) fits q(θ_d) = Dirichlet(γ_d) with λ and α
 * fixed, and each token w of the second half is scored by
 * <pre>
 *   log p(w | observed half) ≈ log Σ_k E_q[θ_dk] E_q[β_kw],   E_q θ_dk = γ_dk / Σγ_d,  E_q β_kw = λ_kw / Σλ_k
 * </pre>
 * {@link #perWord} is the sum over scored tokens divided by their number; its perplexity is
 * exp(−perWord). Documents with fewer than 2 tokens are skipped.
 *
 * @param observed the first halves
 * @param scored   the second halves, document by document
 */
public record DocumentCompletion(Corpus observed, Corpus scored) {

    /** Splits the tokens of every document of {@code corpus} with at least 2 tokens. */
    public static DocumentCompletion split(Corpus corpus, long seed) {
        Rng rng = Rng.of(seed).child("completion");
        List<int[]> seen = new ArrayList<>();
        List<int[]> rest = new ArrayList<>();
        for (int d = 0; d < corpus.docs(); d++) {
            int n = (int) corpus.docLength(d);
            if (n < 2) {
                continue;
            }
            int[] tokens = new int[n];
            int j = 0;
            for (int i = corpus.start(d); i < corpus.end(d); i++) {
                for (int c = 0; c < (int) corpus.count(i); c++) {
                    tokens[j++] = corpus.wordId(i);
                }
            }
            for (int i = n - 1; i > 0; i--) {
                int r = rng.nextInt(i + 1);
                int tmp = tokens[i];
                tokens[i] = tokens[r];
                tokens[r] = tmp;
            }
            seen.add(java.util.Arrays.copyOfRange(tokens, 0, n / 2));
            rest.add(java.util.Arrays.copyOfRange(tokens, n / 2, n));
        }
        return new DocumentCompletion(tokensToCorpus(seen, corpus.vocabSize()), tokensToCorpus(rest, corpus.vocabSize()));
    }

    private static Corpus tokensToCorpus(List<int[]> docs, int v) {
        int[] start = new int[docs.size() + 1];
        for (int d = 0; d < docs.size(); d++) {
            start[d + 1] = start[d] + docs.get(d).length;
        }
        int[] ids = new int[start[docs.size()]];
        double[] counts = new double[ids.length];
        for (int d = 0; d < docs.size(); d++) {
            System.arraycopy(docs.get(d), 0, ids, start[d], docs.get(d).length);
        }
        java.util.Arrays.fill(counts, 1.0);
        return Corpus.of(start, ids, counts, v);
    }

    /** The mean log-likelihood per scored token under {@code model}. */
    public double perWord(LdaModel model) {
        int k = model.topics();
        int v = model.vocabSize();
        double[] theta = Lda.normaliseRows(Lda.inferGamma(model, observed), k);
        double[] beta = model.topicWordMeans();
        double total = 0;
        for (int d = 0; d < scored.docs(); d++) {
            for (int i = scored.start(d); i < scored.end(d); i++) {
                int w = scored.wordId(i);
                double p = 0;
                for (int t = 0; t < k; t++) {
                    p += theta[d * k + t] * beta[t * v + w];
                }
                total += scored.count(i) * Math.log(p);
            }
        }
        return total / scored.totalWords();
    }
}
