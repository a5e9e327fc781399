package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elbo4j.data.Dataset;
import org.elbo4j.data.Mnist;
import org.elbo4j.io.CsvTable;
import org.elbo4j.tensor.Tensor;

/**
 * The data of the {@code vae} commands: a directory of MNIST-format IDX files, a CSV file (one
 * example per row, values in [0, 1]; the last 10% of rows, at least one, are the test set), or,
 * with no {@code --data}, the digits bundled with the command line.
 *
 * @param train the training examples [n, D]
 * @param test the test examples [m, D]
 * @param source what was loaded, for reports
 */
record VaeData(Dataset train, Dataset test, String source) {

    static final String BUNDLED = "org/elbo4j/data";

    /** Loads {@code data} (null for the bundled digits); every problem is a {@link UserError}. */
    static VaeData load(Path data) {
        try {
            if (data == null) {
                Mnist m = Mnist.loadResources(VaeData.class.getClassLoader(), BUNDLED);
                return checked(new VaeData(m.train(), m.test(), "bundled MNIST digits"));
            }
            if (Files.isDirectory(data)) {
                Mnist m = Mnist.load(data);
                return checked(new VaeData(m.train(), m.test(), data.toString()));
            }
            if (!Files.exists(data)) {
                throw new UserError("--data " + data + ": no such file or directory");
            }
            if (!data.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                throw new UserError("--data " + data + ": expected a directory of IDX files or a .csv file");
            }
            CsvTable csv = CsvTable.read(data);
            Dataset all = Dataset.of(Tensor.of(csv.toFloats(), csv.rowCount(), csv.columnCount()));
            if (all.n() < 2) {
                throw new UserError("--data " + data + ": needs at least 2 rows (train and test), got " + all.n());
            }
            int testRows = Math.max(1, all.n() / 10);
            return checked(new VaeData(all.slice(0, all.n() - testRows), all.slice(all.n() - testRows, all.n()),
                    data.toString()));
        } catch (IOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Values must lie in [0, 1] (pixel intensities) for the Bernoulli-type likelihoods and binarization. */
    private static VaeData checked(VaeData d) {
        for (Dataset part : new Dataset[] {d.train, d.test}) {
            float[] v = part.values().data();
            for (int i = 0; i < v.length; i++) {
                if (!(v[i] >= 0f && v[i] <= 1f)) {
                    throw new UserError("--data " + d.source + ": value " + v[i] + " in row " + (i / part.d() + 1)
                            + " is outside [0, 1] (the VAE models pixel intensities in [0, 1])");
                }
            }
        }
        return d;
    }

    /** Throws a {@link UserError} unless the examples have {@code inputDim} values each. */
    void requireDim(int inputDim) {
        if (train.d() != inputDim) {
            throw new UserError("--data " + source + ": examples have " + train.d() + " values but the model expects "
                    + inputDim);
        }
    }
}
