package org.elbo4j.topics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits plain text into words: maximal runs of letters ({@link Character#isLetter}), lower-cased
 * ({@link Locale#ROOT}); runs shorter than 2 letters and English stop words (the list in
 * {@code stopwords-en.txt} next to this class) are dropped. Digits, punctuation and every other
 * character separate words.
 */
public final class Tokenizer {

    private static final Set<String> STOP_WORDS = load();

    private Tokenizer() {
    }

    /** The words of {@code text}, in order. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int from = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i - from >= 2) {
                String w = text.substring(from, i).toLowerCase(Locale.ROOT);
                if (!STOP_WORDS.contains(w)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** True when {@code word} (lower case) is on the stop-word list. */
    public static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word);
    }

    private static Set<String> load() {
        try (InputStream in = Tokenizer.class.getResourceAsStream("stopwords-en.txt")) {
            if (in == null) {
                throw new IllegalStateException("Tokenizer: stopwords-en.txt is missing from the class path");
            }
            Set<String> words = new HashSet<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String w = line.trim();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w);
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
