package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.elbo4j.io.Json;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vae train / eval / sample} end to end on a small CSV data set (240 rows of 16 values in
 * [0, 1]; a 16-8-2 model trains in well under a second). Seeded and deterministic: no false
 * failures.
 */
class VaeCommandTest {

    @TempDir
    Path tmp;

    /** 240 rows of 16 values: two noisy prototypes, so there is structure to learn. */
    static Path csv(Path dir) throws IOException {
        Rng rng = Rng.of(7);
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < 240; r++) {
            for (int j = 0; j < 16; j++) {
                double base = ((r % 2 == 0) == (j < 8)) ? 0.9 : 0.1;
                b.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", base * (0.8 + 0.2 * rng.nextDouble())));
            }
            b.append('\n');
        }
        Path f = dir.resolve("data.csv");
        Files.writeString(f, b);
        return f;
    }

    static CliRun train(Path data, Path out, String... extra) {
        VaeTrainCommand cmd = new VaeTrainCommand();
        cmd.progress = new PrintStream(new ByteArrayOutputStream());
        String[] base = {"--data", data.toString(), "--hidden", "8", "--latent", "2", "--batch", "32",
            "--lr", "0.01", "--out", out.toString(), "--threads", "1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(cmd, args);
    }

    /** A k̂ summary of n examples: finite mean ≤ max, a count of those above 0.7 and its fraction. */
    private static void assertParetoK(Map<?, ?> k, int n) {
        assertEquals(n, ((Number) k.get("n")).intValue(), k.toString());
        double mean = ((Number) k.get("mean")).doubleValue();
        double max = ((Number) k.get("max")).doubleValue();
        assertTrue(Double.isFinite(mean) && mean <= max, k.toString());
        assertEquals(0.7, ((Number) k.get("threshold")).doubleValue());
        int above = ((Number) k.get("n_above")).intValue();
        assertTrue(above >= 0 && above <= n, k.toString());
        assertEquals((double) above / n, ((Number) k.get("fraction_above")).doubleValue(), 1e-12);
    }

    @Test
    void trainWritesCheckpointMetricsAndReport() throws IOException {
        Path out = tmp.resolve("run");
        CliRun run = train(csv(tmp), out, "--epochs", "3");
        assertEquals(0, run.exitCode(), run.err());
        for (String f : new String[] {"model.safetensors", "config.json", "optimizer.safetensors", "state.json",
            "metrics.json", "samples.png", "reconstructions.png", "elbo.png", "report.html"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(out.resolve("metrics.json")));
        assertEquals("ELBO", metrics.get("train_objective"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("<h2>ELBO per epoch</h2>"));
        java.util.List<?> epochs = (java.util.List<?>) metrics.get("epochs");
        assertEquals(3, epochs.size());
        double first = ((Number) ((Map<?, ?>) epochs.get(0)).get("test_elbo")).doubleValue();
        double last = ((Number) ((Map<?, ?>) epochs.get(2)).get("test_elbo")).doubleValue();
        assertTrue(last > first, "test ELBO " + first + " -> " + last);
        Map<?, ?> test = (Map<?, ?>) metrics.get("test");
        for (String key : new String[] {"elbo", "iwae", "iwae_k", "iwae_stderr", "pareto_k", "active_units",
            "kl_per_dim"}) {
            assertTrue(test.containsKey(key), key);
        }
        assertParetoK((Map<?, ?>) test.get("pareto_k"), 24);
        assertTrue(Files.readString(out.resolve("report.html")).contains("samples.png"));

        CliRun eval = CliRun.of(new VaeEvalCommand(), "--model", out.toString(), "--data", csv(tmp).toString(),
                "--iw", "50");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.number("iwae") > eval.number("elbo") - 1, eval.out());
        assertEquals(50, eval.number("k"));
        assertEquals(24, eval.number("n"));
        assertParetoK((Map<?, ?>) ((Map<?, ?>) Json.parse(eval.out())).get("pareto_k"), 24);

        Path png = tmp.resolve("s.png");
        CliRun sample = CliRun.of(new VaeSampleCommand(), "--model", out.toString(), "--n", "9", "--out", png.toString());
        assertEquals(0, sample.exitCode(), sample.err());
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() > 0);
    }

    @Test
    void resumeEqualsUninterruptedRun() throws IOException {
        Path data = csv(tmp);
        Path straight = tmp.resolve("straight");
        Path resumed = tmp.resolve("resumed");
        assertEquals(0, train(data, straight, "--epochs", "2").exitCode());
        assertEquals(0, train(data, resumed, "--epochs", "1").exitCode());
        CliRun second = train(data, resumed, "--epochs", "2", "--resume");
        assertEquals(0, second.exitCode(), second.err());
        assertArrayEquals(Files.readAllBytes(straight.resolve("model.safetensors")),
                Files.readAllBytes(resumed.resolve("model.safetensors")));
        assertArrayEquals(Files.readAllBytes(straight.resolve("optimizer.safetensors")),
                Files.readAllBytes(resumed.resolve("optimizer.safetensors")));
    }

    @Test
    void iwaeTrainingWithEveryEstimatorRecordsItsSettingsAndResumes() throws IOException {
        Path data = csv(tmp);
        for (String estimator : new String[] {"reparam", "stl", "dreg"}) {
            Path straight = tmp.resolve("iwae-" + estimator);
            Path resumed = tmp.resolve("iwae-" + estimator + "-resumed");
            // the rollback policy changes nothing on finite steps, and is saved like the other settings
            CliRun run = train(data, straight, "--epochs", "2", "--objective", "iwae", "--k", "4", "--estimator",
                    estimator, "--on-non-finite", "rollback");
            assertEquals(0, run.exitCode(), run.err());
            Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(straight.resolve("config.json")));
            Map<?, ?> training = (Map<?, ?>) config.get("training");
            assertEquals("iwae", training.get("objective"));
            assertEquals(estimator, training.get("estimator"));
            assertEquals("rollback", training.get("on_non_finite"));
            // the training curve is L_4, and the labels say so
            Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(straight.resolve("metrics.json")));
            assertEquals("IWAE bound L_4", metrics.get("train_objective"));
            String html = Files.readString(straight.resolve("report.html"));
            assertTrue(html.contains("<h2>Train IWAE bound L_4 and test ELBO per epoch</h2>"), html);
            assertEquals(0, train(data, resumed, "--epochs", "1", "--objective", "iwae", "--k", "4", "--estimator",
                    estimator).exitCode());
            assertEquals(0, train(data, resumed, "--epochs", "2", "--resume").exitCode());
            assertArrayEquals(Files.readAllBytes(straight.resolve("model.safetensors")),
                    Files.readAllBytes(resumed.resolve("model.safetensors")), estimator);
        }
    }

    /** --antithetic is saved with the run, resumed without repeating it, and changes the training noise. */
    @Test
    void antitheticNoiseTrainsIsSavedAndResumes() throws IOException {
        Path data = csv(tmp);
        Path straight = tmp.resolve("anti");
        Path resumed = tmp.resolve("anti-resumed");
        Path plain = tmp.resolve("plain");
        CliRun run = train(data, straight, "--epochs", "2", "--k", "2", "--antithetic");
        assertEquals(0, run.exitCode(), run.err());
        Map<?, ?> training = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(straight.resolve("config.json"))))
                .get("training");
        assertEquals(Boolean.TRUE, training.get("antithetic"));
        assertEquals(0, train(data, resumed, "--epochs", "1", "--k", "2", "--antithetic").exitCode());
        assertEquals(0, train(data, resumed, "--epochs", "2", "--resume").exitCode());
        assertArrayEquals(Files.readAllBytes(straight.resolve("model.safetensors")),
                Files.readAllBytes(resumed.resolve("model.safetensors")));
        assertEquals(0, train(data, plain, "--epochs", "2", "--k", "2").exitCode());
        Map<?, ?> plainTraining = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(plain.resolve("config.json"))))
                .get("training");
        assertEquals(null, plainTraining.get("antithetic"), "runs without the option save what they saved before");
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(plain.resolve("model.safetensors")),
                Files.readAllBytes(straight.resolve("model.safetensors"))), "the option must change the noise");
    }

    @Test
    void elboWithStlTrains() throws IOException {
        CliRun run = train(csv(tmp), tmp.resolve("stl"), "--epochs", "1", "--estimator", "stl", "--k", "2");
        assertEquals(0, run.exitCode(), run.err());
    }
}
