package org.elbo4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code elbo4j spark vae}: VAE commands on Spark (training). */
@Command(name = "vae", mixinStandardHelpOptions = true,
        description = {"Train a variational autoencoder on Spark, data-parallel.",
            "The same training as elbo4j vae train, each minibatch's gradient summed over the partitions."},
        footer = {"  elbo4j spark vae train --data train.parquet --master local[2] --out run1"},
        subcommands = {SparkVaeTrainCommand.class})
final class SparkVaeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
