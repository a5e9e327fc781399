package org.elbo4j.ppca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.elbo4j.bayes.DenseCholesky;
import org.elbo4j.linalg.Covariance;
import org.junit.jupiter.api.Test;

/**
 * The moment form of the PPCA ELBO: equal to the exact log-likelihood at the posterior's own
 * parameters (1e-12), below it elsewhere, and equal to a Monte Carlo estimate of
 * Σ_n E_q[log p(x_n, z) − log q(z)] computed point by point from the raw data.
 */
class PpcaElboTest {

    static PpcaModel randomModel(long seed, double[] mean, int q) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] w = new double[mean.length][q];
        for (double[] row : w) {
            for (int j = 0; j < q; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return PpcaModel.of(mean, w, 0.2 + rng.nextDouble());
    }

    @Test
    void equalsTheLogLikelihoodAtItsOwnParametersAndBoundsItElsewhere() {
        Covariance data = Covariance.of(PpcaTestData.table("iris"));
        for (int seed = 0; seed < 5; seed++) {
            PpcaModel at = randomModel(seed, data.mean(), 2);
            PpcaElbo elbo = PpcaElbo.posterior(data, at);
            double l = at.logLikelihood(data);
            assertEquals(l, elbo.at(at), 1e-12 * Math.abs(l), "seed " + seed);
            PpcaModel other = randomModel(seed + 100, data.mean(), 2);
            assertTrue(elbo.at(other) < other.logLikelihood(data), "seed " + seed);
        }
    }

    @Test
    void agreesWithMonteCarloPointByPoint() {
        double[][] x = PpcaTestData.table("iris");
        Covariance data = Covariance.of(x);
        double[] mean = data.mean();
        int d = 4;
        int q = 2;
        PpcaModel posteriorOf = randomModel(1, mean, q);
        PpcaModel evaluatedAt = randomModel(2, mean, q);
        double expected = PpcaElbo.posterior(data, posteriorOf).at(evaluatedAt);

        double[][] w0 = posteriorOf.loadings();
        double s0 = posteriorOf.noiseVariance();
        double[][] m0 = new double[q][q];
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                for (int i = 0; i < d; i++) {
                    m0[a][b] += w0[i][a] * w0[i][b];
                }
                m0[a][b] += a == b ? s0 : 0;
            }
        }
        double[][] m0inv = DenseCholesky.of(m0).inverse();
        double[][] sigma = new double[q][q];
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                sigma[a][b] = s0 * m0inv[a][b];
            }
        }
        DenseCholesky sigmaChol = DenseCholesky.of(sigma);
        double[][] w = evaluatedAt.loadings();
        double s2 = evaluatedAt.noiseVariance();
        SplittableRandom rng = new SplittableRandom(77);
        int draws = 400;
        double sum = 0;
        double sumSquares = 0;
        for (double[] row : x) {
            double[] centred = new double[d];
            for (int i = 0; i < d; i++) {
                centred[i] = row[i] - mean[i];
            }
            double[] m = new double[q];
            for (int a = 0; a < q; a++) {
                for (int b = 0; b < q; b++) {
                    for (int i = 0; i < d; i++) {
                        m[a] += m0inv[a][b] * w0[i][b] * centred[i];
                    }
                }
            }
            for (int k = 0; k < draws; k++) {
                double[] eps = {rng.nextGaussian(), rng.nextGaussian()};
                double[] dz = sigmaChol.multiplyLower(eps);
                double[] z = {m[0] + dz[0], m[1] + dz[1]};
                double logLik = -0.5 * d * Math.log(2 * Math.PI * s2);
                for (int i = 0; i < d; i++) {
                    double r = centred[i] - w[i][0] * z[0] - w[i][1] * z[1];
                    logLik -= r * r / (2 * s2);
                }
                double logPrior = -Math.log(2 * Math.PI) - 0.5 * (z[0] * z[0] + z[1] * z[1]);
                double[] white = sigmaChol.solveLower(dz);
                double logQ = -Math.log(2 * Math.PI) - 0.5 * sigmaChol.logDet()
                        - 0.5 * (white[0] * white[0] + white[1] * white[1]);
                double v = logLik + logPrior - logQ;
                sum += v;
                sumSquares += v * v;
            }
        }
        double n = x.length * (double) draws;
        double meanValue = sum / n;
        double standardError = Math.sqrt((sumSquares / n - meanValue * meanValue) / n) * x.length;
        double estimate = sum / draws;
        // 5 standard errors: false-failure rate below 1e-6 for this fixed seed's distribution
        assertEquals(expected, estimate, 5 * standardError, "SE " + standardError);
        assertTrue(standardError < 0.01 * Math.abs(expected), "the check is sharp: SE " + standardError);
    }
}
