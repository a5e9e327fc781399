package org.elbo4j.infer;

/**
 * A {@link LogDensity} whose data term is a sum over N observations and can be evaluated on a
 * subset B of them, scaled: with ℓ(u) = Σ_{i=1}^N log p(y_i | u) + log p(u) (+ log |det J|),
 * <pre>
 *   ℓ_B(u) = s · Σ_{i ∈ B} log p(y_i | u) + log p(u) (+ log |det J|),   s = N / |B| usually,
 * </pre>
 * the terms outside the data sum (priors, group effects, Jacobian) counted once. For B drawn
 * uniformly without replacement and s = N/|B|, E_B[ℓ_B(u)] = ℓ(u) and E_B[∇ℓ_B(u)] = ∇ℓ(u), the
 * doubly stochastic estimate of Titsias and Lázaro-Gredilla (2014) and Hoffman et al. (2013).
 */
public interface SubsampledLogDensity extends LogDensity {

    /** N, the number of observations in the data sum. */
    int observationCount();

    /**
     * ℓ_B at the K rows of {@code points} (K × d, row-major) into {@code values}, gradients into
     * {@code gradients} (K × d) when it is not null, as {@link #logDensities(double[], int, double[],
     * double[])} but with the data sum over {@code rows} (indices in [0, N), in that order) times
     * {@code scale}.
     */
    void logDensities(double[] points, int k, int[] rows, double scale, double[] values, double[] gradients);
}
