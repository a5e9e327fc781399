package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elbo4j.io.Json;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elbo4j fit --optimizer natural}: a logistic fit converges in a few passes and writes
 * fit.json; a known-noise linear fit lands on the exact posterior, so its importance weights are
 * all equal up to the float32 rounding of the model's log density and the reported log p(D)
 * equals the closed form to 1e−6 relative (the summaries, from 1000 draws, are not compared);
 * every setting it cannot run is one line and exit 2, leaving the output directory alone.
 */
class NaturalOptimizerCommandTest {

    @TempDir
    Path tmp;

    private Path data(boolean binary) throws IOException {
        Rng rng = Rng.of(4);
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 200; i++) {
            double x1 = rng.nextGaussian();
            double x2 = rng.nextGaussian();
            double eta = 0.3 + x1 - 0.5 * x2;
            double y = binary ? (rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0) : eta + 0.5 * rng.nextGaussian();
            sb.append(x1).append(',').append(x2).append(',').append(y).append('\n');
        }
        Path f = tmp.resolve(binary ? "logistic.csv" : "linear.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    @SuppressWarnings("unchecked")
    void logisticFitConvergesAndLinearIsExact() throws IOException {
        Path out = tmp.resolve("run");
        CliRun run = CliRun.of(new FitCommand(), "--model", "logistic", "--data", data(true).toString(), "--guide",
                "fullrank", "--optimizer", "natural", "--out", out.toString(), "--evidence-samples", "200");
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Object> fit = (Map<String, Object>) Json.parse(Files.readString(out.resolve("fit.json")));
        assertEquals("CONVERGED", fit.get("verdict"), String.valueOf(fit.get("reason")));
        assertTrue(((Number) fit.get("steps")).intValue() < 20, "a few passes: " + fit.get("steps"));
        Path lin = tmp.resolve("linear");
        CliRun linear = CliRun.of(new FitCommand(), "--model", "linear", "--noise-scale", "0.5", "--data",
                data(false).toString(), "--guide", "fullrank", "--optimizer", "natural", "--out", lin.toString(),
                "--evidence-samples", "200");
        assertEquals(0, linear.exitCode(), linear.err());
        Map<String, Object> exact = (Map<String, Object>) Json.parse(Files.readString(lin.resolve("fit.json")));
        double evidence = ((Number) exact.get("log_evidence")).doubleValue();
        double exactEvidence = ((Number) exact.get("exact_log_evidence")).doubleValue();
        assertEquals(exactEvidence, evidence, 1e-6 * Math.abs(exactEvidence));
    }

    @Test
    void settingsItCannotRunAreOneLineWithExitTwo() throws IOException {
        Path out = tmp.resolve("keep");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "earlier");
        String d = data(true).toString();
        List<String[]> bad = List.of(
                new String[] {"--model", "logistic", "--guide", "meanfield"},
                new String[] {"--model", "logistic", "--guide", "fullrank", "--batch", "50"},
                new String[] {"--model", "logistic", "--guide", "fullrank", "--iwae", "4"},
                new String[] {"--model", "linear", "--guide", "fullrank"},
                new String[] {"--formula", "y ~ x1", "--guide", "fullrank"});
        for (String[] b : bad) {
            List<String> args = new ArrayList<>(List.of(b));
            args.addAll(List.of("--data", d, "--optimizer", "natural", "--out", out.toString()));
            CliRun run = CliRun.of(new FitCommand(), args.toArray(new String[0]));
            assertTrue(run.oneErrorLineContaining("--optimizer natural"), "exit " + run.exitCode() + ": " + run.err());
            assertEquals(List.of(out.resolve("keep.txt")), Files.list(out).toList());
        }
        CliRun unknown = CliRun.of(new FitCommand(), "--model", "logistic", "--data", d, "--optimizer", "newton");
        assertTrue(unknown.oneErrorLineContaining("expected adam, stan or natural"), unknown.err());
    }
}
