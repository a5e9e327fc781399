package org.elbo4j.dist.mle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.elbo4j.dist.Distribution;
import org.elbo4j.optim.AdamUpdate;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * Maximum likelihood by gradient ascent for any family: {@code θ* = argmax_θ Σ_i log p_θ(x_i)}.
 *
 * <p>The family is given as a factory from unconstrained parameter tensors (any real values) to
 * a distribution; constraints are the factory's business, typically through a bijection of
 * {@code org.elbo4j.dist.transform} ({@code ExpBijection.of().forward(u)} for a positive
 * parameter, {@code SigmoidBijection} for a probability). The objective is the mean
 * log-likelihood {@code (1/N) Σ_i log p_θ(x_i)} over the whole data set, maximised with Adam
 * (Kingma and Ba 2015; β₁ = 0.9, β₂ = 0.999, ε = 1e-8; the library's {@link AdamUpdate}, in double)
 * with a "bold driver" step size: each iteration that lowers the objective halves the step and
 * restarts Adam's moment estimates (the momentum overshot), each one that raises it lengthens the
 * step by 5% up to its initial size, so that the iterates settle on the optimum instead of
 * circling it.
 *
 * <p>Convergence: the largest absolute gradient component of the mean log-likelihood with
 * respect to the unconstrained parameters falls to {@link Settings#gradientTolerance()} or below;
 * otherwise the fit stops after {@link Settings#maxIterations()} and says it did not converge.
 */
public final class GradientMle {

    private GradientMle() {
    }

    /**
     * Optimiser settings.
     *
     * @param maxIterations the most gradient steps to take (≥ 1)
     * @param learningRate Adam's initial step size (> 0)
     * @param gradientTolerance stop when every |∂ mean log-likelihood / ∂u| is at most this (≥ 0)
     */
    public record Settings(int maxIterations, double learningRate, double gradientTolerance) {

        /** Validates the settings. */
        public Settings {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("GradientMle: maxIterations must be >= 1, got " + maxIterations);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("GradientMle: learningRate must be finite and > 0, got "
                        + learningRate);
            }
            if (!(gradientTolerance >= 0)) {
                throw new IllegalArgumentException("GradientMle: gradientTolerance must be >= 0, got "
                        + gradientTolerance);
            }
        }

        /** 5000 iterations, step 0.05, gradient tolerance 1e-4. */
        public static Settings defaults() {
            return new Settings(5000, 0.05, 1e-4);
        }
    }

    /**
     * The result of a fit.
     *
     * @param distribution the fitted distribution (built from the final parameters, detached)
     * @param unconstrained the final unconstrained parameters, detached
     * @param logLikelihood Σ_i log p(x_i) at the fit, accumulated in double
     * @param iterations the number of gradient steps taken
     * @param converged whether the gradient tolerance was reached
     * @param <D> the family
     */
    public record Fit<D extends Distribution>(D distribution, List<Tensor> unconstrained, double logLikelihood,
            int iterations, boolean converged) {
    }

    /**
     * Fits the family {@code factory} to {@code data} (shape {@code [N] ++ eventShape}, or any
     * shape the family's logProb accepts), starting from {@code initial} unconstrained values
     * (copied, never modified).
     *
     * @throws IllegalArgumentException when the data are empty or hold a non-finite value
     */
    public static <D extends Distribution> Fit<D> fit(Function<List<Tensor>, D> factory, List<Tensor> initial,
            Tensor data, Settings settings) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("GradientMle: data must not be empty");
        }
        float[] values = data.data();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("GradientMle: data must be finite, got " + values[i]
                        + " at flat index " + i);
            }
        }
        List<Tensor> params = new ArrayList<>();
        for (Tensor t : initial) {
            params.add(Tensor.of(t.toFloatArray(), t.shape()).requiresGrad(true));
        }
        BoldDriverAdam adam = new BoldDriverAdam(params, settings.learningRate());
        double previous = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int iterations = 0;
        while (iterations < settings.maxIterations()) {
            for (Tensor p : params) {
                p.zeroGrad();
            }
            Tensor objective = factory.apply(params).logProb(data).mean();
            double value = objective.item();
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("GradientMle: the log-likelihood is " + value
                        + " at iteration " + iterations + "; the data may lie outside the family's support");
            }
            objective.backward();
            if (value < previous) {
                adam.restartWithHalfStep();
            } else {
                adam.growStep();
            }
            previous = value;
            if (adam.maxAbsGradient() <= settings.gradientTolerance()) {
                converged = true;
                break;
            }
            adam.ascend();
            iterations++;
        }
        List<Tensor> result = new ArrayList<>();
        for (Tensor p : params) {
            result.add(p.detach());
        }
        try (GradMode scope = GradMode.noGrad()) {
            D fitted = factory.apply(result);
            double total = 0;
            for (float v : fitted.logProb(data).data()) {
                total += v;
            }
            return new Fit<>(fitted, result, total, iterations, converged);
        }
    }

    /** Adam for gradient ascent over a list of leaf tensors, updated in place. */
    /**
     * The fit's parameters as one double vector λ, stepped by the library's {@link AdamUpdate}
     * against the loss gradient −∇ and written back to the float tensors after each step, with
     * the bold-driver step size of the class comment.
     */
    private static final class BoldDriverAdam {
        private final List<Tensor> params;
        private final double[] lambda;
        private final double[] lossGradient;
        private final AdamUpdate adam;
        private final double maxStep;

        BoldDriverAdam(List<Tensor> params, double step) {
            this.params = params;
            int size = 0;
            for (Tensor p : params) {
                size += p.size();
            }
            this.lambda = new double[size];
            this.lossGradient = new double[size];
            int offset = 0;
            for (Tensor p : params) {
                for (float w : p.data()) {
                    lambda[offset++] = w;
                }
            }
            this.adam = AdamUpdate.of(size, step);
            this.maxStep = step;
        }

        /** After a step that lowered the objective: half the step, and forget the momentum that overshot. */
        void restartWithHalfStep() {
            adam.setLearningRate(adam.learningRate() * 0.5);
            adam.reset();
        }

        /** After a step that raised the objective: 5% longer steps, up to the initial size. */
        void growStep() {
            adam.setLearningRate(Math.min(adam.learningRate() * 1.05, maxStep));
        }

        double maxAbsGradient() {
            double max = 0;
            for (Tensor p : params) {
                if (p.grad() == null) {
                    continue;
                }
                for (float g : p.grad().data()) {
                    max = Math.max(max, Math.abs(g));
                }
            }
            return max;
        }

        /** One Adam step up the objective (a parameter without gradient counts as gradient 0). */
        void ascend() {
            int offset = 0;
            for (Tensor p : params) {
                float[] g = p.grad() == null ? null : p.grad().data();
                for (int i = 0; i < p.size(); i++) {
                    lossGradient[offset++] = g == null ? 0 : -g[i];
                }
            }
            adam.step(lambda, lossGradient);
            offset = 0;
            for (Tensor p : params) {
                float[] w = p.data();
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) lambda[offset++];
                }
            }
        }
    }
}
