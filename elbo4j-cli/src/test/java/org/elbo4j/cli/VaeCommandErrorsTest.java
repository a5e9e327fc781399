package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input of {@code vae train / eval / sample} gives one clear line on stderr, exit code 2,
 * and leaves an existing output directory exactly as it was.
 */
class VaeCommandErrorsTest {

    @TempDir
    Path tmp;
    Path out;

    @BeforeEach
    void existingOutput() throws IOException {
        out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "earlier results");
    }

    private void assertRejected(CliRun run, String message) throws IOException {
        assertTrue(run.oneErrorLineContaining(message), "exit " + run.exitCode() + ", stderr: " + run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), files.toList());
        }
        assertEquals("earlier results", Files.readString(out.resolve("keep.txt")));
    }

    private CliRun train(String... args) {
        return CliRun.of(new VaeTrainCommand(), args);
    }

    @Test
    void missingIdxFiles() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertRejected(train("--data", empty.toString(), "--out", out.toString()), "missing MNIST files");
    }

    @Test
    void truncatedIdx() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("trunc"));
        byte[] header = {0, 0, 8, 3, 0, 0, 0, 10, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3};
        Files.write(dir.resolve("train-images-idx3-ubyte"), header);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), header);
        assertRejected(train("--data", dir.toString(), "--out", out.toString()), "train-images-idx3-ubyte");
    }

    @Test
    void wrongMagic() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("magic"));
        byte[] header = {0, 0, 8, 1, 0, 0, 0, 1, 0};
        Files.write(dir.resolve("train-images-idx3-ubyte"), header);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), header);
        assertRejected(train("--data", dir.toString(), "--out", out.toString()), "magic");
    }

    @Test
    void csvWithNaN() throws IOException {
        Path f = tmp.resolve("nan.csv");
        Files.writeString(f, "0.1,0.2\n0.3,NaN\n0.5,0.5\n");
        assertRejected(train("--data", f.toString(), "--out", out.toString()), "nan.csv");
    }

    @Test
    void csvOutsideUnitInterval() throws IOException {
        Path f = tmp.resolve("big.csv");
        Files.writeString(f, "0.1,0.2\n0.3,7\n0.5,0.5\n");
        assertRejected(train("--data", f.toString(), "--out", out.toString()), "outside [0, 1]");
    }

    @Test
    void nonsenseHyperparameters() throws IOException {
        assertRejected(train("--latent", "0", "--out", out.toString()), "--latent must be in [1, 4096], got 0");
        assertRejected(train("--lr", "-1", "--out", out.toString()), "--lr must be in (0, 10), got -1.0");
        assertRejected(train("--epochs", "0", "--out", out.toString()), "--epochs");
        assertRejected(train("--activation", "wobbly", "--out", out.toString()), "unknown name 'wobbly'");
        assertRejected(train("--binarize", "sometimes", "--out", out.toString()), "sometimes");
    }

    @Test
    void meaninglessObjectivesAreRejected() throws IOException {
        assertRejected(train("--estimator", "dreg", "--out", out.toString()),
                "--objective elbo --estimator dreg: estimator dreg needs objective iwae");
        assertRejected(train("--objective", "iwea", "--out", out.toString()), "unknown objective 'iwea'");
        assertRejected(train("--objective", "iwae", "--estimator", "score", "--out", out.toString()),
                "unknown estimator 'score'");
        assertRejected(train("--objective", "iwae", "--k", "4", "--antithetic", "--out", out.toString()),
                "--antithetic needs --objective elbo");
    }

    @Test
    void unknownNonFinitePolicyIsRejected() throws IOException {
        assertRejected(train("--on-non-finite", "ignore", "--out", out.toString()),
                "--on-non-finite must be stop or rollback, got 'ignore'");
    }

    @Test
    void unwritableOutput() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertRejected(train("--out", file.resolve("sub").toString()), "cannot write there");
        assertRejected(train("--out", file.toString()), "not a directory");
    }

    @Test
    void resumeWithoutCheckpoint() throws IOException {
        assertRejected(train("--out", out.toString(), "--resume"), "holds no checkpoint");
    }

    @Test
    void evalImageSizeDiffersFromModel() throws IOException {
        Path data = VaeCommandTest.csv(tmp);
        Path model = tmp.resolve("model");
        assertEquals(0, VaeCommandTest.train(data, model, "--epochs", "1").exitCode());
        Path other = tmp.resolve("wide.csv");
        Files.writeString(other, "0.1,0.2,0.3\n0.3,0.2,0.1\n0.5,0.5,0.5\n");
        assertRejected(CliRun.of(new VaeEvalCommand(), "--model", model.toString(), "--data", other.toString()),
                "examples have 3 values but the model expects 16");
        assertRejected(CliRun.of(new VaeEvalCommand(), "--model", out.toString()), "config.json: missing");
        assertRejected(CliRun.of(new VaeSampleCommand(), "--model", model.toString(), "--n", "0", "--out",
                out.resolve("x.png").toString()), "--n must be in");
    }
}
