package org.elbo4j.model;

import org.elbo4j.dist.Normal;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;

/**
 * K group means with a shared Normal prior and n observations each, known noise:
 * {@code mu_k ~ N(mu0, tau²)}, {@code x_ik ~ N(mu_k, sigma²)}, written with nested plates (groups
 * at dimension −1, observations at −2, data of shape [n, K]). The posterior of each mu_k is
 * N(m_k, s²) with {@code 1/s² = 1/tau² + n/sigma²}, {@code m_k = s² (mu0/tau² + Σ_i x_ik / sigma²)},
 * and the evidence is a product of K Gaussian marginals
 * {@code x_·k ~ N(mu0·1, sigma² I + tau² 11ᵀ)}.
 */
final class ConjugateNormalModel {

    static final int K = 3;
    static final int N = 20;
    static final double MU0 = 0.5;
    static final double TAU = 2.0;
    static final double SIGMA = 1.5;

    final double[][] x = new double[N][K];
    final Tensor data;

    ConjugateNormalModel(long seed) {
        Rng rng = Rng.of(seed);
        double[] flat = new double[N * K];
        double[] truth = {-1.0, 0.3, 2.0};
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < K; k++) {
                x[i][k] = truth[k] + SIGMA * rng.nextGaussian();
                flat[i * K + k] = x[i][k];
            }
        }
        data = Tensor.of(flat, N, K);
    }

    /** The model as a function. */
    ModelFunction function() {
        return m -> {
            try (Plate groups = m.plate("groups", K)) {
                Tensor mu = m.sample("mu", Normal.of(MU0, TAU));
                try (Plate obs = m.plate("obs", N)) {
                    m.observe("x", Normal.of(mu, Tensor.scalar(SIGMA)), data);
                }
            }
        };
    }

    double posteriorSd() {
        return Math.sqrt(1.0 / (1.0 / (TAU * TAU) + N / (SIGMA * SIGMA)));
    }

    double posteriorMean(int k) {
        double s = 0;
        for (int i = 0; i < N; i++) {
            s += x[i][k];
        }
        double v = posteriorSd() * posteriorSd();
        return v * (MU0 / (TAU * TAU) + s / (SIGMA * SIGMA));
    }

    /** Σ_k log N(x_·k; mu0 1, sigma² I + tau² 11ᵀ), in double. */
    double logEvidence() {
        double total = 0;
        double s2 = SIGMA * SIGMA;
        double t2 = TAU * TAU;
        for (int k = 0; k < K; k++) {
            double sr = 0;
            double sr2 = 0;
            for (int i = 0; i < N; i++) {
                double r = x[i][k] - MU0;
                sr += r;
                sr2 += r * r;
            }
            double q = (sr2 - t2 * sr * sr / (s2 + N * t2)) / s2;
            total += -0.5 * N * Math.log(2 * Math.PI * s2) - 0.5 * Math.log1p(N * t2 / s2) - 0.5 * q;
        }
        return total;
    }
}
