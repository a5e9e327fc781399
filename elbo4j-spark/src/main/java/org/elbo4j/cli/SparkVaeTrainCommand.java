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
import org.elbo4j.spark.DataLocation;
import org.elbo4j.spark.FeatureColumn;
import org.elbo4j.spark.RowBlocks;
import org.elbo4j.spark.SparkSources;
import org.elbo4j.spark.SparkVaeTrainer;
import org.elbo4j.tensor.Tensor;
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
 * with the local command's model and training options and settings file, synchronous
 * ({@code --sync steps}) or with local steps and parameter averaging every H steps
 * ({@code --sync average --average-every H}). Writes to {@code --out} the checkpoint after every
 * epoch (the format of {@code vae train}, so {@code vae eval} and {@code vae sample} read it) and
 * metrics.json; with a test set (an MNIST directory as data, or {@code --test}), the test ELBO of
 * every epoch and, at the end, what the local command writes ({@link VaeFinish}: IWAE estimate,
 * samples.png, reconstructions.png, elbo.png, report.html), computed on the driver. Prints where
 * the time of the Spark jobs went after every epoch ({@link org.elbo4j.spark.SparkTimings}).
 * {@code --resume} continues the run saved in {@code --out}, in its saved mode.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a variational autoencoder on Spark and write its checkpoint and metrics.",
            "--sync steps (default): the steps of elbo4j vae train, each minibatch's gradient computed by the"
                + " partitions holding its rows and summed in a fixed order, one Spark job per minibatch."
                + " --sync average: each partition takes H local Adam steps on its share of H minibatches, then the"
                + " weights and Adam moments are averaged, one Spark job per H minibatches (a different algorithm"
                + " when there is more than one partition). On one partition both equal vae train bit for bit.",
            "Writes to --out the checkpoint after every epoch and metrics.json; with a test set (--data an MNIST"
                + " directory, or --test) the test ELBO per epoch and at the end the IWAE estimate, samples.png,"
                + " reconstructions.png and report.html of vae train. Static binarization is not available."},
        footer = {"  elbo4j spark vae train --data train.parquet --master local[2] --out run1",
            "  elbo4j spark vae train --data mnist-dir --master spark://127.0.0.1:7077",
            "  elbo4j spark vae train --data train.parquet --test t10k-images-idx3-ubyte",
            "  elbo4j spark vae train --data train.parquet --sync average --average-every 8",
            "  elbo4j spark vae train --data train.parquet --epochs 20 --out run1 --resume"})
