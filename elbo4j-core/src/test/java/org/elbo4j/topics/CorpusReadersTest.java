package org.elbo4j.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elbo4j.io.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UCI and plain-text readers, the tokenizer, the held-out split: contents and one test per bad input. */
class CorpusReadersTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsUciBagOfWords() throws Exception {
        Path vocab = write("vocab.txt", "apple\nbanana\ncherry\n");
        Path docword = write("docword.txt", "2\n3\n4\n1 1 2\n1 3 1\n2 2 5\n2 3 1\n");
        BagOfWords bag = UciBagOfWords.read(docword, vocab);
        Corpus c = bag.corpus();
        assertEquals(2, c.docs());
        assertEquals(3, c.vocabSize());
        assertEquals(9.0, c.totalWords());
        assertEquals("cherry", bag.vocabulary().word(c.wordId(1)));
        assertEquals(5.0, c.count(2));
    }

    private String uciError(String docword, String vocab) throws Exception {
        Path v = write("vocab.txt", vocab);
        Path d = write("docword.txt", docword);
        return assertThrows(DataFileException.class, () -> UciBagOfWords.read(d, v)).getMessage();
    }

    @Test
    void uciNnzThatDisagreesWithTheFileIsNamed() throws Exception {
        String m = uciError("2\n3\n5\n1 1 2\n1 3 1\n2 2 5\n2 3 1\n", "a\nb\nc\n");
        assertTrue(m.contains("docword.txt:3") && m.contains("NNZ = 5") && m.contains("4 entries"), m);
        m = uciError("2\n3\n1\n1 1 2\n1 3 1\n", "a\nb\nc\n");
        assertTrue(m.contains("docword.txt:5") && m.contains("more entries"), m);
    }

    @Test
    void uciWThatDisagreesWithVocabIsNamed() throws Exception {
        String m = uciError("2\n4\n1\n1 1 2\n", "a\nb\nc\n");
        assertTrue(m.contains("docword.txt:2") && m.contains("W = 4") && m.contains("3 words"), m);
    }

    @Test
    void uciDocIdBeyondDIsNamed() throws Exception {
        String m = uciError("2\n3\n1\n3 1 2\n", "a\nb\nc\n");
        assertTrue(m.contains("docword.txt:4") && m.contains("docID"), m);
    }

    @Test
    void uciMalformedHeaderAndEntriesAreNamed() throws Exception {
        assertTrue(uciError("two\n3\n1\n1 1 2\n", "a\nb\nc\n").contains("docword.txt:1: header D"));
        assertTrue(uciError("2\n3\n1\n1 1\n", "a\nb\nc\n").contains("docword.txt:4: expected"));
        assertTrue(uciError("2\n3\n1\n1 1 0\n", "a\nb\nc\n").contains("count must be in [1"));
        assertTrue(uciError("2\n3\n1\n1 1 1\n", "a\na\nc\n").contains("vocab.txt:2: duplicate word"));
    }

    @Test
    void tokenizerKeepsLowerCaseLetterRunsWithoutStopWords() {
        assertEquals(List.of("gnu", "compiler", "collection", "gcc", "fortran"),
                Tokenizer.words("The GNU compiler-collection (GCC 12) for a Fortran x"));
        assertTrue(Tokenizer.isStopWord("the"));
    }

    @Test
    void textCorpusBuildsAFilteredVocabulary() throws Exception {
        Path f = write("docs.txt", "python library python\npython tool\nlibrary tool editor\n");
        BagOfWords bag = TextCorpus.read(f, new VocabularyFilter(2, 1.0, 10));
        assertEquals(List.of("library", "python", "tool"), bag.vocabulary().words());
        assertEquals(2.0, bag.corpus().count(bag.corpus().start(0) + 0));
        BagOfWords capped = TextCorpus.read(f, new VocabularyFilter(1, 1.0, 2));
        assertEquals(List.of("library", "python"), capped.vocabulary().words()); // df 2 each; ties alphabetical
    }

    @Test
    void emptyDocumentsAfterFilteringAreCountedAndNamed() throws Exception {
        Path f = write("docs.txt", "python library\n\nthe of and\npython library\n");
        String m = assertThrows(DataFileException.class,
                () -> TextCorpus.read(f, new VocabularyFilter(2, 1.0, 10))).getMessage();
        assertTrue(m.contains("2 of 4 documents are empty") && m.contains("lines 2, 3"), m);
    }

    @Test
    void emptyVocabularyAfterFilteringIsAnError() throws Exception {
        Path f = write("docs.txt", "python library\nperl tool\n");
        String m = assertThrows(DataFileException.class,
                () -> TextCorpus.read(f, new VocabularyFilter(2, 1.0, 10))).getMessage();
        assertTrue(m.contains("vocabulary is empty after filtering"), m);
    }

    @Test
    void encodeCountsUnknownWords() throws Exception {
        Path f = write("new.txt", "python perl perl\nruby\n");
        BagOfWords bag = TextCorpus.encode(f, Vocabulary.of(List.of("python", "tool")));
        assertEquals(3, bag.unknownTokens());
        assertArrayEquals(new int[] {1}, bag.corpus().emptyDocuments());
    }

    @Test
    void fewerThanOneTopicAndEmptyDocumentsAreRejectedByTheFit() {
        assertThrows(IllegalArgumentException.class, () -> LdaConfig.of(0));
        Corpus withEmpty = Corpus.of(new int[] {0, 1, 1}, new int[] {0}, new double[] {1}, 2);
        String m = assertThrows(IllegalArgumentException.class,
                () -> Lda.fit(withEmpty, null, LdaConfig.of(2), null)).getMessage();
        assertTrue(m.contains("1 empty documents (0-based: 1)"), m);
    }

    @Test
    void heldOutSplitIsSeededAndDisjoint() {
        Corpus c = Corpus.of(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1},
                new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 2);
        HeldOutSplit a = HeldOutSplit.of(c, 0.3, 4);
        HeldOutSplit b = HeldOutSplit.of(c, 0.3, 4);
        assertArrayEquals(a.heldOutDocs(), b.heldOutDocs());
        assertEquals(3, a.heldOutDocs().length);
        assertEquals(7, a.train().docs());
    }
}
