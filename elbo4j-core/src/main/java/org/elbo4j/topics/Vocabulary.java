package org.elbo4j.topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The words of a corpus: word id i ↔ {@code word(i)}. Immutable. */
public final class Vocabulary {

    private final List<String> words;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
        this.ids = new HashMap<>(2 * words.size());
        for (int i = 0; i < words.size(); i++) {
            ids.put(words.get(i), i);
        }
    }

    /**
     * A vocabulary of distinct words, in id order.
     *
     * @throws IllegalArgumentException if a word repeats or is empty
     */
    public static Vocabulary of(List<String> words) {
        Vocabulary v = new Vocabulary(words);
        if (v.ids.size() != words.size()) {
            throw new IllegalArgumentException("Vocabulary: words must be distinct, got " + words.size()
                    + " words of which " + v.ids.size() + " distinct");
        }
        for (String w : words) {
            if (w.isEmpty()) {
                throw new IllegalArgumentException("Vocabulary: words must not be empty");
            }
        }
        return v;
    }

    /** The number of words V. */
    public int size() {
        return words.size();
    }

    /** The word with id i. */
    public String word(int i) {
        return words.get(i);
    }

    /** The id of a word, or −1 when it is not in the vocabulary. */
    public int id(String word) {
        Integer i = ids.get(word);
        return i == null ? -1 : i;
    }

    /** The words in id order (unmodifiable). */
    public List<String> words() {
        return words;
    }
}
