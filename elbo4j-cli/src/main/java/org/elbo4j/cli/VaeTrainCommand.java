package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.infer.NonFinitePolicy;
import org.elbo4j.nn.Activation;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.kernel.Parallel;
import org.elbo4j.vae.Likelihood;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeCheckpoint;
import org.elbo4j.vae.VaeConfig;
import org.elbo4j.vae.VaeEvaluation;
import org.elbo4j.vae.VaeObjective;
import org.elbo4j.vae.VaeTrainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code elbo4j vae train}: trains a VAE and writes to {@code --out} the checkpoint (after every
 * epoch), metrics.json, samples.png, reconstructions.png, elbo.png and report.html. Every option
 * and the data are checked before anything is written, so a bad invocation leaves an existing
 * output directory as it was. {@code --resume} continues the run saved in {@code --out} up to
 * {@code --epochs} epochs in total, with the saved settings, to the same result as an
 * uninterrupted run.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a variational autoencoder and write its checkpoint and report.",
            "Writes to --out the checkpoint after every epoch, metrics.json, samples.png, reconstructions.png,"
                + " elbo.png and report.html, and prints the progress with the running ELBO on stderr. With --resume"
                + " it continues the run saved in --out, with its saved settings, up to --epochs epochs in total, to"
                + " the same result as an uninterrupted run."},
        footer = {"  elbo4j vae train --epochs 3 --out run1",
            "  elbo4j vae train --data /usr/share/datasets/fashion-mnist --out run1",
            "  elbo4j vae train --k 2 --antithetic --out run1",
            "  elbo4j vae train --epochs 20 --out run1 --resume"})
