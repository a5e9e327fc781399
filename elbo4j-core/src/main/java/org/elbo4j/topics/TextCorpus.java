package org.elbo4j.topics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.io.DataFileException;

/**
 * Plain text, one document per line, as a bag of words: each line goes through the
 * {@link Tokenizer}; {@link #read} builds the vocabulary with a {@link VocabularyFilter},
 * {@link #encode} maps onto a given vocabulary (new documents for a fitted model).
 */
public final class TextCorpus {

    private TextCorpus() {
    }

    /**
     * Reads {@code file} and builds its vocabulary.
     *
     * @throws DataFileException naming the file when it cannot be read, the vocabulary is empty
     *                           after filtering, or some lines have no vocabulary word left (how
     *                           many and the first line numbers)
     */
    public static BagOfWords read(Path file, VocabularyFilter filter) throws IOException {
        List<List<String>> docs = tokenize(file);
        if (docs.isEmpty()) {
            throw new DataFileException(file + ": no documents (the file has no lines)");
        }
        Map<String, Integer> df = new HashMap<>();
        for (List<String> doc : docs) {
            for (String w : new java.util.HashSet<>(doc)) {
                df.merge(w, 1, Integer::sum);
            }
        }
        List<String> words = filter.select(df, docs.size());
        if (words.isEmpty()) {
            throw new DataFileException(file + ": the vocabulary is empty after filtering (" + filter + "; "
                    + df.size() + " distinct words before, " + docs.size() + " documents)");
        }
        Vocabulary vocabulary = Vocabulary.of(words);
        BagOfWords bag = encode(docs, vocabulary);
        int[] empty = bag.corpus().emptyDocuments();
        if (empty.length > 0) {
            int[] lines = Arrays.stream(empty).map(d -> d + 1).toArray();
            throw new DataFileException(file + ": " + empty.length + " of " + docs.size()
                    + " documents are empty after tokenizing and filtering (" + filter + "), lines "
                    + Lda.describe(lines) + "; remove them or relax the filter");
        }
        return bag;
    }

    /**
     * Reads {@code file} onto a fixed vocabulary: words not in it are dropped and counted in
     * {@link BagOfWords#unknownTokens()}; a line may end up empty.
     */
    public static BagOfWords encode(Path file, Vocabulary vocabulary) throws IOException {
        return encode(tokenize(file), vocabulary);
    }

    private static List<List<String>> tokenize(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + ": no such file");
        }
        List<List<String>> docs = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            docs.add(Tokenizer.words(line));
        }
        return docs;
    }

    private static BagOfWords encode(List<List<String>> docs, Vocabulary vocabulary) {
        int[] start = new int[docs.size() + 1];
        List<Corpus> bags = new ArrayList<>();
        long unknown = 0;
        for (int d = 0; d < docs.size(); d++) {
            Corpus bag = document(docs.get(d), vocabulary);
            unknown += docs.get(d).size() - (long) bag.totalWords();
            bags.add(bag);
            start[d + 1] = start[d] + bag.entries();
        }
        int[] allIds = new int[start[docs.size()]];
        double[] allCounts = new double[allIds.length];
        for (int d = 0; d < docs.size(); d++) {
            Corpus bag = bags.get(d);
            for (int i = 0; i < bag.entries(); i++) {
                allIds[start[d] + i] = bag.wordId(i);
                allCounts[start[d] + i] = bag.count(i);
            }
        }
        return new BagOfWords(Corpus.of(start, allIds, allCounts, vocabulary.size()), vocabulary, unknown);
    }

    /**
     * One document's words as a one-document corpus: its vocabulary words' ids in the order of
     * their first occurrence, each with its count; words not in {@code vocabulary} are left out
     * (the document may end up empty). The rule of every text reader (also the Spark ones).
     */
    public static Corpus document(List<String> words, Vocabulary vocabulary) {
        Map<Integer, Integer> bag = new LinkedHashMap<>();
        for (String w : words) {
            int id = vocabulary.id(w);
            if (id >= 0) {
                bag.merge(id, 1, Integer::sum);
            }
        }
        int[] ids = new int[bag.size()];
        double[] counts = new double[bag.size()];
        int j = 0;
        for (Map.Entry<Integer, Integer> e : bag.entrySet()) {
            ids[j] = e.getKey();
            counts[j++] = e.getValue();
        }
        return Corpus.of(new int[] {0, ids.length}, ids, counts, vocabulary.size());
    }
}
