package org.elbo4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.elbo4j.io.CsvTable;
import org.junit.jupiter.api.Test;

/**
 * PCA of iris against scikit-learn 1.2.1 (reference values from
 * src/test/resources/reference/ppca/gen_ppca.py): variances and explained-variance ratios to
 * 1e-12 relative, components up to sign to 1e-10; the scores of the first q components have the
 * sample covariance diag(λ₁ … λ_q) (to 1e-12); the sign convention; float and double projections
 * agree.
 */
class PcaTest {

    static double[][] iris() throws IOException {
        return CsvTable.read(Path.of("src/test/resources/reference/ppca/iris.csv")).rows();
    }

    @Test
    void irisMatchesScikitLearn() throws IOException {
        Pca pca = Pca.of(iris());
        double[] variances = {4.200053427994631, 0.24105294294244245, 0.07768810337596659, 0.02367619235362644};
        double[] ratios = {0.9246187232017271, 0.05306648311706782, 0.017102609807929763, 0.005212183873275374};
        double[][] components = {
            {0.36138659178536864, 0.08452251406456868, 0.8566706059498349, 0.3582891971515507},
            {0.6565887712868423, 0.7301614347850266, 0.17337266279585706, 0.07548101991746337},
            {0.5820298513060651, 0.5979108301000855, 0.0762360758209632, 0.5458314320200757},
            {0.3154871929039752, 0.31972310366612955, 0.47983898699463434, 0.7536574252640454},
        };
        double[] ratio = pca.explainedVarianceRatio(4);
        for (int j = 0; j < 4; j++) {
            assertEquals(variances[j], pca.variances()[j], 1e-12 * variances[j], "variance " + j);
            assertEquals(ratios[j], ratio[j], 1e-12 * ratios[j], "ratio " + j);
            double[] u = pca.component(j);
            int largest = 0;
            for (int i = 0; i < 4; i++) {
                assertEquals(components[j][i], Math.abs(u[i]), 1e-10, "component " + j + " entry " + i);
                largest = Math.abs(u[i]) > Math.abs(u[largest]) ? i : largest;
            }
            assertTrue(u[largest] > 0, "largest entry positive");
        }
    }

    @Test
    void scoresAreUncorrelatedWithTheVariances() throws IOException {
        double[][] x = iris();
        Pca pca = Pca.of(x);
        int q = 3;
        double[][] z = pca.project(x, q);
        Covariance scores = Covariance.of(z);
        double[][] s = scores.matrix();
        for (int j = 0; j < q; j++) {
            assertEquals(0.0, scores.mean()[j], 1e-12);
            for (int k = 0; k < q; k++) {
                double expected = j == k ? pca.variances()[j] : 0.0;
                assertEquals(expected, s[j][k], 1e-12 * pca.variances()[0], j + "," + k);
            }
        }
        float[] flat = new float[x.length * 4];
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < 4; i++) {
                flat[r * 4 + i] = (float) x[r][i];
            }
        }
        double[][] fromFloats = Pca.of(x).project(flat, x.length, q);
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < q; j++) {
                // iris has 1–2 decimals: float rounding of the inputs moves the scores by < 1e-6
                assertEquals(z[r][j], fromFloats[r][j], 1e-5);
            }
        }
    }

    @Test
    void badQIsRejected() throws IOException {
        Pca pca = Pca.of(iris());
        assertThrows(IllegalArgumentException.class, () -> pca.explainedVarianceRatio(0));
        assertThrows(IllegalArgumentException.class, () -> pca.project(new double[][] {{1, 2, 3, 4}}, 5));
        assertThrows(IllegalArgumentException.class, () -> pca.project(new double[][] {{1, 2, 3}}, 2));
    }
}