public final class VaeTrainCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR|FILE.csv",
            description = "The data: an IDX directory or a CSV file (default: the bundled digits).")
    Path data;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N",
            description = "The total number of epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", defaultValue = "elbo4j-vae", paramLabel = "DIR",
            description = "The output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", description = "Continue the run saved in --out.")
    boolean resume;

    @ArgGroup(validate = false, heading = "Model:%n")
    Model model = new Model();

    @ArgGroup(validate = false, heading = "Training:%n")
    Training training = new Training();

    /** The encoder, decoder and likelihood. */
    static final class Model {
        @Option(names = "--hidden", defaultValue = "400", paramLabel = "N",
                description = "The hidden layer size (default: ${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--latent", defaultValue = "20", paramLabel = "N",
                description = "The latent dimension (default: ${DEFAULT-VALUE}).")
        int latent;

        @Option(names = "--activation", defaultValue = "relu", paramLabel = "NAME",
                description = "The hidden activation: relu, tanh, softplus or sigmoid (default: ${DEFAULT-VALUE}).")
        String activation;

        @Option(names = "--likelihood", defaultValue = "bernoulli", paramLabel = "NAME",
                description = "The likelihood p(x|z): bernoulli, continuous-bernoulli or gaussian with unit"
                        + " variance (default: ${DEFAULT-VALUE}).")
        String likelihood;
    }

    /** The objective, its gradient and the optimizer. */
    static final class Training {
        @Option(names = "--batch", defaultValue = "128", paramLabel = "N",
                description = "The minibatch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--binarize", defaultValue = "dynamic", paramLabel = "MODE",
                description = "Pixels become Bernoulli draws: dynamic, fresh draws for every minibatch; static,"
                        + " one draw before training; or none (default: ${DEFAULT-VALUE}).")
        String binarize;

        @Option(names = "--objective", defaultValue = "elbo", paramLabel = "NAME", description = {
            "The objective, elbo or iwae (default: ${DEFAULT-VALUE}).",
            "elbo: (1/K) sum_k log p(x|z_k) - KL, with the analytic KL.",
            "iwae: L_K = log (1/K) sum_k p(x, z_k)/q(z_k|x) (Burda et al. 2016)."})
        String objective;

        @Option(names = "--k", defaultValue = "1", paramLabel = "K",
                description = "Samples per example in the training objective (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--estimator", defaultValue = "reparam", paramLabel = "NAME", description = {
            "The gradient estimator: reparam, stl or dreg (default: ${DEFAULT-VALUE}).",
            "stl (Roeder et al. 2017): log q with detached encoder outputs; with --objective elbo it uses the"
                + " Monte Carlo KL (the analytic KL has no score term to drop); BIASED for iwae with K > 1"
                + " (Tucker et al. 2018, sec. 3).",
            "dreg (Tucker et al. 2018): the unbiased low-variance iwae gradient; iwae only (for the ELBO it"
                + " equals stl)."})
        String estimator;

        @Option(names = "--antithetic", description = "Antithetic noise: each minibatch's noise in pairs eps, -eps"
                + " (two samples of one example when --k is even, else two examples); the ELBO gradient stays"
                + " unbiased with less variance; objective elbo only (see README, VAE: antithetic noise).")
        boolean antithetic;

        @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE",
                description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
                description = "The random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--on-non-finite", defaultValue = "stop", paramLabel = "POLICY",
                description = "When a step's loss or gradient is NaN or infinite (checked before the update):"
                        + " stop with the epoch and batch named, or rollback: drop the step, halve the learning"
                        + " rate and go on (default: ${DEFAULT-VALUE}).")
        String onNonFinite;

        @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
        Integer threads;
    }

    /** Where stderr progress goes (tests may replace it). */
    PrintStream progress = System.err;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> settings = validatedSettings();
        checkWritable(out);
        VaeData d = VaeData.load(data);
        VaeCheckpoint saved = null;
        if (resume) {
            if (!Files.exists(out.resolve(VaeCheckpoint.STATE))) {
                throw new UserError("--resume: " + out + " holds no checkpoint (no " + VaeCheckpoint.STATE + ")");
            }
            saved = VaeCheckpoint.load(out);
            if (saved.optimizer() == null) {
                throw new UserError("--resume: " + out + " holds no optimizer state");
            }
            settings.remove("antithetic"); // the saved run's choice, also when it was off (then absent)
            settings.putAll(saved.training());
            settings.put("epochs", epochs);
        }
        VaeConfig config = saved != null ? saved.vae().config()
                : new VaeConfig(d.train().d(), List.of(model.hidden), model.latent,
                        Activation.parse(model.activation), Likelihood.parse(model.likelihood), training.k, 1.0, 0);
        d.requireDim(config.inputDim());
        if (training.threads != null) {
            Parallel.setThreads(training.threads);
        }
        long runSeed = ((Number) settings.get("seed")).longValue();
        Binarize bin = Binarize.parse((String) settings.get("binarize"));
        Rng rng = Rng.of(runSeed);
        Dataset train = bin.prepare(d.train(), rng.child("static-binarize"));
        Dataset test = bin == Binarize.NONE ? d.test() : Binarize.STATIC.prepare(d.test(), Rng.of(123));
        Vae vae = saved != null ? saved.vae() : Vae.of(config, rng.child("init"));
        VaeObjective objectiveUsed = objective(settings);
        VaeTrainer trainer = VaeTrainer.of(vae, train, ((Number) settings.get("batch")).intValue(),
                AdamConfig.adam().withLr(((Number) settings.get("lr")).doubleValue()), bin, objectiveUsed, rng)
                .onNonFinite(nonFinitePolicy((String) settings.getOrDefault("on_non_finite", "stop")));
        List<VaeReport.EpochRow> rows = new java.util.ArrayList<>();
        if (saved != null) {
            trainer.restore(saved.optimizer(), saved.epochsDone());
            rows.addAll(VaeReport.readEpochs(out.resolve("metrics.json")));
            long done = saved.epochsDone();
            rows.removeIf(r -> r.epoch() > done);
        }
        Files.createDirectories(out);
        progress.printf("elbo4j vae: %s, %d train / %d test examples, model %s, %d epochs%n", d.source(),
                train.n(), test.n(), config, epochs);
        while (trainer.epochsDone() < epochs) {
            long t0 = System.nanoTime();
            double trainElbo;
            try {
                trainElbo = trainer.trainEpoch();
            } catch (IllegalStateException e) {
                throw new UserError(e.getMessage() + (trainer.epochsDone() == 0 ? "; no epoch was completed"
                        : "; " + out + " holds the checkpoint of epoch " + trainer.epochsDone()));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double testElbo = VaeEvaluation.evaluate(vae, test, 0, Rng.of(runSeed).child("test")).elbo();
            rows.add(new VaeReport.EpochRow(trainer.epochsDone(), seconds, trainElbo, testElbo));
            progress.printf("epoch %d/%d  %.1f s  train %s %.2f  test ELBO %.2f%n", trainer.epochsDone(), epochs,
                    seconds, objectiveUsed.iwae() ? "L_" + config.samples() : "ELBO", trainElbo, testElbo);
            new VaeCheckpoint(vae, settings, trainer.optimizerState(), trainer.epochsDone()).save(out);
            VaeReport.writeMetrics(out, settings, rows, null);
        }
        VaeFinish.write(out, settings, rows, vae, test, d.source(), runSeed, progress);
        return 0;
    }

    /** Every option checked; the training settings saved with the checkpoint (also for {@code elbo4j spark vae train}). */
    Map<String, Object> validatedSettings() {
        VaeObjective parsed;
        try {
            parsed = VaeObjective.parse(training.objective, training.estimator);
        } catch (IllegalArgumentException e) {
            throw new UserError("--objective " + training.objective + " --estimator " + training.estimator + ": "
                    + e.getMessage().replace("VaeObjective: ", ""));
        }
        if (training.antithetic && parsed.iwae()) {
            throw new UserError("--antithetic needs --objective elbo: a pair eps, -eps within one example changes"
                    + " the IWAE bound L_K itself");
        }
        positive("--epochs", epochs, 100_000);
        positive("--batch", training.batch, 1 << 20);
        positive("--hidden", model.hidden, 65_536);
        positive("--latent", model.latent, 4096);
        positive("--k", training.k, 10_000);
        if (training.threads != null) {
            positive("--threads", training.threads, 1024);
        }
        if (!(training.lr > 0) || !(training.lr < 10)) {
            throw new UserError("--lr must be in (0, 10), got " + training.lr);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", data == null ? "bundled" : data.toString());
        s.put("epochs", epochs);
        s.put("batch", training.batch);
        s.put("hidden", model.hidden);
        s.put("latent", model.latent);
        s.put("activation", Activation.parse(model.activation).name().toLowerCase(java.util.Locale.ROOT));
        s.put("likelihood", Likelihood.parse(model.likelihood).label());
        s.put("binarize", Binarize.parse(training.binarize).name().toLowerCase(java.util.Locale.ROOT));
        s.put("objective", parsed.objectiveName());
        s.put("k", training.k);
        s.put("estimator", parsed.estimatorName());
        s.put("lr", training.lr);
        s.put("seed", training.seed);
        s.put("on_non_finite", nonFinitePolicy(training.onNonFinite).name().toLowerCase(java.util.Locale.ROOT));
        if (training.antithetic) {
            s.put("antithetic", true);
        }
        return s;
    }

    /**
     * The objective of saved or validated settings: "objective", "estimator" and "antithetic"
     * (absent in runs without it, and in every run saved before the option existed).
     */
    static VaeObjective objective(Map<String, Object> settings) {
        return VaeObjective.parse((String) settings.getOrDefault("objective", "elbo"),
                (String) settings.getOrDefault("estimator", "reparam"))
                .withAntithetic(Boolean.TRUE.equals(settings.get("antithetic")));
    }

    /** The policy named "stop" or "rollback" (case ignored). */
    static NonFinitePolicy nonFinitePolicy(String name) {
        for (NonFinitePolicy p : NonFinitePolicy.values()) {
            if (p.name().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new UserError("--on-non-finite must be stop or rollback, got '" + name + "'");
    }

    private static void positive(String option, int value, int max) {
        if (value < 1 || value > max) {
            throw new UserError(option + " must be in [1, " + max + "], got " + value);
        }
    }

    /** {@code dir} must be a writable directory or creatable inside a writable one. */
    static void checkWritable(Path dir) {
        Path p = dir.toAbsolutePath();
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new UserError("--out " + dir + ": exists and is not a directory");
        }
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p) || !Files.isWritable(p)) {
            throw new UserError("--out " + dir + ": cannot write there (" + p + " is not a writable directory)");
        }
    }
}
