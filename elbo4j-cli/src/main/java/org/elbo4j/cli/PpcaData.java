package org.elbo4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elbo4j.data.Dataset;
import org.elbo4j.data.Idx;
import org.elbo4j.io.CsvTable;
import org.elbo4j.linalg.Covariance;

/**
 * The data of {@code elbo4j ppca}: a numeric CSV file (one point per row) or an IDX images file,
 * plain or gzip (recognised by its first bytes: the gzip magic 1f 8b or the IDX magic 00 00 08 03),
 * whose pixels k are read as the doubles k/255 in [0, 1]. Only the sample mean and covariance are kept.
 */
final class PpcaData {

    private PpcaData() {
    }

    /** The moments of the points in {@code file}; every problem is a {@link UserError} naming the file. */
    static Covariance moments(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("--data " + file + ": no such file");
        }
        try {
            int n;
            int d;
            Covariance moments;
            if (isIdx(file)) {
                Dataset images = Idx.readImages(file);
                n = images.n();
                d = images.d();
                moments = n == 0 ? null : pixels(images.values().data(), n, d);
            } else {
                CsvTable csv = CsvTable.read(file);
                n = csv.rowCount();
                d = csv.columnCount();
                moments = Covariance.of(csv.rows());
            }
            if (n < 2) {
                throw new UserError("--data " + file + ": needs at least 2 points, got " + n);
            }
            if (d < 2) {
                throw new UserError("--data " + file + ": needs at least 2 columns (q < d), got " + d);
            }
            return moments;
        } catch (IOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /**
     * The moments of pixels k/255 from the float array of {@link Idx}: each float is mapped back to
     * the double k/255 (k = round(255 v)), so that the analysis sees the exact pixel values and
     * not their float32 rounding (which moves the log-likelihood of Fashion-MNIST by 2e-8 relative).
     */
    private static Covariance pixels(float[] values, int n, int d) {
        return Covariance.of(n, d, (r, out) -> {
            int offset = r * d;
            for (int j = 0; j < d; j++) {
                out[j] = Math.round(values[offset + j] * 255.0) / 255.0;
            }
        });
    }

    private static boolean isIdx(Path file) throws IOException {
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, 4);
        }
        boolean gzip = read >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        boolean idx = read == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x08 && head[3] == 0x03;
        return gzip || idx;
    }
}
