package org.elbo4j.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.elbo4j.infer.Verdict;
import org.elbo4j.io.CsvTable;
import org.junit.jupiter.api.Test;

/**
 * Gaussian-mixture numbers against scipy and scikit-learn. Every expected value below was printed
 * by {@code tools/mixture_reference.py} (scipy 1.10.1, scikit-learn 1.2.1).
 */
class MixtureReferenceTest {

    static double[][] iris() throws IOException {
        try (Reader in = new InputStreamReader(MixtureReferenceTest.class.getResourceAsStream("iris.csv"),
                StandardCharsets.UTF_8)) {
            return CsvTable.read(in, "iris.csv", CsvTable.Header.PRESENT).rows();
        }
    }

    @Test
    void logLikelihoodOfFixedParametersMatchesScipy() {
        double[][][] covs = {
            {{1.0, 0.3, 0.0}, {0.3, 2.0, -0.4}, {0.0, -0.4, 0.5}},
            {{0.5, 0.0, 0.1}, {0.0, 0.5, 0.0}, {0.1, 0.0, 1.5}},
            {{2.0, -0.8, 0.3}, {-0.8, 1.0, 0.2}, {0.3, 0.2, 0.8}}};
        GaussianMixture g = GaussianMixture.of(CovarianceType.FULL, new double[] {0.2, 0.5, 0.3},
                new double[][] {{0, 0, 0}, {2, -1, 0.5}, {-1.5, 1, 3}}, covs);
        double[][] x = {{0.1, -0.2, 0.3}, {2.5, -1.0, 0.0}, {-1.0, 1.5, 2.5}, {5.0, 5.0, -5.0}, {0, 0, 0}, {1, 1, 1}};
        // scipy.stats.multivariate_normal, log-sum-exp over components
        double[] scipy = {-4.289564384486712, -3.3178428604911825, -4.962207921562156, -41.83016327447409,
            -4.2268819272979234, -6.283514520706238};
        for (int i = 0; i < x.length; i++) {
            GaussianMixture one = g;
            double lse = logSumExp(one, x[i]);
            assertEquals(scipy[i], lse, 1e-12 * Math.abs(scipy[i]), "point " + i);
        }
        assertEquals(-64.9101748890183, g.logLikelihood(MixtureData.of(x)), 1e-12 * 65);
    }

    private static double logSumExp(GaussianMixture g, double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] t = new double[g.components()];
        for (int k = 0; k < t.length; k++) {
            t[k] = Math.log(g.weights()[k]) + g.logDensity(x, k);
            max = Math.max(max, t[k]);
        }
        double s = 0;
        for (double v : t) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    /** sklearn GaussianMixture(3, tol=0, max_iter=20, reg_covar=1e-6) from the same fixed start. */
    @Test
    void twentyEmIterationsMatchScikitLearnForEveryCovarianceType() throws IOException {
        MixtureData data = MixtureData.of(iris());
        check(data, CovarianceType.FULL, -180.18908493750615, 580.8461228152476, 448.3781698750123,
                new double[] {0.33333333333333326, 0.30039217278910885, 0.36627449387755784},
                new double[] {5.006, 3.4280000000000004, 1.4620000000000002, 0.24599999999999986, 5.916097683359873,
                    2.7779564537663863, 4.203698160949317, 1.2978081968274207, 6.54568436843175, 2.9491277980370425,
                    5.481977795103433, 1.9861658984860124});
        check(data, CovarianceType.DIAG, -307.1775867112106, 744.6316910689238, 666.3551734224212,
                new double[] {0.3333333333087005, 0.4138618807141006, 0.2528047859771988},
                new double[] {5.005999999997494, 3.4279999999999715, 1.4619999999866482, 0.24599999997699273,
                    5.927675877832273, 2.7503599691294616, 4.406173253721447, 1.4134163300119391, 6.809315626970778,
                    3.071134568458877, 5.724256807781815, 2.105870704616786});
        check(data, CovarianceType.SPHERICAL, -384.314096005077, 853.8089920097902, 802.628192010154,
                new double[] {0.33333333388359004, 0.41390894053844435, 0.25275772557796566},
                new double[] {5.006000000154971, 3.4279999984678104, 1.4620000025393172, 0.24600000140977293,
                    5.905173514280273, 2.748856456522118, 4.402558527570057, 1.4326039601098919, 6.846329016895722,
                    3.0736564031952565, 5.73042159601155, 2.074578508683546});
        check(data, CovarianceType.TIED, -256.36316702618376, 632.9815811106777, 560.7263340523675,
                new double[] {0.3333333333341047, 0.33154801579407805, 0.3351186508718171},
                new double[] {5.006000000000771, 3.4279999999979847, 1.4620000000045068, 0.24600000000224725,
                    5.944096042896866, 2.76021772456241, 4.264067081818712, 1.3205463158848019, 6.576516741808139,
                    2.9825912533549177, 5.541093226662794, 2.027666382544972});
    }

    private static void check(MixtureData data, CovarianceType type, double ll, double bic, double aic,
            double[] weights, double[] means) {
        int d = data.dimension();
        double[][] eye = new double[d][d];
        for (int j = 0; j < d; j++) {
            eye[j][j] = 1;
        }
        GaussianMixture start = GaussianMixture.of(type, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
                new double[][] {data.row(0), data.row(50), data.row(100)}, new double[][][] {eye, eye, eye});
        // 21 E-steps = 20 (E, M) iterations of sklearn and the E-step that scores the result
        MixtureFit fit = ExpectationMaximization.of(3, type).tolerance(0).maxIterations(21).fitFrom(data, start, 0);
        assertEquals(Verdict.MAX_STEPS, fit.verdict());
        // 20 EM iterations amplify round-off differences only mildly: 1e-9 relative is ample
        assertEquals(ll, fit.logLikelihood(), 1e-9 * Math.abs(ll), type + " log-likelihood");
        assertEquals(bic, fit.bic(), 1e-9 * Math.abs(bic), type + " BIC");
        assertEquals(aic, fit.aic(), 1e-9 * Math.abs(aic), type + " AIC");
        assertEquals(bic, fit.mixture().bic(data), 1e-9 * Math.abs(bic), type + " BIC of the mixture");
        for (int k = 0; k < 3; k++) {
            assertEquals(weights[k], fit.mixture().weights()[k], 1e-9, type + " weight " + k);
            for (int j = 0; j < d; j++) {
                assertEquals(means[k * d + j], fit.mixture().mean(k)[j], 1e-8, type + " mean " + k + "," + j);
            }
        }
    }
}
