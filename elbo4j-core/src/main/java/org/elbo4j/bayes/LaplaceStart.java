package org.elbo4j.bayes;

import java.util.Optional;
import org.elbo4j.tensor.Tensor;

/**
 * The Laplace approximation N(m₀, H⁻¹) of the unconstrained posterior, used as the starting point
 * and the whitening of a variational fit ({@link InitStrategy#laplace()}): m₀ maximises
 * {@code ℓ(u) = log p(D, f(u)) + log |det J_f(u)|} and H = −∇²ℓ(m₀). Found by damped Newton
 * iterations in double from a start u₀:
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
 * double-precision values. Otherwise H comes from central differences of the autodiff gradient,
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
    static final int MAX_ITERATIONS = 50;
    static final double DECREMENT_TOLERANCE = 1e-4;

    private final double[] mode;
    private final double[][] precision;

    private LaplaceStart(double[] mode, double[][] precision) {
        this.mode = mode;
        this.precision = precision;
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
        int d = layout.dim();
        if (d > MAX_DIM) {
            return Optional.empty();
        }
        Minibatch full = Minibatch.full(model.observationCount());
        double[] u = start.clone();
        double[] h = new double[d];
        for (int i = 0; i < d; i++) {
            h[i] = 1e-3 * Math.max(1, Math.abs(u[i]));
        }
        double decrement = Double.POSITIVE_INFINITY;
        double[][] hess = null;
        for (int it = 0; it < MAX_ITERATIONS && !(decrement < DECREMENT_TOLERANCE); it++) {
            Batch b = model instanceof ExactCurvature exact ? exact(exact, u) : evaluate(model, layout, full, u, h);
            if (b == null) {
                return Optional.empty();
            }
            hess = b.negativeHessian;
            for (int i = 0; i < d; i++) {
                double c = hess[i][i];
                h[i] = c > 0 && Double.isFinite(c) ? Math.min(0.1 / Math.sqrt(c), 1.0) : h[i];
            }
            double[] step = dampedNewtonStep(hess, b.gradient);
            if (step == null) {
                return Optional.empty();
            }
            decrement = 0;
            for (int i = 0; i < d; i++) {
                decrement += step[i] * b.gradient[i];
            }
            double[] next = model instanceof ExactCurvature exact
                    ? exactLineSearch(exact, u, step, b.value)
                    : lineSearch(model, layout, full, u, step, b.value);
            if (next == null) {
                break;
            }
            u = next;
        }
        if (!(decrement < 1) || hess == null) {
            return Optional.empty();
        }
        try {
            DenseCholesky.of(hess);
        } catch (IllegalArgumentException notPositiveDefinite) {
            return Optional.empty();
        }
        return Optional.of(new LaplaceStart(u, hess));
    }

    private record Batch(double value, double[] gradient, double[][] negativeHessian) {
    }

    /** ℓ and ∇ℓ at u, and H by central differences, from one batch of 2d + 1 points; null if not finite. */
    private static Batch evaluate(BayesModel model, UnconstrainedLayout layout, Minibatch full, double[] u,
            double[] h) {
        int d = u.length;
        double[] points = new double[(2 * d + 1) * d];
        for (int k = 0; k < 2 * d + 1; k++) {
            System.arraycopy(u, 0, points, k * d, d);
        }
        for (int i = 0; i < d; i++) {
            points[(1 + 2 * i) * d + i] += h[i];
            points[(2 + 2 * i) * d + i] -= h[i];
        }
        Tensor t = Tensor.of(points, 2 * d + 1, d).requiresGrad(true);
        Tensor values = objective(model, layout, full, t);
        values.sum().backward();
        float[] g = t.grad().data();
        for (float v : g) {
            if (!Float.isFinite(v)) {
                return null;
            }
        }
        double value = values.data()[0];
        double[] gradient = new double[d];
        for (int j = 0; j < d; j++) {
            gradient[j] = g[j];
        }
        double[][] hess = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                hess[j][i] = -((double) g[(1 + 2 * i) * d + j] - g[(2 + 2 * i) * d + j]) / (2 * h[i]);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double avg = 0.5 * (hess[i][j] + hess[j][i]);
                hess[i][j] = avg;
                hess[j][i] = avg;
            }
        }
        return Double.isFinite(value) ? new Batch(value, gradient, hess) : null;
    }

    /** ℓ, ∇ℓ and −∇²ℓ at u from the model's {@link ExactCurvature}; null if not finite. */
    private static Batch exact(ExactCurvature model, double[] u) {
        int d = u.length;
        double[] gradient = new double[d];
        double[][] hess = new double[d][d];
        double value = model.curvature(u, gradient, hess);
        if (!Double.isFinite(value)) {
            return null;
        }
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(gradient[i])) {
                return null;
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(hess[i][j])) {
                    return null;
                }
            }
        }
        return new Batch(value, gradient, hess);
    }

    /** As {@link #lineSearch} with ℓ from {@link ExactCurvature}, candidates tried in order (exact ascent: no slack). */
    private static double[] exactLineSearch(ExactCurvature model, double[] u, double[] step, double current) {
        int d = u.length;
        double t = 1;
        for (int k = 0; k < 21; k++, t /= 2) {
            double[] next = new double[d];
            for (int i = 0; i < d; i++) {
                next[i] = u[i] + t * step[i];
            }
            double value = model.curvature(next, null, null);
            if (Double.isFinite(value) && value >= current - 1e-12 * Math.max(1, Math.abs(current))) {
                return next;
            }
        }
        return null;
    }

    /** ℓ at each row of u [K, d], shape [K]. */
    private static Tensor objective(BayesModel model, UnconstrainedLayout layout, Minibatch full, Tensor u) {
        UnconstrainedLayout.Constrained c = layout.constrain(u);
        return model.logJoint(c.values(), full).add(c.logAbsDetJacobian());
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

    /**
     * u + t·step for the first t ∈ {1, ½, …, 2⁻²⁰} whose ℓ is finite and not lower than ℓ(u) (up
     * to float32 rounding); the 21 candidates are one batch. Null if none qualifies.
     */
    private static double[] lineSearch(BayesModel model, UnconstrainedLayout layout, Minibatch full, double[] u,
            double[] step, double current) {
        int d = u.length;
        int candidates = 21;
        double[] points = new double[candidates * d];
        double t = 1;
        for (int k = 0; k < candidates; k++, t /= 2) {
            for (int i = 0; i < d; i++) {
                points[k * d + i] = u[i] + t * step[i];
            }
        }
        float[] values;
        try (org.elbo4j.tensor.GradMode g = org.elbo4j.tensor.GradMode.noGrad()) {
            values = objective(model, layout, full, Tensor.of(points, candidates, d)).data();
        }
        double slack = 1e-6 * Math.max(1, Math.abs(current));
        for (int k = 0; k < candidates; k++) {
            if (Float.isFinite(values[k]) && values[k] >= current - slack) {
                double[] next = new double[d];
                System.arraycopy(points, k * d, next, 0, d);
                return next;
            }
        }
        return null;
    }
}
