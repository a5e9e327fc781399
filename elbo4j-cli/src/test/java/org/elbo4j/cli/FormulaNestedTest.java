package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elbo4j.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --formula --guide nested} end to end on the bundled simulated counts
 * ({@link FormulaFitCommandTest#DATA}), with and without group terms, and its refusals.
 */
class FormulaNestedTest {

    @TempDir
    Path tmp;

    @Test
    void fitsPrintsAndPredicts() throws IOException {
        Path out = tmp.resolve("nested");
        CliRun run = CliRun.of(new FitCommand(), "--formula", "y ~ x + (1 + x | g) + offset(log(t))", "--family",
                "poisson", "--data", FormulaFitCommandTest.DATA.toString(), "--out", out.toString(), "--guide",
                "nested");
        assertEquals(0, run.exitCode(), run.err());
        for (String s : List.of("b_Intercept", "sd_g__x", "cor_g__Intercept__x", "elpd_loo", "khat = ",
                "the nested Laplace proposal's draws reweighted by Pareto-smoothed importance sampling",
                "Laplace marginal of 3 hyperparameters",
                "centring (auto): g noncentred   [non-centred: the nested Laplace fit is the same in either form]")) {
            assertTrue(run.out().contains(s), s + " in " + run.out());
        }
        Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(out.resolve("fit.json")));
        assertEquals("nested", json.get("guide"));
        assertEquals("psis", json.get("posterior_source"));
        assertTrue(Json.toDouble(json.get("khat")) < 0.7, "khat " + json.get("khat"));
        assertTrue(Json.toDouble(json.get("evidence_samples")) >= 4000, "draws " + json.get("evidence_samples"));
        Path fresh = tmp.resolve("new.csv");
        Files.writeString(fresh, "x,g,t\n0,g00,1\n1,g00,1\n");
        CliRun predict = CliRun.of(new PredictCommand(), "--model", out.toString(), "--data", fresh.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(3, predict.out().strip().split("\n").length);
    }

    /** No group terms: a poisson has no hyperparameter (q is the Laplace approximation), a gaussian has sigma. */
    @Test
    void fitsModelsWithoutGroupTerms() throws IOException {
        CliRun poisson = CliRun.of(new FitCommand(), "--formula", "y ~ x + offset(log(t))", "--family", "poisson",
                "--data", FormulaFitCommandTest.DATA.toString(), "--guide", "nested");
        assertEquals(0, poisson.exitCode(), poisson.err());
        assertTrue(poisson.out().contains("no hyperparameters: the Laplace approximation of every coordinate"),
                poisson.out());
        CliRun gaussian = CliRun.of(new FitCommand(), "--formula", "y ~ x", "--family", "gaussian", "--data",
                FormulaFitCommandTest.DATA.toString(), "--guide", "nested");
        assertEquals(0, gaussian.exitCode(), gaussian.err());
        assertTrue(gaussian.out().contains("Laplace marginal of 1 hyperparameters") && gaussian.out().contains("sigma"),
                gaussian.out());
    }

    @Test
    void refusesWhatItCannotDoInOneLine() throws IOException {
        Path out = tmp.resolve("untouched");
        CliRun model = CliRun.of(new FitCommand(), "--model", "linear", "--data",
                FormulaFitCommandTest.DATA.toString(), "--guide", "nested", "--out", out.toString());
        assertTrue(model.oneErrorLineContaining("--guide nested: needs --formula"), model.err());
        CliRun batch = CliRun.of(new FitCommand(), "--formula", "y ~ x + (1 | g)", "--family", "poisson", "--data",
                FormulaFitCommandTest.DATA.toString(), "--guide", "nested", "--batch", "50", "--out", out.toString());
        assertTrue(batch.oneErrorLineContaining("--batch: minibatches need a variational --guide"), batch.err());
        CliRun iwae = CliRun.of(new FitCommand(), "--formula", "y ~ x + (1 | g)", "--family", "poisson", "--data",
                FormulaFitCommandTest.DATA.toString(), "--guide", "nested", "--iwae", "4", "--out", out.toString());
        assertTrue(iwae.oneErrorLineContaining("--iwae: trains a variational guide"), iwae.err());
        // two crossed terms of 450 levels each: the second's effects and the Intercept make a dense block of 451 coordinates
        Path crossed = tmp.resolve("crossed.csv");
        StringBuilder sb = new StringBuilder("y,a,b\n");
        for (int i = 0; i < 900; i++) {
            sb.append(i % 7).append(",a").append(i % 450).append(",b").append((i * 7) % 450).append('\n');
        }
        Files.writeString(crossed, sb.toString());
        CliRun big = CliRun.of(new FitCommand(), "--formula", "y ~ 1 + (1 | a) + (1 | b)", "--family", "poisson",
                "--data", crossed.toString(), "--guide", "nested", "--out", out.toString());
        assertTrue(big.oneErrorLineContaining("form a dense block of 451 coordinates (at most 400)"), big.err());
        assertFalse(Files.exists(out));
    }
}
