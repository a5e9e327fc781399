package org.elbo4j.optim;

import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * A model's parameters λ and the loss gradient ∇L(λ) seen as one flat vector of n coordinates:
 * the view a {@link FlatRule} updates and an SVI loop ({@code infer.SviLoop}) checks and averages.
 * Two forms, so that neither is copied per step:
 * <ul>
 *   <li>{@link DoubleParameters}: one double array and its gradient (the {@code bayes} fits);</li>
 *   <li>{@link TensorParameters}: named float32 tensors whose gradients the autodiff engine fills
 *       (the VAE, {@code infer.Svi}); coordinates numbered block after block in map order.</li>
 * </ul>
 */
public sealed interface FlatParameters permits DoubleParameters, TensorParameters {

    /** The number of coordinates n. */
    int size();

    /**
     * Names the first part of the gradient holding NaN or ±∞ ("gradient of 'loc' is not finite"),
     * or null when every entry is finite.
     */
    String nonFiniteGradient();

    /** {@code sum[i] += λ_i} for every coordinate (a running sum for Polyak averaging). */
    void addTo(double[] sum);

    /** {@code λ_i ← values[i]} (rounded to float for tensor parameters). */
    void set(double[] values);

    /** The view of {@code values} with its loss gradient {@code gradient} (both used live, same length). */
    static DoubleParameters of(double[] values, double[] gradient) {
        return DoubleParameters.of(values, gradient);
    }

    /** The view of the named tensors (used live; gradients read from {@link Tensor#grad()} at each use). */
    static TensorParameters ofTensors(Map<String, Tensor> tensors) {
        return TensorParameters.of(tensors);
    }
}
