package org.elbo4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code elbo4j spark topics}: topic-model commands on Spark (fitting). */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Fit LDA topic models on Spark, the E-step spread over the partitions.",
            "The same online variational inference as elbo4j topics fit, each minibatch's E-step a Spark job."},
        footer = {"  elbo4j spark topics fit --docs docs.txt --k 10 --master local[2] --out topics1"},
        subcommands = {SparkTopicsFitCommand.class})
final class SparkTopicsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
