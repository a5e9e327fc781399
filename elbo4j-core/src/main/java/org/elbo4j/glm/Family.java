package org.elbo4j.glm;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A response distribution with its link for a generalised linear model: y ~ p(y | μ = g⁻¹(η), aux),
 * with the exact log-likelihood (normalising constants included) and its derivatives in η and in
 * the logs of the auxiliary parameters ({@link Derivatives}). The families and parameterisations
 * are brms's (Bürkner 2017, "brms: An R package for Bayesian multilevel models using Stan"):
 * <ul>
 *   <li>{@code gaussian} (identity; sigma), {@code student} (identity; sigma, nu)</li>
 *   <li>{@code bernoulli}, {@code binomial} with trials (logit, probit)</li>
 *   <li>{@code poisson} (log), {@code negbinomial} (log; shape φ, Var y = μ + μ²/φ)</li>
 *   <li>{@code gamma} (log; shape α, rate α/μ), {@code beta} (logit; phi, Beta(μφ, (1 − μ)φ))</li>
 * </ul>
 */
public interface Family {

    /** The family name ({@code poisson}). */
    String name();

    /** The link name ({@code log}). */
    String link();

    /** The auxiliary parameters, brms's names ({@code sigma}, {@code shape}, {@code phi}, {@code nu}). */
    List<String> auxNames();

    /** True for a response counted out of {@code trials} ({@code binomial}). */
    default boolean needsTrials() {
        return false;
    }

    /** True for a discrete response (counts or 0/1), whose predictive check is a rootogram. */
    boolean discrete();

    /**
     * Rejects a response outside the support.
     *
     * @throws IllegalArgumentException naming the family, the constraint and the value
     */
    void check(double y, double trials);

    /**
     * ℓ and its derivatives at one observation into {@code out}; {@code logAux} holds θ_a = log aux_a.
     * {@code trials} is 1 for families without trials.
     */
    void evaluate(double y, double trials, double eta, double[] logAux, Derivatives out);

    /**
     * Σ_{n<count} ℓ(y_n | η_n, aux), with ∂ℓ_n/∂η_n written into {@code deta[n]}, when
     * {@code auxGrad} is not null Σ_n ∂ℓ_n/∂θ_a written into {@code auxGrad[a]}, and when
     * {@code values} is not null ℓ_n into {@code values[n]}: the pass of a whole data set at one point. {@code trials} null means 1 for every row. The default
     * calls {@link #evaluate} row by row, summing in row order; a family may override it with a
     * loop that needs fewer transcendental calls per row (equal to the default within a few ulp
     * per row).
     */
    default double evaluateRows(double[] y, double[] trials, double[] eta, int count, double[] logAux, double[] deta,
            double[] auxGrad, double[] values) {
        Derivatives d = new Derivatives();
        int auxCount = auxNames().size();
        if (auxGrad != null) {
            java.util.Arrays.fill(auxGrad, 0, auxCount, 0);
        }
        double value = 0;
        for (int n = 0; n < count; n++) {
            evaluate(y[n], trials == null ? 1 : trials[n], eta[n], logAux, d);
            value += d.value;
            deta[n] = d.eta;
            if (values != null) {
                values[n] = d.value;
            }
            for (int a = 0; auxGrad != null && a < auxCount; a++) {
                auxGrad[a] += d.aux[a];
            }
        }
        return value;
    }

    /** ℓ(y | η, aux) alone ({@code logAux} as in {@link #evaluate}). */
    default double logLikelihood(double y, double trials, double eta, double[] logAux) {
        Derivatives d = new Derivatives();
        evaluate(y, trials, eta, logAux, d);
        return d.value;
    }

    /** E[y | η, aux] (times the trials for binomial). */
    double mean(double eta, double[] logAux, double trials);

    /** One draw of y given η and aux. */
    double draw(double eta, double[] logAux, double trials, RandomGenerator rng);
}
