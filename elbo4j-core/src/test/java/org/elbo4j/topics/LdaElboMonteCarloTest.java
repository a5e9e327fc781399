package org.elbo4j.topics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The closed-form ELBO ({@link LdaElbo}) against a direct Monte Carlo estimate of
 * E_q log p(θ, β, z, w) − E_q log q(θ, β, z): θ_d ~ Dirichlet(γ_d), β_k ~ Dirichlet(λ_k) and
 * z_dn ~ Categorical(φ_dn) drawn from q, with φ_dwk ∝ exp(E log θ_dk + E log β_kw) written out
 * here. Each term (documents, topics) must agree within 4 Monte Carlo standard errors: the
 * false-failure rate of the two checks is about 1.3e-4 (normal approximation, 60,000 draws).
 */
class LdaElboMonteCarloTest {

    static final int K = 2;
    static final int V = 5;
    static final double[] ALPHA = {0.5, 0.8};
    static final double ETA = 0.3;
    static final double[] GAMMA = {1.3, 2.9, 4.1, 0.7};
    static final double[] LAMBDA = {2.0, 1.5, 0.6, 3.0, 0.9, 0.8, 1.1, 2.5, 1.7, 4.0};
    static final int[][] TOKENS = {{0, 0, 1, 3}, {2, 3, 3, 4, 4, 4}};

    static Corpus corpus() {
        // doc 0: word 0 ×2, 1 ×1, 3 ×1; doc 1: word 2 ×1, 3 ×2, 4 ×3
        return Corpus.of(new int[] {0, 3, 6}, new int[] {0, 1, 3, 2, 3, 4}, new double[] {2, 1, 1, 1, 2, 3}, V);
    }

    @Test
    void closedFormMatchesMonteCarlo() {
        LdaModel model = LdaModel.of(V, LAMBDA, ALPHA, ETA);
        LdaElbo exact = LdaElbo.of(corpus(), GAMMA, model);
        double[] elogTheta = elog(GAMMA, K);
        double[] elogBeta = elog(LAMBDA, V);
        Rng rng = Rng.of(2024);
        int draws = 60_000;
        double[] docSum = new double[2];
        double[] topicSum = new double[2];
        double[] eta = new double[V];
        java.util.Arrays.fill(eta, ETA);
        for (int s = 0; s < draws; s++) {
            double topic = 0;
            double[][] beta = new double[K][];
            for (int k = 0; k < K; k++) {
                double[] lam = java.util.Arrays.copyOfRange(LAMBDA, k * V, k * V + V);
                beta[k] = LdaTestData.dirichlet(rng, lam);
                topic += logDirichlet(beta[k], eta) - logDirichlet(beta[k], lam);
            }
            double doc = 0;
            for (int d = 0; d < 2; d++) {
                double[] g = java.util.Arrays.copyOfRange(GAMMA, d * K, d * K + K);
                double[] theta = LdaTestData.dirichlet(rng, g);
                doc += logDirichlet(theta, ALPHA) - logDirichlet(theta, g);
                for (int w : TOKENS[d]) {
                    double[] phi = new double[K];
                    double norm = 0;
                    for (int k = 0; k < K; k++) {
                        phi[k] = Math.exp(elogTheta[d * K + k] + elogBeta[k * V + w]);
                        norm += phi[k];
                    }
                    for (int k = 0; k < K; k++) {
                        phi[k] /= norm;
                    }
                    int z = LdaTestData.categorical(rng, phi, 0, K);
                    doc += Math.log(theta[z]) + Math.log(beta[z][w]) - Math.log(phi[z]);
                }
            }
            docSum[0] += doc;
            docSum[1] += doc * doc;
            topicSum[0] += topic;
            topicSum[1] += topic * topic;
        }
        check("documents", exact.documents(), docSum, draws);
        check("topics", exact.topics(), topicSum, draws);
    }

    private static void check(String name, double exact, double[] sums, int n) {
        double mean = sums[0] / n;
        double se = Math.sqrt((sums[1] / n - mean * mean) / n);
        assertTrue(Math.abs(mean - exact) < 4 * se, name + ": closed form " + exact + ", Monte Carlo " + mean + " ± " + se);
        assertTrue(se < 0.05, name + ": standard error " + se + " too large for the check to mean anything");
    }

    private static double[] elog(double[] rows, int width) {
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length / width; r++) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += rows[r * width + j];
            }
            for (int j = 0; j < width; j++) {
                out[r * width + j] = Digamma.value(rows[r * width + j]) - Digamma.value(sum);
            }
        }
        return out;
    }

    private static double logDirichlet(double[] x, double[] a) {
        double sum = 0;
        double value = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i];
            value += (a[i] - 1) * Math.log(x[i]) - LogGamma.value(a[i]);
        }
        return value + LogGamma.value(sum);
    }
}
