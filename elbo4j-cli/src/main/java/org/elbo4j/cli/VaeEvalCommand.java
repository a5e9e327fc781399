package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.io.JsonObject;
import org.elbo4j.random.Rng;
import org.elbo4j.vae.VaeCheckpoint;
import org.elbo4j.vae.VaeEvaluation;
import org.elbo4j.vae.VaeScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j vae eval --model DIR [--data …] [--iw K] [--limit N]}: the test ELBO and the
 * importance-weighted estimate of log p(x) with its standard error and the Pareto k̂ of each test
 * example's K importance weights summarised (k̂ &gt; 0.7: that example's estimate is unreliable), as
 * JSON {@code {"elbo","iwae","iwae_stderr","k","n","pareto_k":{"n","mean","max","threshold",
 * "n_above","fraction_above"},"seconds"}}. The test set is binarized once (seed
 * 123) when the model was trained with binarization.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained VAE on the test set and print its ELBO and IWAE-K log-likelihood as JSON.",
            "Prints elbo, iwae and its standard error iwae_stderr, k, n and seconds. The test set is binarized once"
                + " (seed 123) when the model was trained with binarization."},
        footer = {"  elbo4j vae eval --model run1 --iw 5000 --limit 1000"})
public final class VaeEvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A directory written by vae train.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR|FILE.csv",
            description = "The test data: an IDX directory or a CSV file (default: the bundled digits).")
    Path data;

    @Option(names = "--iw", defaultValue = "1000", paramLabel = "K",
            description = "Importance samples per example (default: ${DEFAULT-VALUE}).")
    int iw;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate only the first N test examples.")
    Integer limit;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "The random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (iw < 1 || iw > 1_000_000) {
            throw new UserError("--iw must be in [1, 1000000], got " + iw);
        }
        if (limit != null && limit < 1) {
            throw new UserError("--limit must be >= 1, got " + limit);
        }
        VaeCheckpoint ckpt = VaeCheckpoint.load(model);
        VaeData d = VaeData.load(data);
        d.requireDim(ckpt.vae().config().inputDim());
        Dataset test = d.test();
        if (limit != null && limit < test.n()) {
            test = test.slice(0, limit);
        }
        Object binarize = ckpt.training().getOrDefault("binarize", "dynamic");
        if (!"none".equals(binarize)) {
            test = Binarize.STATIC.prepare(test, Rng.of(123));
        }
        VaeScores s = VaeEvaluation.evaluate(ckpt.vae(), test, iw, Rng.of(seed));
        PrintWriter out = spec.commandLine().getOut();
        out.println(new JsonObject().put("elbo", s.elbo()).put("iwae", s.iwae()).put("iwae_stderr", s.iwaeStderr())
                .put("k", iw).put("n", s.n()).put("pareto_k", VaeReport.paretoKJson(s.paretoK()))
                .put("seconds", s.seconds()));
        out.flush();
        return 0;
    }
}
