package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.elbo4j.infer.PsisLoo;
import org.elbo4j.infer.Waic;
import org.elbo4j.io.Json;
import org.elbo4j.io.JsonObject;
import org.junit.jupiter.api.Test;

class LooReportTest {

    /** 100 draws of a mean (uniform on ±0.34), 30 normal observations, the last two far outliers. */
    private static double[][] logLik() {
        SplittableRandom r = new SplittableRandom(4);
        double[][] ll = new double[100][30];
        for (double[] row : ll) {
            double mu = 0.2 * (r.nextDouble() - 0.5) * 3.4;
            for (int i = 0; i < 30; i++) {
                double y = i == 28 ? 6 : i == 29 ? -7 : (i % 5 - 2) * 0.5;
                row[i] = -0.5 * Math.log(2 * Math.PI) - 0.5 * (y - mu) * (y - mu);
            }
        }
        return ll;
    }

    @Test
    void tableShowsEstimatesAndKBandsThatAddUpToN() {
        double[][] ll = logLik();
        PsisLoo loo = PsisLoo.of(ll);
        String t = LooReport.table(loo, Waic.of(ll));
        assertTrue(t.contains("computed from 100 by 30 log-likelihood matrix"), t);
        assertTrue(t.contains(String.format(java.util.Locale.ROOT, "%.1f", loo.elpdLoo())), t);
        assertTrue(t.contains("elpd_waic"), t);
        int total = 0;
        for (String line : t.split("\n")) {
            if (line.contains("(good)") || line.contains("(ok)") || line.contains("(bad)")) {
                total += Integer.parseInt(line.replaceAll(".*\\)\\s+(\\d+)\\s+.*", "$1"));
            }
        }
        assertEquals(30, total, t);
    }

    @Test
    void jsonCarriesTheEstimatesAndCounts() {
        double[][] ll = logLik();
        PsisLoo loo = PsisLoo.of(ll);
        JsonObject o = LooReport.json(loo, null);
        assertEquals(loo.elpdLoo(), (Double) o.fields().get("elpd_loo"), 0);
        assertEquals(loo.paretoKSummary().above(), o.fields().get("k_above_0_7"));
        assertEquals(30, o.fields().get("n"));
        assertTrue(Json.writeIndented(o).contains("\"looic_se\""));
    }

    /** Draws like a diverged fit's (σ = exp(8 z)): k̂ = (2.72, NaN, NaN), see PsisLooNonFiniteTest. */
    private static double[][] divergedLogLik() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] ll = new double[100][3];
        for (double[] row : ll) {
            double sigma = Math.exp(8 * r.nextGaussian());
            for (int i = 0; i < 3; i++) {
                row[i] = -Math.log(sigma) - 0.5 * i * i / (sigma * sigma);
            }
        }
        return ll;
    }

    @Test
    void nonFiniteKAndElpdAreCountedNotReportedAsOk() {
        double[][] ll = divergedLogLik();
        PsisLoo loo = PsisLoo.of(ll);
        String t = LooReport.table(loo, null);
        assertTrue(t.matches("(?s).*non-finite k or elpd\\s+2\\s+66\\.7%.*"), t);
        assertEquals(2, LooReport.json(loo, null).fields().get("non_finite"));
        java.io.StringWriter text = new java.io.StringWriter();
        org.elbo4j.bayes.DensityDraws draws = new org.elbo4j.bayes.DensityDraws(Double.NaN, Double.NaN,
                java.util.Optional.empty(), org.elbo4j.bayes.SummarySource.GUIDE, new double[][] {{0}});
        FormulaFitRun.printPredictive(loo, Waic.of(ll), new org.elbo4j.regression.RegressionFit.Result(null, draws,
                java.util.Map.of(), ll, 0), new java.io.PrintWriter(text));
        String p = text.toString();
        assertTrue(p.contains("Pareto k > 0.7: 1 of 3 observations (their LOO estimates are unreliable)"), p);
        assertTrue(p.contains("non-finite Pareto k or elpd_loo: 2 of 3 observations"), p);
        assertTrue(!p.contains("are ok"), p);
    }
}