final class SparkVaeTrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "PATH|URI", converter = DataLocationConverter.class,
            description = "The data: Parquet (file or directory), a CSV file, an IDX images file or an MNIST"
                    + " directory (its training images). " + DataLocationConverter.URIS + " IDX must be a local"
                    + " path (spark convert makes Parquet of it).")
    DataLocation data;

    @Option(names = "--column", defaultValue = "features", paramLabel = "NAME",
            description = "The column of vectors or number arrays (default: ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N",
            description = "The total number of epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", defaultValue = "elbo4j-vae", paramLabel = "DIR",
            description = "The output directory, a local path (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", description = "Continue the run saved in --out.")
    boolean resume;

    @Option(names = "--test", paramLabel = "PATH|URI", converter = DataLocationConverter.class,
            description = "Test images read as --data is (collected to the driver) for the test ELBO and the final"
                    + " report (default: the test images of an MNIST directory given as --data, else none).")
    DataLocation testData;

    @ArgGroup(validate = false, heading = "Model:%n")
    VaeTrainCommand.Model model = new VaeTrainCommand.Model();

    @ArgGroup(validate = false, heading = "Training:%n")
    VaeTrainCommand.Training training = new VaeTrainCommand.Training();

    @ArgGroup(validate = false, heading = "Spark:%n")
    SparkOptions spark = new SparkOptions();

    @ArgGroup(validate = false, heading = "Distributed training:%n")
    Sync sync = new Sync();

    /** Synchronous steps or parameter averaging. */
    static final class Sync {
        @Option(names = "--sync", defaultValue = "steps", paramLabel = "MODE",
                description = "steps: one synchronous step per minibatch (= vae train up to summation order);"
                        + " average: local steps with parameter averaging every --average-every minibatches"
                        + " (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--average-every", defaultValue = "5", paramLabel = "H",
                description = "With --sync average: local steps (minibatches) between averagings"
                        + " (default: ${DEFAULT-VALUE}).")
        int every;
    }

    /** Where stderr progress goes (tests may replace it). */
    PrintStream progress = System.err;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DataLocationConverter.requireLocalOut(spec);
        VaeTrainCommand local = new VaeTrainCommand();
        local.data = data.isHadoop() ? null : data.local();
        local.epochs = epochs;
        local.model = model;
        local.training = training;
        Map<String, Object> settings = local.validatedSettings();
        settings.put("data", data.toString());
        settings.put("column", column);
        String mode = sync.mode.trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("steps") && !mode.equals("average")) {
            throw new UserError("--sync must be steps or average, got '" + sync.mode + "'");
        }
        if (sync.every < 1 || sync.every > 1_000_000) {
            throw new UserError("--average-every must be in [1, 1000000], got " + sync.every);
        }
        settings.put("sync", mode);
        settings.put("average_every", sync.every);
        if (testData != null && !testData.isHadoop() && !Files.exists(testData.local())) {
            throw new UserError("--test " + testData + ": no such file or directory");
        }
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
            settings.remove("antithetic"); // the saved run's choice, also when it was off (then absent)
            settings.putAll(saved.training());
            settings.put("epochs", epochs);
        }
        if (training.threads != null) {
            Parallel.setThreads(training.threads);
        }
        SparkSession session = spark.session("elbo4j spark vae train");
        RowBlocks blocks = null;
        try {
            DataLocationConverter.requireExists("--data", data, session);
            DataLocationConverter.requireExists("--test", testData, session);
            blocks = RowBlocks.of(FeatureColumn.rows(spark.partitioned(SparkSources.read(session, data)), column));
            return train(session, blocks, settings, saved);
        } catch (Exception e) {
            throw SparkOptions.failure(e, data);
        } finally {
            if (blocks != null) {
                blocks.release();
            }
            spark.stop(session);
        }
    }

    private int train(SparkSession session, RowBlocks blocks, Map<String, Object> settings, VaeCheckpoint saved)
            throws IOException {
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
        VaeObjective objective = VaeTrainCommand.objective(settings);
        SparkVaeTrainer trainer = SparkVaeTrainer.of(vae, blocks, ((Number) settings.get("batch")).intValue(),
                AdamConfig.adam().withLr(((Number) settings.get("lr")).doubleValue()), bin, objective, rng)
                .onNonFinite(VaeTrainCommand.nonFinitePolicy((String) settings.getOrDefault("on_non_finite", "stop")));
        if ("average".equals(settings.getOrDefault("sync", "steps"))) {
            Number saidP = (Number) settings.get("partitions");
            int trained = saidP == null ? blocks.partitions() : saidP.intValue();
            if (saved != null && trained != blocks.partitions()) {
                throw new UserError("--resume: the run in " + out + " was trained on " + trained + " partitions with"
                        + " parameter averaging, whose result depends on the partitioning; the data has "
                        + blocks.partitions() + " (give --partitions " + trained + ")");
            }
            trainer.averageEvery(((Number) settings.get("average_every")).intValue());
        }
        settings.put("partitions", blocks.partitions());
        Dataset test = testSet(session, bin);
        if (test != null && test.d() != config.inputDim()) {
            throw new UserError("--test: examples have " + test.d() + " values but the model expects " + config.inputDim());
        }
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
            progress.printf("epoch %d/%d  %.1f s  train %s %.2f%s%n  spark: %s%n", trainer.epochsDone(), epochs,
                    seconds, objective.iwae() ? "L_" + config.samples() : "ELBO", trainElbo,
                    test == null ? "" : String.format("  test ELBO %.2f", testElbo), trainer.timings());
            trainer.timings().reset();
            new VaeCheckpoint(vae, settings, trainer.optimizerState(), trainer.epochsDone()).save(out);
            VaeReport.writeMetrics(out, settings, rows, null);
        }
        if (test != null) {
            VaeFinish.write(out, settings, rows, vae, test, data.toString(), runSeed, progress);
        } else {
            progress.printf("checkpoint and metrics.json: %s (no test set: no IWAE estimate, pictures or report;"
                    + " see --test)%n", out.toAbsolutePath());
        }
        return 0;
    }

    /**
     * The test images prepared as {@code vae train} does (statically binarized with seed 123 unless
     * binarization is off): from --test, else from an MNIST directory given as --data; else null.
     */
    private Dataset testSet(SparkSession session, Binarize bin) throws IOException {
        Dataset test;
        if (testData != null) {
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> frame;
            try {
                frame = SparkSources.read(session, testData);
            } catch (IllegalArgumentException e) {
                throw (UserError) SparkOptions.failure(e, "--test", testData);
            }
            List<float[]> rows = FeatureColumn.rows(frame, column).collect();
            if (rows.isEmpty()) {
                throw new UserError("--test " + testData + ": no rows");
            }
            int d = rows.get(0).length;
            float[] values = new float[Math.multiplyExact(rows.size(), d)];
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).length != d) {
                    throw new UserError("--test " + testData + ": rows of " + d + " and " + rows.get(i).length + " values");
                }
                System.arraycopy(rows.get(i), 0, values, i * d, d);
            }
            test = Dataset.of(Tensor.of(values, rows.size(), d));
        } else if (!data.isHadoop() && Files.isDirectory(data.local())
                && (Files.exists(data.local().resolve(Mnist.TEST_IMAGES))
                || Files.exists(data.local().resolve(Mnist.TEST_IMAGES + ".gz")))) {
            test = Mnist.load(data.local()).test();
        } else {
            return null;
        }
        return bin == Binarize.NONE ? test : Binarize.STATIC.prepare(test, Rng.of(123));
    }
}
