package org.elbo4j.cli;

import picocli.CommandLine.Command;

/** {@code elbo4j topics fit|infer}: topic models (LDA). */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Fit topic models (latent Dirichlet allocation) to text and infer topics of new documents.",
            "A directory written by topics fit holds model.json, which topics infer reads."},
        footer = {"  elbo4j topics fit --docs data/debian-descriptions.txt --k 10 --out topics1",
            "  elbo4j topics infer --model topics1 --docs new.txt"},
        subcommands = {TopicsFitCommand.class, TopicsInferCommand.class})
public final class TopicsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
