package org.elbo4j.bayes;

import java.util.Optional;
import org.elbo4j.infer.LogDensity;

/**
 * The Laplace approximation N(m₀, H⁻¹) of the unconstrained posterior, used as the starting point
 * and the whitening of a variational fit ({@link InitStrategy#laplace()}): m₀ maximises
 * {@code ℓ(u) = log p(D, f(u)) + log |det J_f(u)|} and H = −∇²ℓ(m₀). Found by damped Newton
 * iterations in double from a start u₀ ({@link NewtonSearch}, shared with the MAP and Laplace fits):
 * <pre>
 *   u ← u + t H(u)⁻¹ ∇ℓ(u),   t ∈ {1, ½, ¼, …} the first step with ℓ not lower (backtracking),
 * </pre>
 * stopping when the Newton decrement {@code λ² = ∇ℓᵀ H⁻¹ ∇ℓ} (the squared distance to the mode
 * in posterior-sd units of the local Gaussian) is below {@value #DECREMENT_TOLERANCE}. When H is
 * not positive definite the step uses {@code H + μ I} (Levenberg–Marquardt, μ grown tenfold
 * until the factorisation succeeds). Gives up (empty) when d exceeds {@value #MAX_DIM}, a value
 * is not finite, or after {@value #MAX_ITERATIONS} iterations still λ² ≥ 1; the caller then
 * falls back to the plain start.
 *
 * <p>Implementation note: for a model with {@link ExactCurvature}, ℓ, ∇ℓ and H are its exact
 * double-precision values. Otherwise H comes from central differences of the autodiff gradient
 * ({@link FiniteDifferenceHessian}),
 * {@code H_·i ≈ −[∇ℓ(u + h_i e_i) − ∇ℓ(u − h_i e_i)] / (2 h_i)}, symmetrised. All 2d + 1 points
 * of one iteration are evaluated as one batch of particles (the models are vectorised over
 * particles), so an iteration costs about one gradient of a 2d + 1-particle ELBO. The steps are
 * {@code h_i = 10⁻³ max(1, |u_i|)} in the first iteration and a tenth of the previous Laplace sd,
 * {@code h_i = min(1, 0.1 / √H_ii)}, afterwards (exact for quadratic ℓ, and large enough that
 * the float32 gradient's rounding stays negligible).
 */
final class LaplaceStart {

    /** Models with more unconstrained coordinates than this start without the Laplace approximation. */
    static final int MAX_DIM = 300;
    static final int MAX_ITERATIONS = NewtonSearch.MAX_ITERATIONS;
    static final double DECREMENT_TOLERANCE = NewtonSearch.DECREMENT_TOLERANCE;

    private final double[] mode;
    private final double[][] precision;

    private LaplaceStart(double[] mode, double[][] precision) {
        this.mode = mode;
        this.precision = precision;
    }

    /**
     * The start N(centre, diag(sd²)) of another fit (not a Laplace approximation): the whitening
     * {@code u = centre + diag(sd) v} of a full-rank guide started from a mean-field fit.
     *
     * @throws IllegalArgumentException if the lengths differ or an entry is not finite, or an sd not &gt; 0
     */
    static LaplaceStart ofDiagonal(double[] centre, double[] sd) {
        if (centre.length != sd.length) {
            throw new IllegalArgumentException("LaplaceStart: sd must have one entry per coordinate ("
                    + centre.length + "), got " + sd.length);
        }
        double[][] precision = new double[sd.length][sd.length];
        for (int i = 0; i < sd.length; i++) {
            if (!Double.isFinite(centre[i]) || !(sd[i] > 0) || !Double.isFinite(sd[i])) {
                throw new IllegalArgumentException("LaplaceStart: centre must be finite and sd finite and > 0, got "
                        + centre[i] + " and " + sd[i] + " at index " + i);
            }
            precision[i][i] = 1 / (sd[i] * sd[i]);
        }
        return new LaplaceStart(centre.clone(), precision);
    }

    /** m₀. */
    double[] mode() {
        return mode.clone();
    }

    /** H = −∇²ℓ(m₀). */
    double[][] precision() {
        double[][] c = new double[precision.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = precision[i].clone();
        }
        return c;
    }

    /** The Newton search from {@code start}; empty when it fails (see the class comment). */
    static Optional<LaplaceStart> find(BayesModel model, UnconstrainedLayout layout, double[] start) {
        return find(model, layout, start, DECREMENT_TOLERANCE);
    }

    /**
     * As {@link #find(BayesModel, UnconstrainedLayout, double[])}, stopping at the decrement
     * {@code tolerance} (a looser start for a fit that goes on with Newton-like steps of its own).
     */
    static Optional<LaplaceStart> find(BayesModel model, UnconstrainedLayout layout, double[] start,
            double tolerance) {
        if (layout.dim() > MAX_DIM) {
            return Optional.empty();
        }
        UnconstrainedDensity density = UnconstrainedDensity.of(model, layout);
        return find(density.exact() != null ? density.exact() : density, start, tolerance);
    }

    /** The Newton search on {@code target} from {@code start}; empty when it fails or d exceeds {@value #MAX_DIM}. */
    static Optional<LaplaceStart> find(LogDensity target, double[] start) {
        return find(target, start, DECREMENT_TOLERANCE);
    }

    private static Optional<LaplaceStart> find(LogDensity target, double[] start, double tolerance) {
        if (start.length > MAX_DIM) {
            return Optional.empty();
        }
        NewtonSearch.Result result = NewtonSearch.run(target, start, MAX_ITERATIONS, tolerance);
        return result == null ? Optional.empty()
                : Optional.of(new LaplaceStart(result.mode(), result.negativeHessian()));
    }
}
