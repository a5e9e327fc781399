package org.elbo4j.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.elbo4j.infer.Verdict;

/**
 * The fit of a {@link GuideFamily#NESTED_LAPLACE} guide on a {@link LatentGaussianDensity}
 * ℓ(θ, x): the mode m of the Laplace-approximate marginal f(θ) = log p̃(θ | D)
 * ({@link ConditionalMode.Result#logMarginal()}) by Newton's method on central differences of f,
 * and the curvature there, which make the {@link NestedLaplaceProposal}. Each Newton step solves
 * −∇²f Δ = ∇f (a multiple of the identity added until −∇²f is positive definite), is cut to at
 * most {@value #MAX_STEP} in every coordinate, and halved until f does not fall; the search stops
 * when the decrement ∇fᵀ(−∇²f)⁻¹∇f is below {@value #DECREMENT_TOLERANCE} (f within half that of its
 * maximum) after at most {@value #MAX_ITERATIONS} steps. The differences use steps of
 * {@value #DIFFERENCE_STEP} (2p² + 1 values of f per step for p hyperparameters: a Newton search over x
 * each, started from x* at the current θ).
 *
 * <p>The proposal's t has scale C Cᵀ = (−∇²f)⁻¹ at m, stretched per axis of C and per side (as INLA's
 * asymmetric Gaussian stretches its grid): at θ = m ± {@value #SPLIT_PROBE} C e_i, f has dropped by D±
 * from its maximum, and a Gaussian would have dropped by {@value #SPLIT_PROBE}²/2, so that side of the
 * axis is stretched by s± = {@value #SPLIT_PROBE} / √(2 D±), kept within [{@value #SPLIT_MIN},
 * {@value #SPLIT_MAX}] ({@value #SPLIT_MAX} when f does not drop). A group sd whose data say little
 * has a long tail towards 0 in log sd that the curvature at the mode misses: on the brms bernoulli
 * benchmark, seed 5, sd_g__x's axis got s⁻ 1.68 and s⁺ 0.8, and k̂ fell from 0.77 (ESS 720 of 24,000
 * draws, the heaviest weights all at log sd_g__x −2.7 to −5.2, 5–11 scale units out) to 0.28 (ESS
 * 2292 of 8000); probing at 2 instead of 3 gave 0.41 (ESS 2018).
 *
 * <p>The fitted Gaussian of the result ({@link Optimisation#guide()}) is the linearisation of q at
 * m: mean (m, x*(m)), covariance Σ_θθ = (−∇²f)⁻¹, Σ_xθ = J Σ_θθ, Σ_xx = H⁻¹ + J Σ_θθ Jᵀ with
 * J = ∂x* / ∂θ = −H_xx⁻¹ H_xθ (implicit differentiation of ∇_x ℓ = 0). q itself is the proposal.
 */
final class NestedLaplace {

    static final double DIFFERENCE_STEP = 1e-3;
    static final double DECREMENT_TOLERANCE = 1e-8;
    static final int MAX_ITERATIONS = 50;
    static final double MAX_STEP = 2;
    /** Where each axis of the proposal's scale is probed, in scale units. */
    static final double SPLIT_PROBE = 3;
    /** The least stretch of one side of an axis. */
    static final double SPLIT_MIN = 0.8;
    /** The most stretch of one side of an axis. */
    static final double SPLIT_MAX = 5;

    private NestedLaplace() {
    }

