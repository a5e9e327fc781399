package org.elbo4j.bayes;

import org.elbo4j.infer.LogDensity;
import org.elbo4j.infer.LogDensityHessian;

/**
 * The library's one mode search in double: damped Newton iterations on a {@link LogDensity} ℓ
 * from a start u₀,
 * <pre>
 *   u ← u + t H(u)⁻¹ ∇ℓ(u),   t ∈ {1, ½, ¼, …, 2⁻²⁰} the first step with ℓ not lower (backtracking),
 * </pre>
 * stopping when the Newton decrement {@code λ² = ∇ℓᵀ H⁻¹ ∇ℓ} (the squared distance to the mode
 * in posterior-sd units of the local Gaussian) is below a tolerance ({@value #DECREMENT_TOLERANCE}
 * for a starting point, {@value #POLISH_TOLERANCE} to polish a final mode). When H is
 * not positive definite the step uses {@code H + μ I} (Levenberg–Marquardt, μ grown tenfold
 * until the factorisation succeeds). H is exact when ℓ is a {@link LogDensityHessian}, otherwise
 * from {@link FiniteDifferenceHessian} with steps rescaled to a tenth of the previous Laplace sd.
 * Fails (null) when a value is not finite, no damping factors H, or after the last iteration
 * ({@value #MAX_ITERATIONS} by default) still λ² ≥ 1 or H is not positive definite.
 *
 * <p>Used by {@link LaplaceStart} from the initial point, and by {@link ModeFinder} to polish the
 * result of its gradient ascent.
 *
 * <p>The step whose decrement is below the tolerance is the last, and is taken whole without
 * evaluating ℓ there: the line search could only reject it by rounding (ℓ rises by about λ²/2 this
 * close to the mode), and the evaluation's gradient and H would be discarded. (Before, this cost
 * one more evaluation, one Spark job on a partitioned model, for the same point.)
 *
 * <p>Implementation note: with the exact code the line-search candidates are tried one at a time
 * (usually t = 1 is accepted) with no slack, each evaluating ℓ, ∇ℓ and H at once, so the accepted
 * one's curvature starts the next iteration without another evaluation; otherwise the 21 candidates are one batch of points
 * and ℓ may be lower by float32 rounding, {@code 10⁻⁶ max(1, |ℓ|)}.
 */
final class NewtonSearch {

    static final int MAX_ITERATIONS = 50;
    static final double DECREMENT_TOLERANCE = 1e-4;
    /** The decrement tolerance of a final MAP or Laplace mode. */
    static final double POLISH_TOLERANCE = 1e-12;
    private static final int LINE_SEARCH_CANDIDATES = 21;

    /**
     * The outcome.
     *
     * @param mode            the last iterate
     * @param negativeHessian H at the iterate before it (the step between them has λ² below the tolerance)
     * @param steps           the finite-difference steps for another evaluation near the mode
     */
    record Result(double[] mode, double[][] negativeHessian, double[] steps) {
    }

    private NewtonSearch() {
    }

    /** The search from {@code start} with the default limits; null when it fails (see the class comment). */
    static Result run(LogDensity target, double[] start) {
        return run(target, start, MAX_ITERATIONS, DECREMENT_TOLERANCE);
    }

