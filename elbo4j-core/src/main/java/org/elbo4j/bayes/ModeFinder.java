package org.elbo4j.bayes;

import java.util.Arrays;
import java.util.Map;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.tensor.Tensor;

/**
 * The MAP and Laplace fits. Both maximise a deterministic full-data objective over u ∈ ℝᵈ —
 * {@code log p(D, f(u))} for MAP (the mode in constrained space, no Jacobian, as Stan's
 * {@code optimize}) and {@code log p(D, f(u)) + log |det J_f(u)|} for Laplace (the mode of the
 * unconstrained density that the Gaussian approximates) — first with Adam until the
 * {@link ConvergenceMonitor} stops, then with up to {@value #NEWTON_STEPS} Newton steps in double
 * (accepted only while they do not lower the objective) to polish the float32 optimum. Laplace's
 * covariance is {@code H⁻¹}, H the Hessian of the negative objective at the mode.
 *
 * <p>Implementation note: H is computed by central differences of the autodiff gradient,
 * {@code H_·i ≈ −[∇(u + h_i e_i) − ∇(u − h_i e_i)] / (2 h_i)}, then symmetrised
 * {@code (H + Hᵀ)/2}. The steps are scale-aware: a first pass with {@code h_i = 1e−3 max(1, |u_i|)}
 * gives the curvatures, the second uses {@code h_i = 0.1 / √|H_ii|} (a tenth of the Laplace sd),
 * large enough that the float32 gradient's rounding stays negligible and exact for quadratic
 * log densities.
 */
final class ModeFinder {

    static final int NEWTON_STEPS = 10;

    private final BayesModel model;
    private final UnconstrainedLayout layout;
    private final boolean jacobian;
    private final Minibatch full;

    private ModeFinder(BayesModel model, UnconstrainedLayout layout, boolean jacobian) {
        this.model = model;
        this.layout = layout;
        this.jacobian = jacobian;
        this.full = Minibatch.full(model.observationCount());
    }

    static Optimisation run(BayesModel model, UnconstrainedLayout layout, FitConfig config, double[] init) {
        boolean laplace = config.guide() == GuideFamily.LAPLACE;
        ModeFinder finder = new ModeFinder(model, layout, laplace);
        int d = layout.dim();
        Tensor u = Tensor.of(init, 1, d).requiresGrad(true);
        Adam adam = Adam.of(Map.of("u", u), AdamConfig.adam().withLr(config.learningRate()));
        ConvergenceMonitor monitor = ConvergenceMonitor.of(config.window(), config.relTolerance());
        double[] trace = new double[config.maxSteps()];
        Verdict verdict = null;
        String reason = null;
        int step = 0;
        while (step < config.maxSteps() && verdict == null) {
            adam.zeroGrad();
            Tensor objective = finder.objective(u);
            double value = objective.item();
            trace[step++] = value;
            if (!Double.isFinite(value)) {
                return failed(layout, trace, step, init, "objective is " + value + " at step " + (step - 1));
            }
            objective.neg().backward();
            adam.step();
            if (GaussianGuide.exceeds(u, GaussianGuide.MAX_ABS_LOC)) {
                verdict = Verdict.DIVERGING;
                reason = "the mode search ran off to |u| > " + GaussianGuide.MAX_ABS_LOC + " at step " + step;
            } else {
                verdict = monitor.add(value);
                reason = monitor.reason();
            }
        }
        if (verdict == null) {
            verdict = Verdict.MAX_STEPS;
            reason = "step budget of " + config.maxSteps() + " used up; last check: " + monitor.reason();
        }
        double[] mode = toDouble(u.data());
        double[][] cov = new double[d][d];
        if (verdict != Verdict.DIVERGING) {
            mode = finder.newton(mode);
            if (laplace) {
                try {
                    cov = DenseCholesky.of(finder.negativeHessian(mode)).inverse();
                } catch (IllegalArgumentException e) {
                    return failed(layout, trace, step, mode, "the Hessian at the mode is not positive definite ("
                            + e.getMessage() + ")");
                }
            }
        }
        return new Optimisation(verdict, reason, Arrays.copyOf(trace, step), step,
                new UnconstrainedGaussian(layout.coordinateNames(), mode, cov));
    }

    private static Optimisation failed(UnconstrainedLayout layout, double[] trace, int steps, double[] at, String why) {
        int d = layout.dim();
        return new Optimisation(Verdict.NON_FINITE, why, Arrays.copyOf(trace, steps), steps,
                new UnconstrainedGaussian(layout.coordinateNames(), at, new double[d][d]));
    }

    /** The objective at u of shape [1, d], as a scalar tensor. */
    private Tensor objective(Tensor u) {
        UnconstrainedLayout.Constrained c = layout.constrain(u);
        Tensor value = model.logJoint(c.values(), full);
        return (jacobian ? value.add(c.logAbsDetJacobian()) : value).sum();
    }

    private double value(double[] u) {
        return objective(Tensor.of(u, 1, u.length)).item();
    }

    /** ∇ objective at u, from autodiff. */
    double[] gradient(double[] u) {
        Tensor t = Tensor.of(u, 1, u.length).requiresGrad(true);
        objective(t).backward();
        return toDouble(t.grad().data());
    }

    /** H = −∇² objective, by central differences of the gradient (two passes), symmetrised. */
    double[][] negativeHessian(double[] u) {
        int d = u.length;
        double[] h = new double[d];
        for (int i = 0; i < d; i++) {
            h[i] = 1e-3 * Math.max(1, Math.abs(u[i]));
        }
        double[][] first = differences(u, h);
        for (int i = 0; i < d; i++) {
            double curvature = Math.abs(first[i][i]);
            if (curvature > 0 && Double.isFinite(curvature)) {
                h[i] = Math.min(0.1 / Math.sqrt(curvature), 1.0);
            }
        }
        return differences(u, h);
    }

    private double[][] differences(double[] u, double[] h) {
        int d = u.length;
        double[][] hess = new double[d][d];
        for (int i = 0; i < d; i++) {
            double[] plus = u.clone();
            double[] minus = u.clone();
            plus[i] += h[i];
            minus[i] -= h[i];
            double[] gp = gradient(plus);
            double[] gm = gradient(minus);
            for (int j = 0; j < d; j++) {
                hess[j][i] = -(gp[j] - gm[j]) / (2 * h[i]);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double avg = 0.5 * (hess[i][j] + hess[j][i]);
                hess[i][j] = avg;
                hess[j][i] = avg;
            }
        }
        return hess;
    }

    /** Newton steps u ← u + H⁻¹ ∇, kept while the objective does not go down. */
    private double[] newton(double[] start) {
        double[] u = start.clone();
        double current = value(u);
        for (int k = 0; k < NEWTON_STEPS; k++) {
            double[] step;
            try {
                step = DenseCholesky.of(negativeHessian(u)).solve(gradient(u));
            } catch (IllegalArgumentException notPositiveDefinite) {
                return u;
            }
            double[] next = u.clone();
            double largest = 0;
            for (int i = 0; i < u.length; i++) {
                next[i] += step[i];
                largest = Math.max(largest, Math.abs(step[i]));
            }
            double candidate = value(next);
            if (!(candidate >= current - 1e-6 * Math.max(1, Math.abs(current)))) {
                return u;
            }
            u = next;
            current = candidate;
            if (largest < 1e-6) {
                return u;
            }
        }
        return u;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
