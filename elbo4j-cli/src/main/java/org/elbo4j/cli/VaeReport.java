package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elbo4j.infer.ParetoKSummary;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.io.Json;
import org.elbo4j.io.JsonObject;
import org.elbo4j.vae.VaeScores;

/**
 * The files that describe a {@code vae train} run: metrics.json
 * {@code {"config": {…}, "epochs": [{"epoch","seconds","train_elbo","test_elbo"}…], "test": {…}}},
 * elbo.png and report.html (which shows samples.png, reconstructions.png and elbo.png).
 */
final class VaeReport {

    /** One epoch's line of metrics.json. */
    record EpochRow(long epoch, double seconds, double trainElbo, double testElbo) {
    }

    private VaeReport() {
    }

    /** The epochs recorded in an existing metrics.json (empty when there is none). */
    static List<EpochRow> readEpochs(Path metrics) throws IOException {
        List<EpochRow> rows = new ArrayList<>();
        if (!Files.exists(metrics)) {
            return rows;
        }
        Object parsed = Json.parse(Files.readString(metrics));
        if (parsed instanceof Map<?, ?> m && m.get("epochs") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> e = (Map<?, ?>) o;
                rows.add(new EpochRow(((Number) e.get("epoch")).longValue(), Json.toDouble(e.get("seconds")),
                        Json.toDouble(e.get("train_elbo")), Json.toDouble(e.get("test_elbo"))));
            }
        }
        return rows;
    }

    /** Writes metrics.json; {@code test} may be null while training is under way. */
    static void writeMetrics(Path dir, Map<String, Object> config, List<EpochRow> epochs, VaeScores test)
            throws IOException {
        List<JsonObject> rows = new ArrayList<>();
        for (EpochRow r : epochs) {
            rows.add(new JsonObject().put("epoch", r.epoch()).put("seconds", r.seconds())
                    .put("train_elbo", r.trainElbo()).put("test_elbo", r.testElbo()));
        }
        JsonObject metrics = new JsonObject().put("config", config).put("train_objective", trainLabel(config))
                .put("epochs", rows);
        if (test != null) {
            metrics.put("test", new JsonObject().put("elbo", test.elbo()).put("iwae", test.iwae())
                    .put("iwae_k", test.iwaeK()).put("iwae_n", test.n()).put("iwae_stderr", test.iwaeStderr())
                    .put("pareto_k", paretoKJson(test.paretoK()))
                    .put("active_units", test.activeUnits()).put("kl_per_dim", test.klPerDim()));
        }
        AtomicFiles.writeString(dir.resolve("metrics.json"), Json.writeIndented(metrics));
    }

    /**
     * The k̂ summary of the IWAE weights as JSON: {@code {"n","mean","max","threshold","n_above",
     * "fraction_above"}} (non-finite values as null).
     */
    static JsonObject paretoKJson(ParetoKSummary k) {
        return new JsonObject().put("n", k.n()).put("mean", k.mean()).put("max", k.max())
                .put("threshold", ParetoKSummary.THRESHOLD).put("n_above", k.above())
                .put("fraction_above", k.fractionAbove());
    }

    /**
     * What the training objective of a run with these settings is, as the reports label it: "ELBO"
     * or "IWAE bound L_K" (the epochs' "train_elbo" values are of it).
     */
    static String trainLabel(Map<String, Object> settings) {
        return VaeTrainCommand.objective(settings).label(((Number) settings.getOrDefault("k", 1)).intValue());
    }

    /** Writes elbo.png and report.html, the training curve labelled {@code trainLabel} ({@link #trainLabel}). */
    static void writeReport(Path dir, String source, List<EpochRow> epochs, VaeScores test, String trainLabel)
            throws IOException {
        double[] train = epochs.stream().mapToDouble(EpochRow::trainElbo).toArray();
        double[] testElbo = epochs.stream().mapToDouble(EpochRow::testElbo).toArray();
        AtomicFiles.write(dir.resolve("elbo.png"), VaeImages.elboPlot(train, testElbo, trainLabel));
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>elbo4j VAE report</title>"
                + "<style>body{font-family:sans-serif;margin:2em} td,th{padding:2px 10px}</style></head><body>\n"
                + "<h1>Variational autoencoder</h1>\n<p>Data: " + escape(source) + ". Epochs: " + epochs.size() + ".</p>\n"
                + "<table><tr><th>test ELBO</th><th>IWAE-" + test.iwaeK() + " log p(x) (n = " + test.n() + ")</th>"
                + "<th>Pareto k̂ of the IWAE weights: mean, max, share &gt; 0.7</th>"
                + "<th>active units</th></tr><tr><td>" + String.format("%.2f", test.elbo()) + "</td><td>"
                + String.format("%.2f ± %.2f", test.iwae(), test.iwaeStderr()) + "</td><td>"
                + String.format("%.2f, %.2f, %.1f %%", test.paretoK().mean(), test.paretoK().max(),
                        100 * test.paretoK().fractionAbove()) + "</td><td>" + test.activeUnits()
                + " / " + test.klPerDim().length + "</td></tr></table>\n"
                + "<h2>" + curveHeading(trainLabel) + "</h2><img src=\"elbo.png\" alt=\"" + curveHeading(trainLabel)
                + "\">\n"
                + "<h2>Samples from the prior</h2><img src=\"samples.png\" alt=\"samples\">\n"
                + "<h2>Test images (odd rows) and reconstructions (even rows)</h2>"
                + "<img src=\"reconstructions.png\" alt=\"reconstructions\">\n"
                + "<p>Numbers in metrics.json; weights in model.safetensors.</p>\n</body></html>\n";
        AtomicFiles.writeString(dir.resolve("report.html"), html);
    }

    /** "ELBO per epoch", or "Train IWAE bound L_K and test ELBO per epoch". */
    static String curveHeading(String trainLabel) {
        return trainLabel.equals("ELBO") ? "ELBO per epoch" : "Train " + trainLabel + " and test ELBO per epoch";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
