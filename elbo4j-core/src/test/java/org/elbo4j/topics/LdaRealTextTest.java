package org.elbo4j.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Online LDA on the bundled real corpus: 800 Debian package descriptions (data/, README). */
class LdaRealTextTest {

    static final Path CORPUS = Path.of("..", "data", "debian-descriptions.txt");

    /**
     * K = 10, minibatches of 100, 5 passes, 10% held out (seed 1): the held-out perplexity bound
     * falls at every pass and by at least 3% in all (measured: 2127.3, 2126.1, 2084.9, 2064.8, 2045.1),
     * and the document-completion perplexity is below the vocabulary size (a uniform model's).
     */
    @Test
    void heldOutPerplexityFallsWithPasses() throws Exception {
        BagOfWords bag = TextCorpus.read(CORPUS, VocabularyFilter.defaults());
        HeldOutSplit split = HeldOutSplit.of(bag.corpus(), 0.1, 1);
        LdaConfig c = LdaConfig.of(10).withPasses(5).withBatchSize(100);
        LdaFit fit = Lda.fit(split.train(), split.heldOut(), c, null);
        List<LdaPass> passes = fit.passes();
        assertEquals(5, passes.size());
        double first = passes.get(0).heldOutPerplexity();
        double last = passes.get(4).heldOutPerplexity();
        for (int p = 1; p < passes.size(); p++) {
            assertTrue(passes.get(p).heldOutPerplexity() < passes.get(p - 1).heldOutPerplexity(), "pass " + (p + 1)
                    + ": " + passes);
        }
        assertTrue(last < 0.97 * first, "held-out perplexity " + first + " -> " + last + ": " + passes);
        double completion = Math.exp(-DocumentCompletion.split(split.heldOut(), 1).perWord(fit.model()));
        assertTrue(completion < bag.vocabulary().size(), "completion perplexity " + completion + ", V = "
                + bag.vocabulary().size());
        assertTrue(fit.eStepTokens() == 5 * split.train().totalWords());
    }
}
