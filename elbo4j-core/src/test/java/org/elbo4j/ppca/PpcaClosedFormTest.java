package org.elbo4j.ppca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.linalg.Covariance;
import org.elbo4j.linalg.Pca;
import org.elbo4j.ppca.PpcaClosedForm.Denominator;
import org.junit.jupiter.api.Test;

/**
 * The closed-form PPCA solution against scikit-learn 1.2.1 and numpy (values from
 * src/test/resources/reference/ppca/gen_ppca.py) on iris (150×4) and wine (178×13), against a
 * point-by-point log density with a Cholesky factor of the full C, against the Woodbury form, and
 * its maximality; bad arguments are rejected.
 */
class PpcaClosedFormTest {

    /** gen_ppca.py: PCA(n_components=q).fit(X).score(X)·n, q = 1 … d−1. */
    static final double[] IRIS_SKLEARN = {-470.67615476625485, -404.9694766013496, -379.9213265675083};
    /** gen_ppca.py: the maximum-likelihood value from numpy's eigvalsh, q = 1 … d−1. */
    static final double[] IRIS_ML = {-470.6694583210157, -404.962780156111, -379.9146301222711};
    static final double[] WINE_SKLEARN = {-7249.201747726058, -5195.764033130202, -4731.285227946075,
        -4152.712535692319, -3938.9995862691176, -3653.4178272792137, -3548.053529557408, -3491.4748507063937,
        -3431.4993517567455, -3378.477965467378, -3350.176191237783, -3331.068039682641};
    static final double[] WINE_ML = {-7249.183420626137, -5195.7457060312145, -4731.266900848112,
        -4152.694208597365, -3938.981259174616, -3653.399500181292, -3548.035202459018, -3491.4565236085255,
        -3431.4810246586035, -3378.4596383696944, -3350.157864140579, -3331.04971258728};

    @Test
    void matchesScikitLearnAndNumpy() {
        check("iris", IRIS_SKLEARN, IRIS_ML);
        check("wine", WINE_SKLEARN, WINE_ML);
    }

    private static void check(String name, double[] sklearn, double[] ml) {
        Pca pca = Pca.of(PpcaTestData.table(name));
        for (int q = 1; q <= sklearn.length; q++) {
            PpcaClosedForm fit = PpcaClosedForm.of(pca, q);
            PpcaClosedForm unbiased = PpcaClosedForm.of(pca, q, Denominator.N_MINUS_ONE);
            String at = name + " q=" + q;
            assertEquals(ml[q - 1], fit.logLikelihood(), 1e-10 * Math.abs(ml[q - 1]), at + " ML");
            assertEquals(sklearn[q - 1], unbiased.logLikelihood(), 1e-10 * Math.abs(sklearn[q - 1]), at + " sklearn");
            // the maximum lies above scikit-learn's n−1 parameters, by O(d/n) relative
            assertTrue(fit.logLikelihood() > unbiased.logLikelihood(), at);
            assertEquals(fit.logLikelihood(), unbiased.logLikelihood(), 2e-5 * Math.abs(fit.logLikelihood()), at);
        }
    }

    @Test
    void agreesWithACholeskyOfTheFullCovarianceAndWithWoodbury() {
        for (String name : new String[] {"iris", "wine"}) {
            double[][] x = PpcaTestData.table(name);
            Covariance data = Covariance.of(x);
            Pca pca = Pca.of(data);
            for (int q = 1; q < data.dimension(); q++) {
                for (Denominator denominator : Denominator.values()) {
                    PpcaClosedForm fit = PpcaClosedForm.of(pca, q, denominator);
                    PpcaModel model = fit.model();
                    double direct = PpcaTestData.directLogLikelihood(x, model.mean(), model.marginalCovariance());
                    String at = name + " q=" + q + " " + denominator;
                    assertEquals(direct, fit.logLikelihood(), 1e-10 * Math.abs(direct), at + " eigenvalues vs direct");
                    assertEquals(direct, model.logLikelihood(data), 1e-10 * Math.abs(direct), at + " Woodbury vs direct");
                }
            }
        }
    }

    @Test
    void isTheMaximum() {
        Covariance data = Covariance.of(PpcaTestData.table("wine"));
        PpcaClosedForm fit = PpcaClosedForm.of(Pca.of(data), 3);
        PpcaModel best = fit.model();
        double[][] w = best.loadings();
        // a rotation of the latent space leaves C, hence L, unchanged
        double angle = 0.7;
        double[][] rotated = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            rotated[i] = w[i].clone();
            rotated[i][0] = Math.cos(angle) * w[i][0] - Math.sin(angle) * w[i][1];
            rotated[i][1] = Math.sin(angle) * w[i][0] + Math.cos(angle) * w[i][1];
        }
        double l = fit.logLikelihood();
        assertEquals(l, PpcaModel.of(best.mean(), rotated, best.noiseVariance()).logLikelihood(data), 1e-10 * Math.abs(l));
        for (double factor : new double[] {0.99, 1.01}) {
            assertTrue(PpcaModel.of(best.mean(), w, best.noiseVariance() * factor).logLikelihood(data) < l, "σ² × " + factor);
            double[][] scaled = best.loadings();
            for (double[] row : scaled) {
                row[1] *= factor;
            }
            assertTrue(PpcaModel.of(best.mean(), scaled, best.noiseVariance()).logLikelihood(data) < l, "w₂ × " + factor);
            double[] shifted = best.mean();
            shifted[0] += factor - 1;
            assertTrue(PpcaModel.of(shifted, w, best.noiseVariance()).logLikelihood(data) < l, "μ₁ moved");
        }
    }

    @Test
    void explainedVarianceAndNoise() {
        Pca pca = Pca.of(PpcaTestData.table("iris"));
        PpcaClosedForm fit = PpcaClosedForm.of(pca, 2);
        // gen_ppca.py: explained_variance_ratio_ of iris
        assertEquals(0.9246187232017271, fit.explainedVarianceRatio()[0], 1e-12);
        assertEquals(0.05306648311706782, fit.explainedVarianceRatio()[1], 1e-12);
        double[] lambda = pca.variances();
        assertEquals((lambda[2] + lambda[3]) / 2, fit.noiseVariance(), 1e-15);
        assertEquals(lambda[0], fit.componentVariances()[0], 0.0);
        assertEquals(fit.logLikelihood() / 150, fit.logLikelihoodPerPoint(), 1e-15);
    }

    @Test
    void badArgumentsAreRejected() {
        Pca pca = Pca.of(PpcaTestData.table("iris"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PpcaClosedForm.of(pca, 4))
                .getMessage().contains("q must be in [1, d)"));
        assertThrows(IllegalArgumentException.class, () -> PpcaClosedForm.of(pca, 0));
        Pca one = Pca.of(new double[][] {{1, 2, 3}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PpcaClosedForm.of(one, 1))
                .getMessage().contains("at least 2 points"));
        Pca constant = Pca.of(new double[][] {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PpcaClosedForm.of(constant, 1))
                .getMessage().contains("constant"));
        // three points on a line in 3-D: rank 1, so q = 1 leaves σ² = 0
        Pca line = Pca.of(new double[][] {{0, 0, 0}, {1, 2, 3}, {2, 4, 6}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PpcaClosedForm.of(line, 1))
                .getMessage().contains("rank"));
    }
}
