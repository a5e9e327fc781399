package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.data.Mnist;
import org.elbo4j.nn.Activation;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.elbo4j.spark.FeatureColumn;
import org.elbo4j.spark.RowBlocks;
import org.elbo4j.spark.SparkSources;
import org.elbo4j.spark.SparkVaeTrainer;
import org.elbo4j.tensor.kernel.Parallel;
import org.elbo4j.vae.Likelihood;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeCheckpoint;
import org.elbo4j.vae.VaeConfig;
import org.elbo4j.vae.VaeEvaluation;
import org.elbo4j.vae.VaeObjective;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code elbo4j spark vae train}: {@code elbo4j vae train} on Spark ({@link SparkVaeTrainer}),
 * with the local command's model and training options and settings file. Writes to {@code --out}
 * the checkpoint after every epoch (the format of {@code vae train}, so {@code vae eval} and
 * {@code vae sample} read it) and metrics.json; with an MNIST directory as data, the test ELBO of
 * every epoch as the local command computes it. {@code --resume} continues the run saved in
 * {@code --out}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a variational autoencoder on Spark and write its checkpoint and metrics.",
            "The steps of elbo4j vae train, each minibatch's gradient computed by the partitions holding its rows"
                + " and summed in a fixed order; on one partition the result is that of vae train bit for bit."
                + " Writes to --out the checkpoint after every epoch and metrics.json (the test ELBO per epoch when"
                + " --data is an MNIST directory). Static binarization is not available."},
        footer = {"  elbo4j spark vae train --data train.parquet --master local[2] --out run1",
            "  elbo4j spark vae train --data mnist-dir --master spark://127.0.0.1:7077",
            "  elbo4j spark vae train --data train.parquet --epochs 20 --out run1 --resume"})
final class SparkVaeTrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "The data: Parquet (file or directory), a CSV file, an IDX images file or an MNIST"
                    + " directory (its training images).")
    Path data;

    @Option(names = "--column", defaultValue = "features", paramLabel = "NAME",
            description = "The column of vectors or number arrays (default: ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N",
            description = "The total number of epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", defaultValue = "elbo4j-vae", paramLabel = "DIR",
            description = "The output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", description = "Continue the run saved in --out.")
    boolean resume;

    @ArgGroup(validate = false, heading = "Model:%n")
    VaeTrainCommand.Model model = new VaeTrainCommand.Model();

    @ArgGroup(validate = false, heading = "Training:%n")
    VaeTrainCommand.Training training = new VaeTrainCommand.Training();

    @ArgGroup(validate = false, heading = "Spark:%n")
    SparkOptions spark = new SparkOptions();

    /** Where stderr progress goes (tests may replace it). */
    PrintStream progress = System.err;

    @Override
    public Integer call() throws Exception {
        VaeTrainCommand local = new VaeTrainCommand();
        local.data = data;
        local.epochs = epochs;
        local.model = model;
        local.training = training;
        Map<String, Object> settings = local.validatedSettings();
        settings.put("column", column);
        VaeTrainCommand.checkWritable(out);
        spark.check();
        VaeCheckpoint saved = null;
        if (resume) {
            if (!Files.exists(out.resolve(VaeCheckpoint.STATE))) {
                throw new UserError("--resume: " + out + " holds no checkpoint (no " + VaeCheckpoint.STATE + ")");
            }
            saved = VaeCheckpoint.load(out);
            if (saved.optimizer() == null) {
                throw new UserError("--resume: " + out + " holds no optimizer state");
            }
            settings.putAll(saved.training());
            settings.put("epochs", epochs);
        }
        if (training.threads != null) {
            Parallel.setThreads(training.threads);
        }
        SparkSession session = spark.session("elbo4j spark vae train");
        RowBlocks blocks = null;
        try {
            blocks = RowBlocks.of(FeatureColumn.rows(spark.partitioned(SparkSources.read(session, data)), column));
            return train(blocks, settings, saved);
        } catch (Exception e) {
            throw SparkOptions.failure(e, data);
        } finally {
            if (blocks != null) {
                blocks.release();
            }
            spark.stop(session);
        }
    }

    private int train(RowBlocks blocks, Map<String, Object> settings, VaeCheckpoint saved) throws IOException {
        VaeConfig config = saved != null ? saved.vae().config()
                : new VaeConfig(blocks.d(), List.of(model.hidden), model.latent, Activation.parse(model.activation),
                        Likelihood.parse(model.likelihood), training.k, 1.0, 0);
        if (blocks.d() != config.inputDim()) {
            throw new UserError("--data " + data + ": examples have " + blocks.d() + " values but the model expects "
                    + config.inputDim());
        }
        long runSeed = ((Number) settings.get("seed")).longValue();
        Binarize bin = Binarize.parse((String) settings.get("binarize"));
        Rng rng = Rng.of(runSeed);
        Vae vae = saved != null ? saved.vae() : Vae.of(config, rng.child("init"));
        VaeObjective objective = VaeObjective.parse((String) settings.getOrDefault("objective", "elbo"),
                (String) settings.getOrDefault("estimator", "reparam"));
        SparkVaeTrainer trainer = SparkVaeTrainer.of(vae, blocks, ((Number) settings.get("batch")).intValue(),
                AdamConfig.adam().withLr(((Number) settings.get("lr")).doubleValue()), bin, objective, rng)
                .onNonFinite(VaeTrainCommand.nonFinitePolicy((String) settings.getOrDefault("on_non_finite", "stop")));
        Dataset test = testSet(bin);
        List<VaeReport.EpochRow> rows = new ArrayList<>();
        if (saved != null) {
            trainer.restore(saved.optimizer(), saved.epochsDone());
            rows.addAll(VaeReport.readEpochs(out.resolve("metrics.json")));
            long done = saved.epochsDone();
            rows.removeIf(r -> r.epoch() > done);
        }
        Files.createDirectories(out);
        progress.printf("elbo4j spark vae: %s, %d rows in %d partitions, model %s, %d epochs%n", data, blocks.n(),
                blocks.partitions(), config, epochs);
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
            double testElbo = test == null ? Double.NaN
                    : VaeEvaluation.evaluate(vae, test, 0, Rng.of(runSeed).child("test")).elbo();
            rows.add(new VaeReport.EpochRow(trainer.epochsDone(), seconds, trainElbo, testElbo));
            progress.printf("epoch %d/%d  %.1f s  train %s %.2f%s%n", trainer.epochsDone(), epochs, seconds,
                    objective.iwae() ? "L_" + config.samples() : "ELBO", trainElbo,
                    test == null ? "" : String.format("  test ELBO %.2f", testElbo));
            new VaeCheckpoint(vae, settings, trainer.optimizerState(), trainer.epochsDone()).save(out);
            VaeReport.writeMetrics(out, settings, rows, null);
        }
        progress.printf("checkpoint and metrics.json: %s%n", out.toAbsolutePath());
        return 0;
    }

    /** The MNIST test images prepared as {@code vae train} does, when --data is an MNIST directory; else null. */
    private Dataset testSet(Binarize bin) throws IOException {
        if (!Files.isDirectory(data) || !(Files.exists(data.resolve(Mnist.TEST_IMAGES))
                || Files.exists(data.resolve(Mnist.TEST_IMAGES + ".gz")))) {
            return null;
        }
        Dataset test = Mnist.load(data).test();
        return bin == Binarize.NONE ? test : Binarize.STATIC.prepare(test, Rng.of(123));
    }
}
