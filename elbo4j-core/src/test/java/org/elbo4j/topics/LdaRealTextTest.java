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
     * K = 10, minibatches of 64, 6 passes, 10% held out (seed 1): the held-out perplexity bound
     * falls from pass to pass overall (last below first by at least 5%; measured: see the message),
     * and the document-completion perplexity is below the vocabulary size (a uniform model's).
     */
    @Test
    void heldOutPerplexityFallsWithPasses() throws Exception {
        BagOfWords bag = TextCorpus.read(CORPUS, VocabularyFilter.defaults());
        HeldOutSplit split = HeldOutSplit.of(bag.corpus(), 0.1, 1);
        LdaConfig c = LdaConfig.of(10).withPasses(6).withBatchSize(64);
        LdaFit fit = Lda.fit(split.train(), split.heldOut(), c, null);
        List<LdaPass> passes = fit.passes();
        assertEquals(6, passes.size());
        double first = passes.get(0).heldOutPerplexity();
        double last = passes.get(5).heldOutPerplexity();
        assertTrue(last < 0.95 * first, "held-out perplexity " + first + " -> " + last + ": " + passes);
        double completion = Math.exp(-DocumentCompletion.split(split.heldOut(), 1).perWord(fit.model()));
        assertTrue(completion < bag.vocabulary().size(), "completion perplexity " + completion + ", V = "
                + bag.vocabulary().size());
        assertTrue(fit.eStepTokens() == 6 * split.train().totalWords());
    }
}
