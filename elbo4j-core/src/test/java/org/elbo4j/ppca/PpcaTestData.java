package org.elbo4j.ppca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.elbo4j.io.CsvTable;
import org.elbo4j.linalg.Cholesky;
import org.elbo4j.linalg.TriangularSolve;

/** The bundled tables (src/test/resources/reference/ppca, written by gen_ppca.py) and a direct Gaussian log density. */
final class PpcaTestData {

    private PpcaTestData() {
    }

    static double[][] table(String name) {
        try {
            return CsvTable.read(Path.of("src/test/resources/reference/ppca/" + name + ".csv")).rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Σ_n log N(x_n | μ, C), point by point, from a Cholesky factor of the full d×d matrix C:
     * log N = −(1/2)(d log 2π + 2 Σ log L_ii + ‖L⁻¹(x − μ)‖²). Independent of the Woodbury and
     * eigenvalue forms of the library.
     */
    static double directLogLikelihood(double[][] x, double[] mean, double[][] c) {
        int d = mean.length;
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(c[i], 0, flat, i * d, d);
        }
        double[] l = new double[d * d];
        if (Cholesky.factor(flat, 0, l, 0, d, 0.0) != -1) {
            throw new IllegalStateException("C is not positive definite");
        }
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += 2 * Math.log(l[i * d + i]);
        }
        double total = 0;
        double[] r = new double[d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                r[i] = row[i] - mean[i];
            }
            TriangularSolve.solve(l, 0, d, r, 0, 1, true, false);
            double q = 0;
            for (double v : r) {
                q += v * v;
            }
            total += -0.5 * (d * Math.log(2 * Math.PI) + logDet + q);
        }
        return total;
    }
}
