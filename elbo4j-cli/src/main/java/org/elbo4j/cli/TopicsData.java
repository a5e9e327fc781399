package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.elbo4j.topics.BagOfWords;
import org.elbo4j.topics.TextCorpus;
import org.elbo4j.topics.UciBagOfWords;
import org.elbo4j.topics.VocabularyFilter;
import org.elbo4j.topics.Vocabulary;

/**
 * Reads the documents of {@code topics fit} and {@code topics infer}: {@code lines} (one document
 * per line of plain text) or {@code uci} (a docword file with vocab.txt next to it, or --vocab).
 * Every problem is a {@link UserError} or a DataFileException naming the file.
 */
final class TopicsData {

    private TopicsData() {
    }

    /** The format name checked: lines or uci. */
    static String format(String name) {
        if (!name.equals("lines") && !name.equals("uci")) {
            throw new UserError("--format must be lines or uci, got '" + name + "'");
        }
        return name;
    }

    /** The vocab.txt of a UCI docword file: --vocab, or vocab.txt (or vocab.*.txt) next to it. */
    static Path vocabFile(Path docs, Path vocab) {
        if (vocab != null) {
            return vocab;
        }
        Path dir = docs.toAbsolutePath().getParent();
        String name = docs.getFileName().toString();
        if (name.startsWith("docword.")) {
            Path sibling = dir.resolve(name.replaceFirst("^docword\\.", "vocab.").replaceFirst("\\.gz$", ""));
            if (Files.isRegularFile(sibling)) {
                return sibling;
            }
        }
        return dir.resolve("vocab.txt");
    }

    /** The documents to fit; documents left empty are an error naming how many and which. */
    static BagOfWords forFit(Path docs, String format, Path vocab, VocabularyFilter filter) throws IOException {
        if (format(format).equals("lines")) {
            return TextCorpus.read(docs, filter);
        }
        BagOfWords bag = UciBagOfWords.read(docs, vocabFile(docs, vocab));
        int[] empty = bag.corpus().emptyDocuments();
        if (empty.length > 0) {
            throw new UserError(docs + ": " + empty.length + " of " + bag.corpus().docs()
                    + " documents have no entries (docIDs " + first(Arrays.stream(empty).map(d -> d + 1).toArray())
                    + "); remove them and renumber, or lower the header's D");
        }
        return bag;
    }

    /** The documents to infer θ for, mapped onto the model's vocabulary (unknown words counted). */
    static BagOfWords forInfer(Path docs, String format, Path vocab, Vocabulary model) throws IOException {
        if (format(format).equals("lines")) {
            return TextCorpus.encode(docs, model);
        }
        BagOfWords own = UciBagOfWords.read(docs, vocabFile(docs, vocab));
        return TopicsVocabularyMap.onto(own, model);
    }

    static String first(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(10, values.length); i++) {
            b.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return values.length > 10 ? b.append(", ...").toString() : b.toString();
    }
}
