package org.elbo4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j spark}: the training commands on Apache Spark. Registered in {@link Main} by
 * name ({@link SparkMissingCommand#sparkCommand}) when this module is on the class path.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = {"Run elbo4j's training on Apache Spark: VAE training, Bayesian regression, online LDA, conversion.",
            "Every command takes --master local[N] or spark://HOST:PORT; the ./elbo4j launcher puts Spark's jars on"
                + " the class path, spark-submit runs the same commands from elbo4j-spark.jar (class"
                + " org.elbo4j.cli.SparkMain)."},
        footer = {"  elbo4j spark convert --data mnist-dir --out train.parquet",
            "  elbo4j spark vae train --data train.parquet --master local[2] --out run1",
            "  elbo4j spark fit --model logistic --data data.csv --master local[2]",
            "  elbo4j spark topics fit --docs docs.txt --k 10 --master local[2] --out topics1"},
        subcommands = {SparkVaeCommand.class, SparkFitCommand.class, SparkTopicsCommand.class,
            SparkConvertCommand.class})
public final class SparkCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
