package org.elbo4j.bayes;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The importance proposal of a {@link GuideFamily#NESTED_LAPLACE} fit over u = (θ, x):
 * <pre>
 *   q(θ, x) = q(θ) · N(x; x*(θ), H(θ)⁻¹)
 * </pre>
 * on the hyperparameters a multivariate Student t around the mode m of their Laplace-approximate
 * marginal log p̃(θ | D), with scale C Cᵀ from its inverse curvature, stretched per axis and side
 * (s_i⁺, s_i⁻: {@link NestedLaplace}); on the latent coordinates the conditional Laplace approximation
 * at θ ({@link ConditionalMode}). A draw is a map of {@link #noiseSize()} independent standard
 * normals (y, c, z):
 * <pre>
 *   z_i = y_i √(ν / Σ c_k²) · s_i(sign y_i)   (c has ν entries: Σ c_k² ~ χ²_ν),   θ = m + C z,
 *   x = x*(θ) + L(θ)⁻ᵀ z,   H = L Lᵀ
 *   log q = log Γ((ν+p)/2) − log Γ(ν/2) − (p/2) log(νπ) − log det C − Σ_i log s_i
 *           − ((ν+p)/2) log(1 + δ²/ν) − (n/2) log 2π + ½ log det H − ½ |z|²,    δ² = |y|² ν / Σ c_k²
 * </pre>
 * (p hyperparameters, n latent coordinates; the stretch is one linear map per orthant, so the density
 * is the t's divided by the product of the orthant's stretches). The t's tails cover a marginal
 * heavier or more skewed than its Laplace approximation; the importance weights p(D, u) / q(u) correct
 * both parts, and their Pareto k̂ says whether they could. With no hyperparameters q is the Laplace
 * approximation N(x*, H⁻¹). Draws come in antithetic pairs that share θ (and so the Newton step) with
 * z and −z: the pair's terms odd in z (the conditional's skewness) cancel in its average, and one
 * Newton step serves two draws. x*(θ) and H(θ) are those of {@link ConditionalMode#approximate}, from
 * x*(m) + J (θ − m) with J = ∂x* / ∂θ at m, so each draw is a function of its own noise alone, whatever
 * the order or the thread that maps it.
 */
public final class NestedLaplaceProposal {

    /**
     * ν, the degrees of freedom of the hyperparameters' t (an integer: ν normals make its χ²). On the
     * brms benchmarks (seed 1, 4000 draws, before the per-side stretch) ν = 3 gave k̂ 0.38 / 0.36 and
     * ESS 873 / 811 (epilepsy / bernoulli), against 0.60 / 0.53 and 311 / 736 with ν = 5, 0.56 / 0.65
     * and 540 / 172 with ν = 10, 0.52 / 0.68 and 561 / 301 with ν = 30. With the stretch (seeds 1–3)
     * ν = 3 still needed the fewest draws: bernoulli 8000–16,000 against 16,000–20,000 with ν = 5 and
     * 8000–16,000 with ν = 10 (k̂ 0.29–0.54, 0.43–0.48, 0.45–0.64).
     */
    static final int DEGREES_OF_FREEDOM = 3;
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private final ConditionalMode inner;
    private final double[] location;
    private final DenseCholesky scale;
    private final double[] latentStart;
    /** J = ∂x* / ∂θ at m: each draw's Newton search starts at x*(m) + J (θ − m). */
    private final double[][] slope;
    private final double logTNormaliser;
    /** s_i⁺ and s_i⁻: the t's standard coordinate z_i is stretched by s_i⁺ where positive, s_i⁻ where negative. */
    private final double[] up;
    private final double[] down;

    /**
     * @param inner       the conditional mode search (which coordinates are θ)
     * @param location    m
     * @param scale       the Cholesky factor C of the t's scale matrix (null with no hyperparameters)
     * @param latentStart x*(m)
     * @param slope       J = ∂x* / ∂θ at m (n × p): each draw's Newton search starts at x*(m) + J (θ − m)
     * @param up          s_i⁺, the stretch of axis i of C where z_i ≥ 0 (length p, each &gt; 0)
     * @param down        s_i⁻, where z_i &lt; 0
     */
    NestedLaplaceProposal(ConditionalMode inner, double[] location, DenseCholesky scale, double[] latentStart,
            double[][] slope, double[] up, double[] down) {
        this.up = up.clone();
        this.down = down.clone();
        this.slope = slope;
        this.inner = inner;
        this.location = location.clone();
        this.scale = scale;
        this.latentStart = latentStart.clone();
        int p = location.length;
        double nu = DEGREES_OF_FREEDOM;
        this.logTNormaliser = p == 0 ? 0
                : LogGamma.value(0.5 * (nu + p)) - LogGamma.value(0.5 * nu) - 0.5 * p * Math.log(nu * Math.PI)
                        - 0.5 * scale.logDet();
    }

    /**
     * log q(θ), the hyperparameters' part of the proposal: with z̃ = C⁻¹(θ − m) and z_i = z̃_i / s_i
     * (s_i⁺ where z̃_i ≥ 0, s_i⁻ below), log t_ν(z) − log det C − Σ_i log s_i.
     */
    double logHyperDensity(double[] theta) {
        int p = location.length;
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            y[i] = theta[i] - location[i];
        }
        double[] w = scale.solveLower(y);
        double d2 = 0;
        double logS = 0;
        for (int i = 0; i < p; i++) {
            double s = w[i] >= 0 ? up[i] : down[i];
            d2 += (w[i] / s) * (w[i] / s);
            logS += Math.log(s);
        }
        double nu = DEGREES_OF_FREEDOM;
        return logTNormaliser - 0.5 * (nu + p) * Math.log1p(d2 / nu) - logS;
    }

    /** d, the length of u. */
    int dim() {
        return inner.dim();
    }

    /** Standard normals per draw: p + ν + n (p + n... without hyperparameters: n). */
    int noiseSize() {
        int p = location.length;
        return p == 0 ? inner.latent().length : p + DEGREES_OF_FREEDOM + inner.latent().length;
    }

    /**
     * The draw of {@code noise} (length {@link #noiseSize()}) into u (length d) and, when
     * {@code mirror} is not null, its antithetic partner (θ the same, z negated: x*(θ) − L⁻ᵀz, the
     * same log q) into mirror; returns log q(u), or +∞ when the latent mode at θ could not be found
     * (both draws then weigh nothing).
     */
    double draw(double[] noise, double[] u, double[] mirror) {
        int p = location.length;
        double[] theta = location.clone();
        double logT = 0;
        int at = 0;
        if (p > 0) {
            double chi2 = 0;
            for (int k = 0; k < DEGREES_OF_FREEDOM; k++) {
                double c = noise[p + k];
                chi2 += c * c;
            }
            double nu = DEGREES_OF_FREEDOM;
            double stretch = Math.sqrt(nu / chi2);
            double[] z = new double[p];
            double y2 = 0;
            double logStretch = 0;
            for (int i = 0; i < p; i++) {
                double y = noise[i];
                y2 += y * y;
                double s = y >= 0 ? up[i] : down[i];
                z[i] = y * stretch * s;
                logStretch += Math.log(s);
            }
            double[] cz = scale.multiplyLower(z);
            for (int i = 0; i < p; i++) {
                theta[i] += cz[i];
            }
            double delta2 = y2 * nu / chi2;
            logT = logTNormaliser - 0.5 * (nu + p) * Math.log1p(delta2 / nu) - logStretch;
            at = p + DEGREES_OF_FREEDOM;
        }
        double[] start = latentStart.clone();
        for (int i = 0; i < start.length; i++) {
            for (int c = 0; c < p; c++) {
                start[i] += slope[i][c] * (theta[c] - location[c]);
            }
        }
        ConditionalMode.Result mode = inner.approximate(theta, start);
        int n = latentStart.length;
        double[] z = java.util.Arrays.copyOfRange(noise, at, at + n);
        boolean usable = Double.isFinite(mode.value());
        double[] dx = usable ? mode.precision().solveUpper(z) : new double[n];
        double[] centre = usable ? mode.latent() : latentStart;
        double[] x = new double[n];
        double z2 = 0;
        for (int i = 0; i < n; i++) {
            x[i] = centre[i] + dx[i];
            z2 += z[i] * z[i];
        }
        inner.join(theta, x, u);
        if (mirror != null) {
            for (int i = 0; i < n; i++) {
                x[i] = centre[i] - dx[i];
            }
            inner.join(theta, x, mirror);
        }
        if (!usable) {
            return Double.POSITIVE_INFINITY;
        }
        return logT - 0.5 * n * LOG_TWO_PI + 0.5 * mode.precision().logDet() - 0.5 * z2;
    }
}