    /** The search from {@code start} with at most {@code maxIterations} iterations, stopping at λ² &lt; tolerance. */
    static Result run(LogDensity target, double[] start, int maxIterations, double tolerance) {
        int d = start.length;
        double[] u = start.clone();
        double[] h = FiniteDifferenceHessian.initialSteps(u);
        double decrement = Double.POSITIVE_INFINITY;
        double[][] hess = null;
        LocalCurvature carried = null;
        for (int it = 0; it < maxIterations && !(decrement < tolerance); it++) {
            LocalCurvature b = carried != null ? FiniteDifferenceHessian.finite(carried)
                    : FiniteDifferenceHessian.at(target, u, h);
            carried = null;
            if (b == null) {
                return null;
            }
            hess = b.negativeHessian();
            FiniteDifferenceHessian.rescale(hess, h);
            double[] step = dampedNewtonStep(hess, b.gradient());
            if (step == null) {
                return null;
            }
            decrement = 0;
            for (int i = 0; i < d; i++) {
                decrement += step[i] * b.gradient()[i];
            }
            if (decrement < tolerance) {
                // the last step: taken whole, with no evaluation (see the class comment)
                double[] next = new double[d];
                for (int i = 0; i < d; i++) {
                    next[i] = u[i] + step[i];
                }
                u = next;
                break;
            }
            double[] next;
            if (target instanceof LogDensityHessian exact) {
                Candidate c = exactLineSearch(exact, u, step, b.value());
                next = c == null ? null : c.point();
                carried = c == null ? null : c.curvature();
            } else {
                next = lineSearch(target, u, step, b.value());
            }
            if (next == null) {
                break;
            }
            u = next;
        }
        if (!(decrement < 1) || hess == null) {
            return null;
        }
        try {
            DenseCholesky.of(hess);
        } catch (IllegalArgumentException notPositiveDefinite) {
            return null;
        }
        return new Result(u, hess, h);
    }

    /** (H + μ I)⁻¹ g with the smallest μ ∈ {0, 10⁻⁶ s, 10⁻⁵ s, …} (s = mean |H_ii|) that factors; null if none. */
    private static double[] dampedNewtonStep(double[][] hess, double[] gradient) {
        int d = gradient.length;
        double scale = 0;
        for (int i = 0; i < d; i++) {
            scale += Math.abs(hess[i][i]) / d;
        }
        scale = Math.max(scale, 1e-12);
        for (double mu = 0; mu < 1e12 * scale; mu = mu == 0 ? 1e-6 * scale : mu * 10) {
            double[][] a = new double[d][];
            for (int i = 0; i < d; i++) {
                a[i] = hess[i].clone();
                a[i][i] += mu;
            }
            try {
                return DenseCholesky.of(a).solve(gradient);
            } catch (IllegalArgumentException notPositiveDefinite) {
                // more damping
            }
        }
        return null;
    }

    /** A point of the exact line search with ℓ, ∇ℓ and H there. */
    private record Candidate(double[] point, LocalCurvature curvature) {
    }

    /**
     * u + t·step for the first t whose exact ℓ is finite and not lower than ℓ(u) (no slack), with
     * ∇ℓ and H evaluated there in the same call (they are the next iteration's: one evaluation per
     * iteration, one Spark job on a partitioned model); null if none.
     */
    private static Candidate exactLineSearch(LogDensityHessian target, double[] u, double[] step, double current) {
        int d = u.length;
        double t = 1;
        for (int k = 0; k < LINE_SEARCH_CANDIDATES; k++, t /= 2) {
            double[] next = new double[d];
            for (int i = 0; i < d; i++) {
                next[i] = u[i] + t * step[i];
            }
            double[] gradient = new double[d];
            double[][] hess = new double[d][d];
            double value = target.curvature(next, gradient, hess);
            if (Double.isFinite(value) && value >= current - 1e-12 * Math.max(1, Math.abs(current))) {
                return new Candidate(next, new LocalCurvature(value, gradient, hess));
            }
        }
        return null;
    }

    /**
     * u + t·step for the first t whose ℓ is finite and not lower than ℓ(u) up to float32
     * rounding; the candidates are one batch. Null if none qualifies.
     */
    private static double[] lineSearch(LogDensity target, double[] u, double[] step, double current) {
        int d = u.length;
        int candidates = LINE_SEARCH_CANDIDATES;
        double[] points = new double[candidates * d];
        double t = 1;
        for (int k = 0; k < candidates; k++, t /= 2) {
            for (int i = 0; i < d; i++) {
                points[k * d + i] = u[i] + t * step[i];
            }
        }
        double[] values = new double[candidates];
        target.logDensities(points, candidates, values, null);
        double slack = 1e-6 * Math.max(1, Math.abs(current));
        for (int k = 0; k < candidates; k++) {
            if (Double.isFinite(values[k]) && values[k] >= current - slack) {
                double[] next = new double[d];
                System.arraycopy(points, k * d, next, 0, d);
                return next;
            }
        }
        return null;
    }
}