    /** The fit from {@code init} (a point of ℝᵈ: its θ part starts the search, its x part the first latent search). */
    static Optimisation fit(LatentGaussianDensity target, double[] init, List<String> names) {
        ConditionalMode inner = new ConditionalMode(target, init.length, target.hyperparameters(),
                target.separableLatentBlocks());
        int p = inner.hyper().length;
        double[] theta = inner.hyperOf(init);
        ConditionalMode.Result at = inner.find(theta, inner.latentOf(init));
        List<Double> trace = new ArrayList<>();
        if (!Double.isFinite(at.value())) {
            return failed(names, init, trace, 0, "the latent mode at the start is not finite");
        }
        double f = at.logMarginal();
        trace.add(f);
        double[] gradient = new double[p];
        double[][] negHess = new double[p][p];
        int iterations = 0;
        Verdict verdict = Verdict.MAX_STEPS;
        String reason = "";
        DenseCholesky curvature = null;
        while (p > 0) {
            if (!differences(inner, theta, at, f, gradient, negHess)) {
                return failed(names, inner.join(theta, at.latent()), trace, iterations,
                        "the Laplace marginal is not finite near the step " + iterations + " point");
            }
            curvature = ConditionalMode.factor(negHess);
            double[] step = curvature.solve(gradient);
            double decrement = 0;
            double largest = 0;
            for (int i = 0; i < p; i++) {
                decrement += gradient[i] * step[i];
                largest = Math.max(largest, Math.abs(step[i]));
            }
            if (decrement < DECREMENT_TOLERANCE) {
                verdict = Verdict.CONVERGED;
                reason = String.format(java.util.Locale.ROOT,
                        "Newton decrement %.2g of the Laplace marginal of %d hyperparameters after %d steps", decrement,
                        p, iterations);
                break;
            }
            if (iterations == MAX_ITERATIONS) {
                reason = String.format(java.util.Locale.ROOT, "Newton decrement still %.2g after %d steps", decrement,
                        iterations);
                break;
            }
            iterations++;
            double cut = Math.min(1, MAX_STEP / largest);
            double alpha = cut;
            while (true) {
                double[] next = theta.clone();
                for (int i = 0; i < p; i++) {
                    next[i] += alpha * step[i];
                }
                ConditionalMode.Result there = inner.find(next, at.latent());
                double g = there.logMarginal();
                if (Double.isFinite(g) && g >= f - 1e-12 * Math.abs(f) || alpha < 1e-8) {
                    if (!Double.isFinite(g)) {
                        return failed(names, inner.join(theta, at.latent()), trace, iterations,
                                "no step from the step " + iterations + " point keeps the Laplace marginal finite");
                    }
                    theta = next;
                    at = there;
                    f = g;
                    break;
                }
                alpha *= 0.5;
            }
            trace.add(f);
        }
        if (p == 0) {
            verdict = at.converged() ? Verdict.CONVERGED : Verdict.MAX_STEPS;
            reason = "no hyperparameters: the Laplace approximation of every coordinate";
        }
        double[][] sigmaTheta = p == 0 ? new double[0][0] : curvature.inverse();
        double[][] slope = slope(target, inner, theta, at);
        DenseCholesky c = p == 0 ? null : ConditionalMode.factor(sigmaTheta);
        double[] up = new double[p];
        double[] down = new double[p];
        for (int i = 0; i < p; i++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double[] e = new double[p];
                e[i] = sign * SPLIT_PROBE;
                double[] ce = c.multiplyLower(e);
                double[] next = theta.clone();
                for (int k = 0; k < p; k++) {
                    next[k] += ce[k];
                }
                double drop = f - inner.find(next, at.latent()).logMarginal();
                double s = drop > 0 && Double.isFinite(drop) ? SPLIT_PROBE / Math.sqrt(2 * drop) : SPLIT_MAX;
                s = Math.max(SPLIT_MIN, Math.min(SPLIT_MAX, s));
                if (sign > 0) {
                    up[i] = s;
                } else {
                    down[i] = s;
                }
            }
        }
        NestedLaplaceProposal proposal = new NestedLaplaceProposal(inner, theta, c, at.latent(), slope, up, down);
        UnconstrainedGaussian linear = linearised(inner, theta, at, sigmaTheta, slope, names);
        double[] tr = trace.stream().mapToDouble(Double::doubleValue).toArray();
        return new Optimisation(verdict, reason, tr, iterations, linear, Optional.empty(), Optional.of(proposal));
    }

    /**
     * ∇f and −∇²f at θ by central differences (f0 = f(θ)); false when a value is not finite.
     */
    private static boolean differences(ConditionalMode inner, double[] theta, ConditionalMode.Result at, double f0,
            double[] gradient, double[][] negHess) {
        int p = theta.length;
        double h = DIFFERENCE_STEP;
        double[] plus = new double[p];
        double[] minus = new double[p];
        for (int i = 0; i < p; i++) {
            plus[i] = value(inner, shifted(theta, i, h, -1, 0), at);
            minus[i] = value(inner, shifted(theta, i, -h, -1, 0), at);
            gradient[i] = (plus[i] - minus[i]) / (2 * h);
            negHess[i][i] = -(plus[i] - 2 * f0 + minus[i]) / (h * h);
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                double pp = value(inner, shifted(theta, i, h, j, h), at);
                double pm = value(inner, shifted(theta, i, h, j, -h), at);
                double mp = value(inner, shifted(theta, i, -h, j, h), at);
                double mm = value(inner, shifted(theta, i, -h, j, -h), at);
                negHess[i][j] = -(pp - pm - mp + mm) / (4 * h * h);
                negHess[j][i] = negHess[i][j];
            }
        }
        for (int i = 0; i < p; i++) {
            if (!Double.isFinite(gradient[i])) {
                return false;
            }
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(negHess[i][j])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double value(ConditionalMode inner, double[] theta, ConditionalMode.Result from) {
        return inner.find(theta, from.latent()).logMarginal();
    }

    private static double[] shifted(double[] theta, int i, double hi, int j, double hj) {
        double[] t = theta.clone();
        t[i] += hi;
        if (j >= 0) {
            t[j] += hj;
        }
        return t;
    }

    /** J = ∂x* / ∂θ = −H_xx⁻¹ H_xθ at (θ, x*(θ)) (n × p), from the full Hessian there. */
    private static double[][] slope(LatentGaussianDensity target, ConditionalMode inner, double[] theta,
            ConditionalMode.Result at) {
        int[] hyper = inner.hyper();
        int[] latent = inner.latent();
        int p = hyper.length;
        int n = latent.length;
        int d = inner.dim();
        double[][] h = new double[d][d];
        target.curvature(inner.join(theta, at.latent()), new double[d], h);
        double[][] jac = new double[n][p];
        for (int c = 0; c < p; c++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = h[latent[i]][hyper[c]];
            }
            double[] s = at.precision().solve(col);
            for (int i = 0; i < n; i++) {
                jac[i][c] = -s[i];
            }
        }
        return jac;
    }

    /** The linearised Gaussian of the class comment. */
    private static UnconstrainedGaussian linearised(ConditionalMode inner, double[] theta, ConditionalMode.Result at,
            double[][] sigmaTheta, double[][] jac, List<String> names) {
        int[] hyper = inner.hyper();
        int[] latent = inner.latent();
        int p = hyper.length;
        int n = latent.length;
        int d = inner.dim();
        double[] mean = inner.join(theta, at.latent());
        double[][] cov = new double[d][d];
        double[][] hInv = at.precision().inverse();
        double[][] jSigma = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < p; c++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += jac[i][k] * sigmaTheta[k][c];
                }
                jSigma[i][c] = s;
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                cov[hyper[a]][hyper[b]] = sigmaTheta[a][b];
            }
            for (int i = 0; i < n; i++) {
                cov[latent[i]][hyper[a]] = jSigma[i][a];
                cov[hyper[a]][latent[i]] = jSigma[i][a];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= i; k++) {
                double s = hInv[i][k];
                for (int c = 0; c < p; c++) {
                    s += jSigma[i][c] * jac[k][c];
                }
                cov[latent[i]][latent[k]] = s;
                cov[latent[k]][latent[i]] = s;
            }
        }
        return new UnconstrainedGaussian(List.copyOf(names), mean, cov);
    }

    private static Optimisation failed(List<String> names, double[] u, List<Double> trace, int steps, String why) {
        double[][] zero = new double[u.length][u.length];
        return new Optimisation(Verdict.NON_FINITE, why, trace.stream().mapToDouble(Double::doubleValue).toArray(),
                steps, new UnconstrainedGaussian(List.copyOf(names), Arrays.copyOf(u, u.length), zero));
    }
}
