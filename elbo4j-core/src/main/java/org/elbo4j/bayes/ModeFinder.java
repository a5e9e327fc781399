package org.elbo4j.bayes;


import org.elbo4j.infer.Verdict;

import java.util.Arrays;
import java.util.List;
import org.elbo4j.infer.LogDensity;
import org.elbo4j.infer.SviLoop;
import org.elbo4j.optim.AdamUpdate;
import org.elbo4j.optim.FlatParameters;
import org.elbo4j.optim.LrSchedule;

/**
 * The MAP and Laplace fits. Both maximise a deterministic full-data objective over u ∈ ℝᵈ —
 * {@code log p(D, f(u))} for MAP (the mode in constrained space, no Jacobian, as Stan's
 * {@code optimize}) and {@code log p(D, f(u)) + log |det J_f(u)|} for Laplace (the mode of the
 * unconstrained density that the Gaussian approximates) — first by gradient ascent in double with
 * the library's {@link AdamUpdate} in its {@link SviLoop} until the convergence monitor stops, then by the damped
 * Newton iterations of {@link NewtonSearch} (at most {@value #NEWTON_STEPS}, to a decrement below
 * 1e−12; kept only when they succeed) to polish the optimum.
 * Laplace's covariance is {@code H⁻¹}, H the Hessian of the negative objective at the mode: exact
 * for a model with {@link ExactCurvature}, otherwise from {@link FiniteDifferenceHessian} (a first
 * pass with {@code h_i = 10⁻³ max(1, |u_i|)} gives the curvatures, the second uses a tenth of the
 * Laplace sd).
 */
final class ModeFinder {

    /** The most Newton iterations of the polish. */
    static final int NEWTON_STEPS = 10;

    private ModeFinder() {
    }

    static Optimisation run(BayesModel model, UnconstrainedLayout layout, FitConfig config, double[] init) {
        boolean laplace = config.guide() == GuideFamily.LAPLACE;
        return run(target(model, layout, laplace), layout.coordinateNames(), laplace, config, init);
    }

    /**
     * The mode of {@code target} from {@code init} (coordinates named by {@code names}), with
     * the covariance H⁻¹ at the mode when {@code laplace}, else a point mass.
     */
    static Optimisation run(LogDensity target, List<String> names, boolean laplace, FitConfig config,
            double[] init) {
        int d = names.size();
        double[] u = init.clone();
        double[] gradient = new double[d];
        double[] value = new double[1];
        SviLoop loop = SviLoop.of(FlatParameters.of(u, gradient), AdamUpdate.of(d, config.learningRate()),
                LrSchedule.constant(config.learningRate())).windows(config.window(), config.relTolerance(), () -> 1,
                        false);
        double[] trace = new double[config.maxSteps()];
        Verdict verdict = null;
        String reason = null;
        int step = 0;
        while (step < config.maxSteps() && verdict == null) {
            int k = step++;
            SviLoop.Status status = loop.step(index -> {
                target.logDensities(u, 1, value, gradient);
                for (int i = 0; i < d; i++) {
                    gradient[i] = -gradient[i];
                }
                return -(trace[k] = value[0]);
            });
            if (status != SviLoop.Status.APPLIED) {
                String problem = Double.isFinite(value[0]) ? "its gradient is not finite" : "objective is " + value[0];
                return failed(names, trace, step, init, problem + " at step " + k);
            }
            if (GuideStart.exceeds(u, 0, d, GaussianGuide.MAX_ABS_LOC)) {
                verdict = Verdict.DIVERGING;
                reason = "the mode search ran off to |u| > " + GaussianGuide.MAX_ABS_LOC + " at step " + step;
            } else {
                verdict = loop.verdict();
                reason = loop.reason();
            }
        }
        if (verdict == null) {
            verdict = Verdict.MAX_STEPS;
            reason = "step budget of " + config.maxSteps() + " used up; last check: " + loop.reason();
        }
        double[] mode = u;
        double[][] cov = new double[d][d];
        if (verdict != Verdict.DIVERGING) {
            NewtonSearch.Result polished = NewtonSearch.run(target, mode, NEWTON_STEPS, NewtonSearch.POLISH_TOLERANCE);
            double[] h = FiniteDifferenceHessian.initialSteps(mode);
            if (polished != null) {
                mode = polished.mode();
                h = polished.steps();
            }
            if (laplace) {
                try {
                    cov = DenseCholesky.of(negativeHessian(target, mode, h, polished == null)).inverse();
                } catch (IllegalArgumentException e) {
                    return failed(names, trace, step, mode, "the Hessian at the mode is not positive definite ("
                            + e.getMessage() + ")");
                }
            }
        }
        return new Optimisation(verdict, reason, Arrays.copyOf(trace, step), step,
                new UnconstrainedGaussian(names, mode, cov));
    }

    /** The objective: ℓ (exact when the model has it) for Laplace, log p(D, f(u)) for MAP. */
    private static LogDensity target(BayesModel model, UnconstrainedLayout layout, boolean laplace) {
        if (!laplace) {
            return UnconstrainedDensity.withoutJacobian(model, layout);
        }
        UnconstrainedDensity density = UnconstrainedDensity.of(model, layout);
        return density.exact() != null ? density.exact() : density;
    }

    /**
     * H at the mode, with the steps {@code h}; when they are the initial ones ({@code firstPass}),
     * a first pass rescales them. Throws IllegalArgumentException when a value is not finite.
     */
    private static double[][] negativeHessian(LogDensity target, double[] mode, double[] h, boolean firstPass) {
        if (firstPass) {
            LocalCurvature first = FiniteDifferenceHessian.at(target, mode, h);
            if (first != null) {
                FiniteDifferenceHessian.rescale(first.negativeHessian(), h);
            }
        }
        LocalCurvature at = FiniteDifferenceHessian.at(target, mode, h);
        if (at == null) {
            throw new IllegalArgumentException("the objective or its gradient is not finite near the mode");
        }
        return at.negativeHessian();
    }

    private static Optimisation failed(List<String> names, double[] trace, int steps, double[] at, String why) {
        int d = names.size();
        return new Optimisation(Verdict.NON_FINITE, why, Arrays.copyOf(trace, steps), steps,
                new UnconstrainedGaussian(names, at, new double[d][d]));
    }
}
