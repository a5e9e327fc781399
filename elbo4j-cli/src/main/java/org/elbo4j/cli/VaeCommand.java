package org.elbo4j.cli;

import picocli.CommandLine.Command;

/** {@code elbo4j vae train|eval|sample}: the variational autoencoder. */
@Command(name = "vae", mixinStandardHelpOptions = true,
        description = {"Train, evaluate and sample a variational autoencoder with an MLP encoder and decoder.",
            "A run directory written by vae train holds the checkpoint that vae eval and vae sample read."},
        footer = {"  elbo4j vae train --epochs 3 --out run1", "  elbo4j vae eval --model run1 --iw 500",
            "  elbo4j vae sample --model run1 --out samples.png"},
        subcommands = {VaeTrainCommand.class, VaeEvalCommand.class, VaeSampleCommand.class})
public final class VaeCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
