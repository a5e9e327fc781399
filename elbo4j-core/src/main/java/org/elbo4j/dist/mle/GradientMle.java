package org.elbo4j.dist.mle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.elbo4j.dist.Distribution;
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
 * (Kingma and Ba 2015; β₁ = 0.9, β₂ = 0.999, ε = 1e-8) with a "bold driver" step size: each
 * iteration that lowers the objective halves the step and restarts Adam's moment estimates (the
 * momentum overshot), each one that raises it lengthens the step by 5% up to its initial size, so
 * that the iterates settle on the optimum instead of circling it.
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
        Adam adam = new Adam(params, settings.learningRate());
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
    private static final class Adam {
        private final List<Tensor> params;
        private final List<double[]> m = new ArrayList<>();
        private final List<double[]> v = new ArrayList<>();
        private final double maxStep;
        private double step;
        private int t;

        Adam(List<Tensor> params, double step) {
            this.params = params;
            this.step = step;
            this.maxStep = step;
            for (Tensor p : params) {
                m.add(new double[p.size()]);
                v.add(new double[p.size()]);
            }
        }

        /** After a step that lowered the objective: half the step, and forget the momentum that overshot. */
        void restartWithHalfStep() {
            step *= 0.5;
            t = 0;
            for (int k = 0; k < m.size(); k++) {
                java.util.Arrays.fill(m.get(k), 0.0);
                java.util.Arrays.fill(v.get(k), 0.0);
            }
        }

        /** After a step that raised the objective: 5% longer steps, up to the initial size. */
        void growStep() {
            step = Math.min(step * 1.05, maxStep);
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

        void ascend() {
            t++;
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            for (int k = 0; k < params.size(); k++) {
                Tensor p = params.get(k);
                if (p.grad() == null) {
                    continue;
                }
                float[] w = p.data();
                float[] g = p.grad().data();
                double[] mk = m.get(k);
                double[] vk = v.get(k);
                for (int i = 0; i < w.length; i++) {
                    mk[i] = 0.9 * mk[i] + 0.1 * g[i];
                    vk[i] = 0.999 * vk[i] + 0.001 * g[i] * g[i];
                    w[i] += (float) (step * (mk[i] / c1) / (Math.sqrt(vk[i] / c2) + 1e-8));
                }
            }
        }
    }
}
