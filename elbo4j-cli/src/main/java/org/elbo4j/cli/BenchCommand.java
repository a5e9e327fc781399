package org.elbo4j.cli;

import picocli.CommandLine.Command;

/** {@code elbo4j bench}: performance measurements, printed as JSON lines (never run as tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure performance; each subcommand prints one JSON object per line.",
        footer = {"  elbo4j bench gemm --shapes vae", "  elbo4j bench peak"},
        subcommands = {BenchGemmCommand.class, BenchPeakCommand.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
