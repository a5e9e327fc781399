package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elbo4j.data.Dataset;
import org.elbo4j.infer.ParetoKSummary;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.random.Rng;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeEvaluation;
import org.elbo4j.vae.VaeScores;

/**
 * What {@code vae train} (and {@code spark vae train}) writes once the last epoch is done: the test
 * ELBO over the whole test set, the IWAE-K estimate of log p(x) on its first {@link #IWAE_N}
 * examples with K = {@link #IWAE_K} (Burda et al. 2016: {@code log (1/K) Σ_k p(x, z_k)/q(z_k|x)},
 * with its standard error and the Pareto k̂ of the weights), metrics.json with them, samples.png
 * (64 draws from the prior), reconstructions.png (32 test images and their reconstructions),
 * elbo.png and report.html. Every draw comes from a child stream of the run's seed.
 */
final class VaeFinish {

    /** Test examples used for the IWAE estimate in metrics.json, and its K. */
    static final int IWAE_N = 1000;
    static final int IWAE_K = 100;

    private VaeFinish() {
    }

    /** Writes the final files to {@code out} and prints the summary line on {@code progress}; returns the scores. */
    static VaeScores write(Path out, Map<String, Object> settings, List<VaeReport.EpochRow> rows, Vae vae, Dataset test,
            String source, long runSeed, PrintStream progress) throws IOException {
        Dataset iwSet = test.n() > IWAE_N ? test.slice(0, IWAE_N) : test;
        VaeScores scores = VaeEvaluation.evaluate(vae, iwSet, IWAE_K, Rng.of(runSeed).child("iwae"));
        VaeScores full = VaeEvaluation.evaluate(vae, test, 0, Rng.of(runSeed).child("test"));
        VaeScores summary = new VaeScores(scores.n(), full.elbo(), scores.iwae(), scores.iwaeK(),
                scores.iwaeStderr(), full.activeUnits(), full.klPerDim(), full.seconds() + scores.seconds(),
                scores.paretoK());
        VaeReport.writeMetrics(out, settings, rows, summary);
        AtomicFiles.write(out.resolve("samples.png"),
                VaeImages.grid(VaePictures.samples(vae, 64, Rng.of(runSeed).child("samples")), 8));
        AtomicFiles.write(out.resolve("reconstructions.png"), VaeImages.grid(VaePictures.reconstructions(vae, test, 32), 8));
        VaeReport.writeReport(out, source, rows, summary, VaeReport.trainLabel(settings));
        progress.printf("test ELBO %.2f, IWAE-%d %.2f ± %.2f (%d examples, Pareto k̂ mean %.2f, max %.2f, %d > %.1f),"
                + " %d active units; report: %s%n", summary.elbo(), IWAE_K, summary.iwae(), summary.iwaeStderr(),
                summary.n(), summary.paretoK().mean(), summary.paretoK().max(), summary.paretoK().above(),
                ParetoKSummary.THRESHOLD, summary.activeUnits(), out.resolve("report.html").toAbsolutePath());
        return summary;
    }
}
