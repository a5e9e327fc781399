package org.elbo4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.io.DataFileException;
import org.elbo4j.io.Json;
import org.elbo4j.topics.LdaModel;
import org.elbo4j.topics.Vocabulary;

/**
 * {@code model.json} of {@code topics fit}: what {@code topics infer} needs, exactly (every double
 * round-trips): {@code {"format": "elbo4j-lda-1", "topics": K, "vocabulary": [V words],
 * "alpha": [K], "eta": η, "lambda": [K rows of V]}}.
 */
final class TopicsModelFile {

    static final String NAME = "model.json";
    static final String FORMAT = "elbo4j-lda-1";

    /** A fitted model with its words. */
    record Saved(LdaModel model, Vocabulary vocabulary) {
    }

    private TopicsModelFile() {
    }

    static String json(LdaModel model, Vocabulary vocabulary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("topics", model.topics());
        m.put("vocabulary", vocabulary.words());
        m.put("alpha", model.alpha());
        m.put("eta", model.eta());
        double[] lambda = model.lambda();
        List<double[]> rows = new ArrayList<>();
        int v = model.vocabSize();
        for (int k = 0; k < model.topics(); k++) {
            rows.add(java.util.Arrays.copyOfRange(lambda, k * v, (k + 1) * v));
        }
        m.put("lambda", rows);
        return Json.write(m);
    }

    static Saved read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new DataFileException("--model " + dir + ": no " + NAME + " (written by elbo4j topics fit)");
        }
        try {
            Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!FORMAT.equals(m.get("format"))) {
                throw new DataFileException(file + ": format is " + m.get("format") + ", expected " + FORMAT);
            }
            List<String> words = new ArrayList<>();
            for (Object w : (List<?>) m.get("vocabulary")) {
                words.add((String) w);
            }
            double[] alpha = numbers((List<?>) m.get("alpha"));
            List<?> rows = (List<?>) m.get("lambda");
            double[] lambda = new double[rows.size() * words.size()];
            for (int k = 0; k < rows.size(); k++) {
                double[] row = numbers((List<?>) rows.get(k));
                if (row.length != words.size()) {
                    throw new DataFileException(file + ": lambda row " + k + " has " + row.length + " values, V = "
                            + words.size());
                }
                System.arraycopy(row, 0, lambda, k * words.size(), row.length);
            }
            return new Saved(LdaModel.of(words.size(), lambda, alpha, Json.toDouble(m.get("eta"))),
                    Vocabulary.of(words));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new DataFileException(file + ": not a topics model (" + e.getMessage() + ")", e);
        }
    }

    private static double[] numbers(List<?> list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Json.toDouble(list.get(i));
        }
        return out;
    }
}
