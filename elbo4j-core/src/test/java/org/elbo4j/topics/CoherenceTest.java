package org.elbo4j.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * UMass and NPMI on a four-document reference computed by hand: documents {a, b}, {a, b, c}, {a},
 * {c, d} with a = 0, b = 1, c = 2, d = 3.
 */
class CoherenceTest {

    static final Coherence C = Coherence.on(Corpus.of(new int[] {0, 2, 5, 6, 8}, new int[] {0, 1, 0, 1, 2, 0, 2, 3},
            new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 4));

    @Test
    void umassIsTheMeanPairScore() {
        // log((D(b, a) + 1) / D(a)) = log(3 / 3)
        assertEquals(0.0, C.umass(new int[] {0, 1}), 1e-15);
        // pairs (b|a): log(3/3); (c|a): log(2/3); (c|b): log(2/2)
        assertEquals(Math.log(2.0 / 3) / 3, C.umass(new int[] {0, 1, 2}), 1e-15);
    }

    @Test
    void npmiIsTheMeanNormalisedPmi() {
        // P(a) = 3/4, P(b) = 1/2, P(a, b) = 1/2: log((1/2) / (3/8)) / −log(1/2)
        assertEquals(Math.log(4.0 / 3) / Math.log(2), C.npmi(new int[] {0, 1}), 1e-15);
        // P(b) = P(c) = 1/2, P(b, c) = 1/4: independent, 0
        assertEquals(0.0, C.npmi(new int[] {1, 2}), 1e-15);
        // b and d never together: −1
        assertEquals(-1.0, C.npmi(new int[] {1, 3}), 0.0);
    }
}
