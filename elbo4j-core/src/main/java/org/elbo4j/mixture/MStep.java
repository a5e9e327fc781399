package org.elbo4j.mixture;

/**
 * The M-step of EM: the parameters that maximise
 * {@code Σ_n Σ_k r_nk [log π_k + log N(x_n | μ_k, Σ_k)]} for fixed responsibilities,
 *
 * <pre>  N_k = Σ_n r_nk + 10ε,   π_k = N_k / Σ_j N_j,   μ_k = Σ_n r_nk x_n / N_k
 *   full:      Σ_k = S_k / N_k + λI,         S_k = Σ_n r_nk (x_n − μ_k)(x_n − μ_k)ᵀ
 *   diag:      Σ_k = diag(S_k) / N_k + λI
 *   spherical: σ²_k = tr(S_k) / (d N_k) + λ
 *   tied:      Σ = Σ_k S_k / Σ_k N_k + λI</pre>
 *
 * with λ = regCovar, the floor that keeps every Σ_k positive definite (scikit-learn's
 * {@code reg_covar}; ε is the double machine epsilon, scikit-learn's guard for an empty component).
 */
final class MStep {

    private MStep() {
    }

    static GaussianMixture run(MixtureData data, Responsibilities r, CovarianceType type, double regCovar) {
        int k = r.components();
        int d = data.dimension();
        double[] nk = new double[k];
        double total = 0;
        double[][] means = new double[k][d];
        for (int c = 0; c < k; c++) {
            nk[c] = r.counts[c] + 10 * Math.ulp(1.0);
            total += nk[c];
            for (int j = 0; j < d; j++) {
                means[c][j] = r.sums[c][j] / nk[c];
            }
        }
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = nk[c] / total;
        }
        double[][] s = Scatter.of(data, r, means, type.diagonal());
        double[][] cov = new double[k][d * d];
        switch (type) {
            case FULL, DIAG -> {
                for (int c = 0; c < k; c++) {
                    for (int e = 0; e < d * d; e++) {
                        cov[c][e] = s[c][e] / nk[c];
                    }
                    addDiagonal(cov[c], d, regCovar);
                }
            }
            case SPHERICAL -> {
                for (int c = 0; c < k; c++) {
                    double v = 0;
                    for (int j = 0; j < d; j++) {
                        v += s[c][j * d + j] / nk[c] + regCovar;
                    }
                    v /= d;
                    for (int j = 0; j < d; j++) {
                        cov[c][j * d + j] = v;
                    }
                }
            }
            case TIED -> {
                double[] shared = new double[d * d];
                for (int c = 0; c < k; c++) {
                    for (int e = 0; e < d * d; e++) {
                        shared[e] += s[c][e];
                    }
                }
                for (int e = 0; e < d * d; e++) {
                    shared[e] /= total;
                }
                addDiagonal(shared, d, regCovar);
                for (int c = 0; c < k; c++) {
                    cov[c] = shared.clone();
                }
            }
            default -> throw new IllegalStateException(type.toString());
        }
        return GaussianMixture.ofOwned(type, weights, means, cov);
    }

    private static void addDiagonal(double[] m, int d, double v) {
        for (int j = 0; j < d; j++) {
            m[j * d + j] += v;
        }
    }
}
