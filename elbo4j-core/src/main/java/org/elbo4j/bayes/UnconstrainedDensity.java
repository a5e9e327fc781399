package org.elbo4j.bayes;

import org.elbo4j.infer.LogDensity;
import org.elbo4j.infer.SubsampledLogDensity;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * The fit's target on unconstrained space, {@code ℓ(u) = log p(D_B, f(u)) + log |det J_f(u)|}
 * (log-likelihood scaled by N/|B| on a subsample B), and its gradient, at K points at once. For a
 * full-data evaluation of a model with {@link ExactCurvature} the model's double-precision code
 * answers, and on a subsample too when that model is also a {@link SubsampledLogDensity}
 * (ℓ_B with rows B and scale N/|B|); otherwise the model's tensor code, with the gradient by
 * reverse-mode autodiff.
 *
 * <p>As a {@link LogDensity} it is the full-data ℓ. {@link #withoutJacobian} gives the MAP
 * objective {@code log p(D, f(u))} instead (the mode in constrained space, as Stan's
 * {@code optimize}), always from the tensor code.
 */
final class UnconstrainedDensity implements LogDensity {

    private final BayesModel model;
    private final UnconstrainedLayout layout;
    private final ExactCurvature exact;
    private final boolean jacobian;
    private final Minibatch full;

    private UnconstrainedDensity(BayesModel model, UnconstrainedLayout layout, boolean jacobian) {
        this.model = model;
        this.layout = layout;
        this.jacobian = jacobian;
        this.exact = jacobian && model instanceof ExactCurvature e ? e : null;
        this.full = Minibatch.full(model.observationCount());
    }

    static UnconstrainedDensity of(BayesModel model, UnconstrainedLayout layout) {
        return new UnconstrainedDensity(model, layout, true);
    }

    /** {@code log p(D_B, f(u))}, without the log-Jacobian term. */
    static UnconstrainedDensity withoutJacobian(BayesModel model, UnconstrainedLayout layout) {
        return new UnconstrainedDensity(model, layout, false);
    }

    /** The model's {@link ExactCurvature} when this density is ℓ and the model has one, else null. */
    ExactCurvature exact() {
        return exact;
    }

    /** ℓ on the full data at the K rows of {@code points}, as {@link #evaluate}. */
    @Override
    public void logDensities(double[] points, int k, double[] values, double[] gradients) {
        evaluate(points, k, full, values, gradients);
    }

    /** d. */
    int dim() {
        return layout.dim();
    }

    /**
     * True when {@link #evaluate} on this batch runs the model's {@link ExactCurvature} code, which
     * keeps no state between calls, so that disjoint sets of points may be evaluated concurrently.
     */
    boolean isExact(Minibatch batch) {
        return exact != null && batch.isFull();
    }

    /**
     * ℓ at the K rows of {@code points} (K × d, row-major) on {@code batch} into {@code values};
     * the gradients into {@code gradients} (K × d) when it is not null.
     */
    void evaluate(double[] points, int k, Minibatch batch, double[] values, double[] gradients) {
        if (exact != null && batch.isFull()) {
            exact.logDensities(points, k, values, gradients);
            return;
        }
        if (exact instanceof SubsampledLogDensity s) {
            s.logDensities(points, k, batch.indices(), batch.scale(), values, gradients);
            return;
        }
        int d = layout.dim();
        float[] out;
        if (gradients == null) {
            try (GradMode g = GradMode.noGrad()) {
                out = objective(Tensor.of(points, k, d), batch).data();
            }
        } else {
            Tensor u = Tensor.of(points, k, d).requiresGrad(true);
            Tensor objective = objective(u, batch);
            objective.sum().backward();
            out = objective.data();
            float[] g = u.grad().data();
            for (int i = 0; i < k * d; i++) {
                gradients[i] = g[i];
            }
        }
        for (int i = 0; i < k; i++) {
            values[i] = out[i];
        }
    }

    private Tensor objective(Tensor u, Minibatch batch) {
        UnconstrainedLayout.Constrained c = layout.constrain(u);
        Tensor logJoint = model.logJoint(c.values(), batch);
        return jacobian ? logJoint.add(c.logAbsDetJacobian()) : logJoint;
    }
}
