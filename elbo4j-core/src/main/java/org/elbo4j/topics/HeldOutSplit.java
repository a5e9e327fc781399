package org.elbo4j.topics;

import org.elbo4j.random.Rng;

/**
 * A seeded split of a corpus's documents into training and held-out sets: the documents are
 * shuffled (Fisher–Yates with {@code Rng.of(seed).child("holdout")}) and the first
 * {@code round(fraction · D)} become held-out (at least 1 when fraction &gt; 0, and at least one
 * document is left for training). Both sets keep the original document order.
 *
 * @param train         the training documents
 * @param heldOut       the held-out documents (null when fraction is 0)
 * @param trainDocs     their indices in the original corpus, increasing
 * @param heldOutDocs   the held-out indices, increasing (empty when fraction is 0)
 */
public record HeldOutSplit(Corpus train, Corpus heldOut, int[] trainDocs, int[] heldOutDocs) {

    /**
     * Splits {@code corpus}.
     *
     * @throws IllegalArgumentException if fraction is not in [0, 1) or the corpus has fewer than 2
     *                                  documents while fraction &gt; 0
     */
    public static HeldOutSplit of(Corpus corpus, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("HeldOutSplit: fraction must be in [0, 1), got " + fraction);
        }
        int d = corpus.docs();
        if (fraction == 0) {
            int[] all = new int[d];
            for (int i = 0; i < d; i++) {
                all[i] = i;
            }
            return new HeldOutSplit(corpus, null, all, new int[0]);
        }
        if (d < 2) {
            throw new IllegalArgumentException("HeldOutSplit: need at least 2 documents to hold some out, got " + d);
        }
        int test = (int) Math.max(1, Math.min(d - 1, Math.round(fraction * d)));
        int[] order = new int[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Rng rng = Rng.of(seed).child("holdout");
        for (int i = d - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        boolean[] held = new boolean[d];
        for (int i = 0; i < test; i++) {
            held[order[i]] = true;
        }
        int[] trainDocs = new int[d - test];
        int[] heldDocs = new int[test];
        int a = 0;
        int b = 0;
        for (int i = 0; i < d; i++) {
            if (held[i]) {
                heldDocs[b++] = i;
            } else {
                trainDocs[a++] = i;
            }
        }
        return new HeldOutSplit(corpus.subset(trainDocs), corpus.subset(heldDocs), trainDocs, heldDocs);
    }
}
