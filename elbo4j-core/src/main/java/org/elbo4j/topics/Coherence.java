package org.elbo4j.topics;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Topic coherence of the top words v_1, …, v_M of a topic (most probable first), from document
 * co-occurrence in a reference corpus of D documents; D(v) is the number of documents holding v,
 * D(v, v') the number holding both.
 * <ul>
 *   <li>UMass (Mimno et al. 2011, eq. 1), usually on the training corpus:
 *       {@code C = Σ_{m=2..M} Σ_{l<m} log((D(v_m, v_l) + 1) / D(v_l))}, reported as the mean over
 *       the M(M−1)/2 pairs (as gensim's {@code u_mass}); a word absent from the reference
 *       (D(v_l) = 0) is skipped;</li>
 *   <li>NPMI (Bouma 2009; Aletras &amp; Stevenson 2013), usually on held-out documents: the mean
 *       over pairs of {@code log(P(v, v') / (P(v) P(v'))) / −log P(v, v')} with P(v) = D(v)/D,
 *       P(v, v') = D(v, v')/D; a pair never seen together scores −1 (the limit), a pair with
 *       P(v, v') = 1 scores 1.</li>
 * </ul>
 * Values: UMass ≤ 0 (higher is better), NPMI in [−1, 1] (higher is better).
 */
public final class Coherence {

    private final Corpus reference;
    private final Map<Integer, BitSet> docsOf = new HashMap<>();

    private Coherence(Corpus reference) {
        this.reference = reference;
    }

    /** Coherence measured on {@code reference}. */
    public static Coherence on(Corpus reference) {
        if (reference.docs() < 1) {
            throw new IllegalArgumentException("Coherence: the reference corpus has no documents");
        }
        return new Coherence(reference);
    }

    private BitSet docs(int word) {
        return docsOf.computeIfAbsent(word, w -> {
            BitSet b = new BitSet(reference.docs());
            for (int d = 0; d < reference.docs(); d++) {
                for (int i = reference.start(d); i < reference.end(d); i++) {
                    if (reference.wordId(i) == w) {
                        b.set(d);
                        break;
                    }
                }
            }
            return b;
        });
    }

    private int together(int a, int b) {
        BitSet x = (BitSet) docs(a).clone();
        x.and(docs(b));
        return x.cardinality();
    }

    /** The mean UMass score over the pairs of {@code topWords}. */
    public double umass(int[] topWords) {
        double sum = 0;
        int pairs = 0;
        for (int m = 1; m < topWords.length; m++) {
            for (int l = 0; l < m; l++) {
                int dl = docs(topWords[l]).cardinality();
                if (dl == 0) {
                    continue;
                }
                sum += Math.log((together(topWords[m], topWords[l]) + 1.0) / dl);
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /** The mean NPMI over the pairs of {@code topWords}. */
    public double npmi(int[] topWords) {
        double n = reference.docs();
        double sum = 0;
        int pairs = 0;
        for (int m = 1; m < topWords.length; m++) {
            for (int l = 0; l < m; l++) {
                double pa = docs(topWords[m]).cardinality() / n;
                double pb = docs(topWords[l]).cardinality() / n;
                double pab = together(topWords[m], topWords[l]) / n;
                double score;
                if (pab == 0) {
                    score = -1;
                } else if (pab == 1) {
                    score = 1;
                } else {
                    score = Math.log(pab / (pa * pb)) / -Math.log(pab);
                }
                sum += score;
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }
}
