package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.random.Rng;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code elbo4j vae sample --model DIR [--n 64] [--seed S] --out FILE.png}: a grid of generated images. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draw images from a trained VAE and write them as a PNG grid.",
            "Draws z ~ N(0, I) and decodes it; the images are the means of p(x|z), eight to a row."},
        footer = {"  elbo4j vae sample --model run1 --n 64 --out samples.png"})
public final class VaeSampleCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A directory written by vae train.")
    Path model;

    @Option(names = "--n", defaultValue = "64", paramLabel = "N",
            description = "The number of images (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "The random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The PNG file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (n < 1 || n > 10_000) {
            throw new UserError("--n must be in [1, 10000], got " + n);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new UserError("--out " + out + ": directory " + parent + " does not exist or is not writable");
        }
        Vae vae = VaeCheckpoint.load(model).vae();
        AtomicFiles.write(out, VaeImages.grid(VaePictures.samples(vae, n, Rng.of(seed)), 8));
        System.err.println("wrote " + n + " samples to " + out);
        return 0;
    }
}
