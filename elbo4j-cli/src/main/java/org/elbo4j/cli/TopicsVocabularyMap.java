package org.elbo4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.topics.BagOfWords;
import org.elbo4j.topics.Corpus;
import org.elbo4j.topics.Vocabulary;

/** Re-expresses a bag of words over another vocabulary: entries of unknown words are dropped and counted. */
final class TopicsVocabularyMap {

    private TopicsVocabularyMap() {
    }

    static BagOfWords onto(BagOfWords bag, Vocabulary target) {
        Corpus c = bag.corpus();
        int[] map = new int[c.vocabSize()];
        for (int w = 0; w < map.length; w++) {
            map[w] = target.id(bag.vocabulary().word(w));
        }
        int[] start = new int[c.docs() + 1];
        List<Integer> ids = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        long unknown = 0;
        for (int d = 0; d < c.docs(); d++) {
            for (int i = c.start(d); i < c.end(d); i++) {
                int id = map[c.wordId(i)];
                if (id < 0) {
                    unknown += (long) c.count(i);
                } else {
                    ids.add(id);
                    counts.add(c.count(i));
                }
            }
            start[d + 1] = ids.size();
        }
        Corpus mapped = Corpus.of(start, ids.stream().mapToInt(Integer::intValue).toArray(),
                counts.stream().mapToDouble(Double::doubleValue).toArray(), target.size());
        return new BagOfWords(mapped, target, unknown);
    }
}
