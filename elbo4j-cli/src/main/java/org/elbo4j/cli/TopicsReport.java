package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elbo4j.cli.chart.Plot;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.io.Json;
import org.elbo4j.topics.Coherence;
import org.elbo4j.topics.LdaFit;
import org.elbo4j.topics.LdaModel;
import org.elbo4j.topics.LdaPass;
import org.elbo4j.topics.Vocabulary;

/**
 * The files of {@code topics fit}: topics.json (top words with weights per topic, α, η, perplexity
 * per pass, held-out perplexities, coherence, verdict), doc_topics.csv (E_q θ_d of every document
 * in input order, with its split), perplexity.png, report.html and model.json.
 *
 * @param fit                 the fit
 * @param vocabulary          the words
 * @param settings            the command's settings, written as they are
 * @param topWords            words listed per topic
 * @param umass               UMass coherence per topic (training documents)
 * @param npmi                NPMI per topic on the held-out documents (null without them)
 * @param heldOutBound        the held-out per-word bound (NaN without held-out documents)
 * @param completionPerWord   the held-out document-completion log-likelihood per word (NaN without)
 * @param docTopics           E_q θ of every input document, D × K row-major, input order
 * @param heldOut             per input document: whether it was held out
 * @param seconds             wall time of the fit
 */
record TopicsReport(LdaFit fit, Vocabulary vocabulary, Map<String, Object> settings, int topWords, double[] umass,
        double[] npmi, double heldOutBound, double completionPerWord, double[] docTopics, boolean[] heldOut,
        double seconds) {

    /** Coherence per topic of the fitted model's top words. */
    static double[] coherence(LdaModel model, Coherence c, int top, boolean npmi) {
        double[] out = new double[model.topics()];
        for (int k = 0; k < out.length; k++) {
            int[] words = model.topWords(k, top);
            out[k] = npmi ? c.npmi(words) : c.umass(words);
        }
        return out;
    }

    void write(Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve("topics.json"), Json.writeIndented(json()));
        AtomicFiles.writeString(dir.resolve("doc_topics.csv"), csv());
        AtomicFiles.writeString(dir.resolve(TopicsModelFile.NAME), TopicsModelFile.json(fit.model(), vocabulary));
        AtomicFiles.write(dir.resolve("perplexity.png"), chart());
        AtomicFiles.writeString(dir.resolve("report.html"), TopicsHtml.of(this));
    }

    /** Top words of topic k as (word id, weight E_q β_kw). */
    List<Map<String, Object>> words(int k) {
        LdaModel m = fit.model();
        double total = 0;
        for (int w = 0; w < m.vocabSize(); w++) {
            total += m.lambda(k, w);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int w : m.topWords(k, topWords)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("word", vocabulary.word(w));
            e.put("weight", m.lambda(k, w) / total);
            out.add(e);
        }
        return out;
    }

    Map<String, Object> json() {
        LdaModel m = fit.model();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("settings", settings);
        j.put("topics", m.topics());
        j.put("vocabulary_size", m.vocabSize());
        j.put("alpha", m.alpha());
        j.put("eta", m.eta());
        List<Map<String, Object>> topics = new ArrayList<>();
        for (int k = 0; k < m.topics(); k++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("topic", k + 1);
            t.put("umass", umass[k]);
            t.put("npmi", npmi == null ? null : npmi[k]);
            t.put("words", words(k));
            topics.add(t);
        }
        j.put("topic_words", topics);
        List<Map<String, Object>> passes = new ArrayList<>();
        for (LdaPass p : fit.passes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("pass", p.pass());
            row.put("train_perplexity_bound", p.trainPerplexity());
            row.put("heldout_perplexity_bound", p.heldOutPerplexity());
            row.put("rate", p.rate());
            passes.add(row);
        }
        j.put("perplexity_per_pass", passes);
        j.put("heldout_perplexity_bound", Math.exp(-heldOutBound));
        j.put("heldout_completion_perplexity", Math.exp(-completionPerWord));
        Map<String, Object> coherence = new LinkedHashMap<>();
        coherence.put("umass_mean", mean(umass));
        coherence.put("npmi_mean", npmi == null ? null : mean(npmi));
        coherence.put("top_words", topWords);
        j.put("coherence", coherence);
        j.put("verdict", fit.verdict().name());
        j.put("reason", fit.reason());
        j.put("elbo_trace", fit.trace().toArray());
        j.put("seconds", seconds);
        j.put("e_step_tokens_per_second", fit.eStepTokensPerSecond());
        return j;
    }

    static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    String csv() {
        int k = fit.model().topics();
        StringBuilder b = new StringBuilder("doc,split");
        for (int t = 1; t <= k; t++) {
            b.append(",topic_").append(t);
        }
        b.append('\n');
        for (int d = 0; d < heldOut.length; d++) {
            b.append(d + 1).append(heldOut[d] ? ",heldout" : ",train");
            for (int t = 0; t < k; t++) {
                b.append(',').append(String.format(Locale.ROOT, "%.6g", docTopics[d * k + t]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    byte[] chart() {
        List<LdaPass> passes = fit.passes();
        double[] x = new double[passes.size()];
        double[] train = new double[x.length];
        double[] held = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = passes.get(i).pass();
            train[i] = passes.get(i).trainPerplexity();
            held[i] = passes.get(i).heldOutPerplexity();
        }
        Plot p = Plot.of("Perplexity bound per pass", "pass", "perplexity exp(-bound / words)");
        p.line("training", x, train);
        if (x.length > 0 && Double.isFinite(held[0])) {
            p.line("held-out", x, held);
        }
        return p.png(720, 420);
    }
}
