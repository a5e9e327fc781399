package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.elbo4j.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elbo4j fit} end to end on the conjugate linear model (known noise), whose posterior and
 * evidence are known in closed form: the CLI's posterior means, sds and importance-sampled log
 * evidence against the exact ones it reports next to them, and the files it writes. The fits use
 * 10 particles and iterate averaging: with the defaults (1 particle, Adam at 0.05, no averaging)
 * the SGD noise left when the monitor stops is of the order of these posteriors' sds (0.035).
 * Every run is seeded, so the outcomes are deterministic; the tolerances leave room for the
 * 2000-draw Monte Carlo error of the summaries (0.022 sd for a mean, 1.6 % for an sd).
 */
class FitCommandTest {

    @TempDir
    Path tmp;

    /** y = 0.3 + x·(1, −2, 0.5) + N(0, 0.5²) noise, N = 200 rows, x ~ N(0, 1), seeded. */
    static Path linearData(Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(11);
        double[] beta = {1.0, -2.0, 0.5};
        StringBuilder b = new StringBuilder("a,b,c,y\n");
        for (int n = 0; n < 200; n++) {
            double eta = 0.3;
            for (double bj : beta) {
                double x = gaussian(rng);
                eta += bj * x;
                b.append(x).append(',');
            }
            b.append(eta + 0.5 * gaussian(rng)).append('\n');
        }
        Path f = dir.resolve("linear.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static Map<?, ?> map(Object o, String key) {
        return (Map<?, ?>) ((Map<?, ?>) o).get(key);
    }

    private static double num(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void conjugateLinearModelMatchesTheExactPosteriorAndEvidence() throws IOException {
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of(new FitCommand(), "--model", "linear", "--data", linearData(tmp).toString(),
                "--noise-scale", "0.5", "--prior-scale", "2", "--guide", "fullrank", "--seed", "5",
                "--particles", "10", "--average", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("exact log evidence (conjugate model)"), r.out());
        assertTrue(r.out().contains("beta[1] (b)"), r.out());
        assertTrue(r.out().contains("\nELBO: ") && !r.out().contains("objective:"), r.out());
        Map<?, ?> fit = (Map<?, ?>) Json.parse(Files.readString(out.resolve("fit.json")));
        assertEquals("ELBO", fit.get("objective"));
        assertTrue(List.of("CONVERGED", "PLATEAU").contains(fit.get("verdict")),
                fit.get("verdict") + ": " + fit.get("reason"));
        Map<?, ?> post = map(fit, "posterior");
        Map<?, ?> exact = map(fit, "exact_posterior");
        assertEquals(List.of("intercept", "beta[0]", "beta[1]", "beta[2]"), List.copyOf(post.keySet()));
        for (Object name : exact.keySet()) {
            Map<?, ?> e = (Map<?, ?>) exact.get(name);
            Map<?, ?> q = (Map<?, ?>) post.get(name);
            assertEquals(num(e, "mean"), num(q, "mean"), 0.2 * num(e, "sd"), name + " mean");
            assertEquals(1.0, num(q, "sd") / num(e, "sd"), 0.15, name + " sd");
        }
        double exactEvidence = num(fit, "exact_log_evidence");
        double stderr = num(fit, "log_evidence_stderr");
        assertTrue(stderr > 0 && stderr < 0.5, "stderr " + stderr);
        // plus float32 rounding of the log densities (relative 1e-5): with the Laplace start the
        // guide is the exact posterior, so the importance-sampling stderr alone can be ~1e-7
        assertTrue(Math.abs(num(fit, "log_evidence") - exactEvidence) <= 3 * stderr + 1e-5 * Math.abs(exactEvidence),
                fit.get("log_evidence") + " vs exact " + exactEvidence + " (stderr " + stderr + ")");
        assertTrue(num(fit, "khat") < 0.7, "khat " + fit.get("khat"));
        assertTrue(num(fit, "elbo") <= exactEvidence + 3 * num(fit, "elbo_stderr"), "ELBO above the evidence");
        for (String key : List.of("ess", "seconds")) {
            assertTrue(num(fit, key) > 0, key);
        }
        // the posterior is Gaussian, so its Laplace approximation is exact: the start check
        // (bayes.StartCheck) finds no ELBO gain worth a step
        assertEquals(0.0, num(fit, "steps"), fit.get("reason").toString());
        assertTrue(fit.get("reason").toString().contains("no steps: the start is within"), fit.get("reason").toString());
        byte[] png = Files.readAllBytes(out.resolve("elbo.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    @Test
    void meanFieldRecoversTheExactMeansAndMapTheMode() throws IOException {
        Path data = linearData(tmp);
        for (String guide : List.of("meanfield", "map")) {
            Path out = tmp.resolve(guide);
            CliRun r = CliRun.of(new FitCommand(), "--model", "linear", "--data", data.toString(),
                    "--noise-scale", "0.5", "--guide", guide, "--particles", "10", "--average",
                    "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err());
            Map<?, ?> fit = (Map<?, ?>) Json.parse(Files.readString(out.resolve("fit.json")));
            Map<?, ?> exact = map(fit, "exact_posterior");
            for (Object name : exact.keySet()) {
                // For a Gaussian posterior the mean-field optimum and the mode are both the exact mean;
                // the mode search is deterministic, so MAP gets a tighter tolerance.
                double sd = num((Map<?, ?>) exact.get(name), "sd");
                assertEquals(num((Map<?, ?>) exact.get(name), "mean"), num(map(map(fit, "posterior"), name.toString()),
                        "mean"), (guide.equals("map") ? 0.02 : 0.2) * sd, guide + " " + name);
            }
        }
    }

    /** --iwae 8 --gradient dreg with a full-rank guide: the bound's optimum is the exact (Gaussian) posterior. */
    @Test
    void anIwaeFitRecoversTheExactPosterior() throws IOException {
        Path out = tmp.resolve("iwae");
        CliRun r = CliRun.of(new FitCommand(), "--model", "linear", "--data", linearData(tmp).toString(),
                "--noise-scale", "0.5", "--prior-scale", "2", "--guide", "fullrank", "--seed", "5",
                "--iwae", "8", "--gradient", "dreg", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        // the trace is L_8, and every label says so; "elbo" stays the fitted guide's ELBO
        assertTrue(r.out().contains("objective: IWAE bound L_8 (maximised;"), r.out());
        assertTrue(r.out().contains("ELBO of the fitted guide: "), r.out());
        Map<?, ?> fit = (Map<?, ?>) Json.parse(Files.readString(out.resolve("fit.json")));
        assertEquals("IWAE bound L_8", fit.get("objective"));
        assertTrue(List.of("CONVERGED", "PLATEAU").contains(fit.get("verdict")),
                fit.get("verdict") + ": " + fit.get("reason"));
        Map<?, ?> exact = map(fit, "exact_posterior");
        for (Object name : exact.keySet()) {
            Map<?, ?> e = (Map<?, ?>) exact.get(name);
            Map<?, ?> q = (Map<?, ?>) map(fit, "posterior").get(name);
            assertEquals(num(e, "mean"), num(q, "mean"), 0.2 * num(e, "sd"), name + " mean");
            assertEquals(1.0, num(q, "sd") / num(e, "sd"), 0.15, name + " sd");
        }
    }

    /** The chart title and the plateau warning name the objective: the ELBO, or L_K. */
    @Test
    void labelsNameTheObjective() {
        FitReport iwae = new FitReport("linear", "fullrank", null, List.of(), null, new double[0], "IWAE bound L_8");
        assertEquals("IWAE bound L_8 by step (fullrank, linear); y axis: range from step 3 on", iwae.traceTitle(3));
        java.io.StringWriter w = new java.io.StringWriter();
        FitReport.printObjective(new java.io.PrintWriter(w, true), org.elbo4j.infer.Verdict.PLATEAU, "IWAE bound L_8");
        assertTrue(w.toString().contains("the IWAE bound L_8 stopped improving"), w.toString());
        java.io.StringWriter e = new java.io.StringWriter();
        FitReport.printObjective(new java.io.PrintWriter(e, true), org.elbo4j.infer.Verdict.PLATEAU, "ELBO");
        assertTrue(e.toString().startsWith("warning: NOT converged (plateau): the ELBO stopped improving"), e.toString());
    }

    @Test
    void khatReadingsFollowTheThresholds() {
        assertTrue(FitReport.khatReading(0.3).startsWith("< 0.5: good"));
        assertTrue(FitReport.khatReading(0.6).startsWith("0.5-0.7: ok"));
        assertTrue(FitReport.khatReading(0.7).startsWith("> 0.7: do not trust"));
        assertTrue(FitReport.khatReading(Double.POSITIVE_INFINITY).startsWith("> 0.7: do not trust"));
        assertEquals("not computed", FitReport.khatReading(Double.NaN));
    }

    /** --repeat N runs the same seeded fit N times: identical output, N timings in fit.json, and the new keys. */
    @Test
    void repeatedFitsAreIdenticalAndListTheirTimes() throws IOException {
        Path data = linearData(tmp);
        Path once = tmp.resolve("once");
        Path thrice = tmp.resolve("thrice");
        CliRun a = CliRun.of(new FitCommand(), "--model", "linear", "--data", data.toString(), "--noise-scale", "0.5",
                "--seed", "3", "--out", once.toString());
        CliRun b = CliRun.of(new FitCommand(), "--model", "linear", "--data", data.toString(), "--noise-scale", "0.5",
                "--seed", "3", "--repeat", "3", "--out", thrice.toString());
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, b.exitCode(), b.err());
        Map<?, ?> fa = (Map<?, ?>) Json.parse(Files.readString(once.resolve("fit.json")));
        Map<?, ?> fb = (Map<?, ?>) Json.parse(Files.readString(thrice.resolve("fit.json")));
        assertEquals(1, ((List<?>) fa.get("seconds_runs")).size());
        assertEquals(3, ((List<?>) fb.get("seconds_runs")).size());
        assertEquals(fa.get("posterior"), fb.get("posterior"));
        assertEquals(fa.get("log_evidence"), fb.get("log_evidence"));
        Object source = fb.get("posterior_source");
        assertTrue(List.of("psis", "guide").contains(source), String.valueOf(source));
        CliRun bad = CliRun.of(new FitCommand(), "--model", "linear", "--data", data.toString(), "--repeat", "0");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--repeat"), bad.err());
    }
}
