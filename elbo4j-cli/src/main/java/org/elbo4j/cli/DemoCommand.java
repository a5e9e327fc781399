package org.elbo4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code elbo4j demo [--out DIR]}: the main job on the bundled data: {@code vae train} on the
 * bundled MNIST digits for a few epochs, then the path of the report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train a variational autoencoder on the bundled MNIST digits and write a report.",
            "Runs vae train on the 9,000 bundled training digits and prints where report.html is."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "elbo4j-demo", paramLabel = "DIR",
            description = "The output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--epochs", defaultValue = "5", paramLabel = "N",
            description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VaeTrainCommand train = new VaeTrainCommand();
        CommandLine cl = new CommandLine(train);
        cl.parseArgs("--epochs", Integer.toString(epochs), "--out", out.toString());
        int code = train.call();
        spec.commandLine().getOut().println("report: " + out.resolve("report.html").toAbsolutePath());
        spec.commandLine().getOut().flush();
        return code;
    }
}
