package org.elbo4j.topics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.elbo4j.io.DataFileException;

/**
 * The UCI bag-of-words format (Newman, UCI Machine Learning Repository: NYTimes, PubMed, KOS,
 * NIPS, Enron): {@code docword.txt} starts with three lines D, W and NNZ, then NNZ lines
 * {@code docID wordID count} (1-based ids); {@code vocab.txt} has the W words, one per line, word
 * id i on line i. Files ending in {@code .gz} are read through gzip. Every header count is checked
 * against the file: a bad or disagreeing value is a {@link DataFileException} naming the file and
 * line. Document ids without entries become empty documents (see {@link Corpus#emptyDocuments()}).
 */
public final class UciBagOfWords {

    private UciBagOfWords() {
    }

    /** Reads {@code docword} and {@code vocab}. */
    public static BagOfWords read(Path docword, Path vocab) throws IOException {
        Vocabulary vocabulary = readVocabulary(vocab);
        try (BufferedReader r = open(docword)) {
            long docs = header(r, docword, 1, "D");
            long words = header(r, docword, 2, "W");
            long nnz = header(r, docword, 3, "NNZ");
            if (words != vocabulary.size()) {
                throw new DataFileException(docword + ":2: header W = " + words + " but " + vocab + " has "
                        + vocabulary.size() + " words");
            }
            if (docs > Integer.MAX_VALUE - 1 || nnz > Integer.MAX_VALUE - 8) {
                throw new DataFileException(docword + ": too large (D = " + docs + ", NNZ = " + nnz + ")");
            }
            int[] docIds = new int[(int) nnz];
            int[] wordIds = new int[(int) nnz];
            double[] counts = new double[(int) nnz];
            int n = 0;
            long lineNo = 3;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (n == nnz) {
                    throw new DataFileException(docword + ":" + lineNo + ": more entries than the header's NNZ = " + nnz);
                }
                String[] f = line.trim().split("\\s+");
                if (f.length != 3) {
                    throw new DataFileException(docword + ":" + lineNo + ": expected 'docID wordID count', got '"
                            + line.trim() + "'");
                }
                docIds[n] = (int) field(f[0], 1, docs, docword, lineNo, "docID") - 1;
                wordIds[n] = (int) field(f[1], 1, words, docword, lineNo, "wordID") - 1;
                counts[n] = field(f[2], 1, Integer.MAX_VALUE, docword, lineNo, "count");
                n++;
            }
            if (n != nnz) {
                throw new DataFileException(docword + ":3: header NNZ = " + nnz + " but the file has " + n + " entries");
            }
            return new BagOfWords(toCorpus((int) docs, vocabulary.size(), docIds, wordIds, counts), vocabulary, 0);
        }
    }

    private static Corpus toCorpus(int docs, int v, int[] docIds, int[] wordIds, double[] counts) {
        int[] start = new int[docs + 1];
        for (int d : docIds) {
            start[d + 1]++;
        }
        for (int d = 0; d < docs; d++) {
            start[d + 1] += start[d];
        }
        int[] next = start.clone();
        int[] ids = new int[wordIds.length];
        double[] c = new double[wordIds.length];
        for (int i = 0; i < docIds.length; i++) {
            int at = next[docIds[i]]++;
            ids[at] = wordIds[i];
            c[at] = counts[i];
        }
        return Corpus.of(start, ids, c, v);
    }

    /** The words of a vocab.txt, one per line (blank lines are errors: they would shift the ids). */
    public static Vocabulary readVocabulary(Path vocab) throws IOException {
        List<String> words = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader r = open(vocab)) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                String w = line.trim();
                if (w.isEmpty()) {
                    throw new DataFileException(vocab + ":" + lineNo + ": empty word (word ids follow line numbers)");
                }
                if (!seen.add(w)) {
                    throw new DataFileException(vocab + ":" + lineNo + ": duplicate word '" + w + "'");
                }
                words.add(w);
            }
        }
        if (words.isEmpty()) {
            throw new DataFileException(vocab + ": no words");
        }
        return Vocabulary.of(words);
    }

    private static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + ": no such file");
        }
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static long header(BufferedReader r, Path file, int lineNo, String name) throws IOException {
        String line = r.readLine();
        if (line == null) {
            throw new DataFileException(file + ":" + lineNo + ": missing header line " + name);
        }
        return field(line.trim(), name.equals("NNZ") ? 0 : 1, Long.MAX_VALUE, file, lineNo, "header " + name);
    }

    private static long field(String text, long min, long max, Path file, long lineNo, String name)
            throws DataFileException {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new DataFileException(file + ":" + lineNo + ": " + name + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new DataFileException(file + ":" + lineNo + ": " + name + " must be in [" + min + ", " + max + "], got "
                    + value);
        }
        return value;
    }
}
