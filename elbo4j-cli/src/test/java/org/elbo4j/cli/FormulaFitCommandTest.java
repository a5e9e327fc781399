package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --formula} end to end on the bundled simulated counts (data/formula/sim_poisson.csv,
 * tools/formula/simulate_poisson.py: true b_Intercept 0.5, b_x 0.3, sd 0.5 and 0.25), then
 * {@code predict} on new rows, one of them of a new group level.
 */
class FormulaFitCommandTest {

    static final Path DATA = Path.of("..", "data", "formula", "sim_poisson.csv");

    @TempDir
    Path tmp;

    @Test
    void fitsPrintsLooAndPredicts() throws IOException {
        Path out = tmp.resolve("run");
        CliRun run = CliRun.of(new FitCommand(), "--formula", "y ~ x + (1 + x | g) + offset(log(t))", "--family",
                "poisson", "--data", DATA.toString(), "--out", out.toString(), "--evidence-samples", "300");
        assertEquals(0, run.exitCode(), run.err());
        for (String s : List.of("b_Intercept", "b_x", "sd_g__Intercept", "sd_g__x", "cor_g__Intercept__x",
                "elpd_loo", "p_loo", "Pareto k > 0.7", "WAIC", "verdict: ", "khat = ", "cor ~ lkj(1) (default)")) {
            assertTrue(run.out().contains(s), s + " in " + run.out());
        }
        for (String f : List.of("fit.json", "elbo.png", "ppc.png", "model.json", "data.csv", "draws.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String json = Files.readString(out.resolve("fit.json"));
        assertTrue(json.contains("\"elpd_loo\"") && json.contains("\"sd_g__x\""), json);
        Path fresh = tmp.resolve("new.csv");
        Files.writeString(fresh, "x,g,t\n0,g00,1\n1,g00,1\n0,unseen,1\n");
        CliRun predict = CliRun.of(new PredictCommand(), "--model", out.toString(), "--data", fresh.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        String[] lines = predict.out().strip().split("\n");
        assertEquals("row,mean,q5,q95", lines[0]);
        assertEquals(4, lines.length);
        double popMean = Double.parseDouble(lines[3].split(",")[1]);
        assertTrue(popMean > Math.exp(0.1) && popMean < Math.exp(1.0), lines[3]);
        assertTrue(predict.err().contains("1 row(s) have a level of 'g' not in the fitted data"), predict.err());
    }

    /**
     * {@code --guide flow}: the summaries are the flow's (PSIS-reweighted or its own draws), LOO from
     * its draws with their p/q ratios, fit.json records {@code "guide": "flow:3"}.
     */
    @Test
    void fitsAFlowGuide() throws IOException {
        Path out = tmp.resolve("flow");
        CliRun run = CliRun.of(new FitCommand(), "--formula", "y ~ x + (1 | g) + offset(log(t))", "--family",
                "poisson", "--data", DATA.toString(), "--out", out.toString(), "--evidence-samples", "300",
                "--guide", "flow", "--flow-layers", "3");
        assertEquals(0, run.exitCode(), run.err());
        for (String s : List.of("b_Intercept", "sd_g__Intercept", "elpd_loo", "khat = ", "then 3 flow layers",
                "the flow", "with their importance ratios p/q")) {
            assertTrue(run.out().contains(s), s + " in " + run.out());
        }
        String json = Files.readString(out.resolve("fit.json"));
        assertTrue(json.contains("\"guide\": \"flow:3\"") && json.contains("\"elpd_loo\""), json);
    }

    /** --batch was refused with --formula before issue 12; now the steps subsample, LOO stays on the full data. */
    /**
     * With --no-psis the table is the Gaussian's own draws; the importance-weighted summaries are
     * printed beside it under their k̂, and PSIS-LOO uses the Gaussian's draws with their p/q ratios.
     */
    @Test
    void printsImportanceWeightedSummariesBesideTheGaussians() throws IOException {
        Path out = tmp.resolve("weighted");
        CliRun run = CliRun.of(new FitCommand(), "--formula", "y ~ x + (1 + x | g) + offset(log(t))", "--family",
                "poisson", "--data", DATA.toString(), "--out", out.toString(), "--evidence-samples", "300",
                "--no-psis");
        assertEquals(0, run.exitCode(), run.err());
        for (String s : List.of("(summaries: draws of the fitted Gaussian)", "importance-weighted (PSIS, khat = ",
                "with their importance ratios p/q, as loo_approximate_posterior")) {
            assertTrue(run.out().contains(s), s + " in " + run.out());
        }
        String json = Files.readString(out.resolve("fit.json"));
        assertTrue(json.contains("\"posterior_importance_weighted\"") && json.contains("\"reliable\"")
                && json.contains("\"with_importance_ratios\""), json);
    }

    @Test
    void fitsWithMinibatches() throws IOException {
        Path out = tmp.resolve("batch");
        CliRun run = CliRun.of(new FitCommand(), "--formula", "y ~ x + (1 | g) + offset(log(t))", "--family",
                "poisson", "--data", DATA.toString(), "--out", out.toString(), "--batch", "50",
                "--evidence-samples", "200");
        assertEquals(0, run.exitCode(), run.err());
        for (String s : List.of("b_Intercept", "b_x", "sd_g__Intercept", "elpd_loo", "verdict: ", "khat = ")) {
            assertTrue(run.out().contains(s), s + " in " + run.out());
        }
        assertTrue(Files.size(out.resolve("fit.json")) > 0);
    }

    @Test
    void modelAndFormulaAreExclusive() throws IOException {
        CliRun run = CliRun.of(new FitCommand(), "--model", "linear", "--formula", "y ~ x", "--data",
                DATA.toString());
        assertTrue(run.oneErrorLineContaining("give either --model or --formula, not both"), run.err());
    }
}
