package org.elbo4j.mixture;

/**
 * The evidence lower bound of a Gaussian mixture for any distribution q(z) = Π_n Cat(z_n | r_n)
 * over the assignments:
 *
 * <pre>  ELBO(q, θ) = Σ_n Σ_k r_nk [log π_k + log N(x_n | μ_k, Σ_k) − log r_nk]
 *              = log p(X | θ) − Σ_n KL(q(z_n) ‖ p(z_n | x_n, θ))</pre>
 *
 * (0 log 0 = 0). It equals the log-likelihood exactly when q is the posterior, which is what the
 * E-step of EM sets (THEORY.md §6; Neal &amp; Hinton 1998). Computed here term by term, with no
 * use of that identity, so that the identity can be checked.
 */
public final class MixtureElbo {

    private MixtureElbo() {
    }

    /** ELBO(q, θ) for the responsibilities r (q) and the mixture θ. */
    public static double of(MixtureData data, GaussianMixture theta, Responsibilities r) {
        if (r.size() != data.size() || r.components() != theta.components()) {
            throw new IllegalArgumentException("MixtureElbo: responsibilities are " + r.size() + "x" + r.components()
                    + ", expected " + data.size() + "x" + theta.components());
        }
        double[] logWeights = theta.weights();
        for (int c = 0; c < logWeights.length; c++) {
            logWeights[c] = Math.log(logWeights[c]);
        }
        double elbo = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] x = data.row(i);
            double row = 0;
            for (int c = 0; c < logWeights.length; c++) {
                double q = r.get(i, c);
                if (q > 0) {
                    row += q * (logWeights[c] + theta.logDensity(x, c) - Math.log(q));
                }
            }
            elbo += row;
        }
        return elbo;
    }
}
