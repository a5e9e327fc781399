package org.elbo4j.bayes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the guide's location starts in unconstrained space.
 * <ul>
 *   <li>{@link #feasible()}: each coordinate uniform on (−2, 2), as Stan's default {@code init=2}</li>
 *   <li>{@link #zero()}: u = 0, which maps to the median of the standard reference point of every
 *       support (0 for reals, 1 for positives, ½ for the unit interval, the uniform simplex, the
 *       identity Cholesky factor)</li>
 *   <li>{@link #priorMedian()}: the elementwise median of {@value #PRIOR_DRAWS} prior draws
 *       ({@link BayesModel#samplePrior}) taken in unconstrained space, as Pyro's
 *       {@code init_to_median}; for elementwise supports this is the prior median itself (the
 *       bijections are monotone), for the others a point of the support</li>
 *   <li>{@link #given}: constrained values by parameter name (mapped through the inverse
 *       bijections); parameters not named start at 0</li>
 *   <li>{@link #laplace()} (the default of {@link FitConfig#defaults()}): the Laplace
 *       approximation N(m₀, H⁻¹) at the mode of the unconstrained posterior, found by Newton's
 *       method from u = 0 ({@link LaplaceStart}); the Gaussian guide starts there (full-rank:
 *       covariance H⁻¹; mean-field and low-rank: variances 1/H_jj, the mean-field optimum for a
 *       Gaussian posterior) and is learned in the whitened coordinates v of
 *       {@code u = m₀ + L₀ v} ({@link Whitening}). When d is large (&gt; 300), Newton fails or
 *       H is not positive definite, the fit starts as {@link #zero()} instead (the fit's reason
 *       says so). MAP and Laplace fits start their own mode search at u = 0.</li>
 * </ul>
 * The other four start the guide's location at the point and every marginal sd at 0.1, in the
 * raw unconstrained coordinates.
 */
public final class InitStrategy {

    /** The kinds of start. */
    public enum Kind { FEASIBLE, ZERO, GIVEN, LAPLACE, PRIOR_MEDIAN }

    /** The number of prior draws of {@link #priorMedian()} (odd, so the median is a draw). */
    public static final int PRIOR_DRAWS = 101;

    private final Kind kind;
    private final Map<String, double[]> values;

    private InitStrategy(Kind kind, Map<String, double[]> values) {
        this.kind = kind;
        this.values = values;
    }

    /** Uniform(−2, 2) in every unconstrained coordinate (Stan). */
    public static InitStrategy feasible() {
        return new InitStrategy(Kind.FEASIBLE, Map.of());
    }

    /** The Laplace approximation at the mode, found from u = 0 (see the class comment). */
    public static InitStrategy laplace() {
        return new InitStrategy(Kind.LAPLACE, Map.of());
    }

    /**
     * The elementwise median of prior draws in unconstrained space (see the class comment); the
     * fit fails with an IllegalArgumentException when the model cannot draw from its prior.
     */
    public static InitStrategy priorMedian() {
        return new InitStrategy(Kind.PRIOR_MEDIAN, Map.of());
    }

    /** u = 0. */
    public static InitStrategy zero() {
        return new InitStrategy(Kind.ZERO, Map.of());
    }

    /**
     * Constrained starting values by parameter name, flattened in row-major order.
     *
     * @throws IllegalArgumentException if the map is null or a value is null or not finite
     */
    public static InitStrategy given(Map<String, double[]> constrainedValues) {
        if (constrainedValues == null) {
            throw new IllegalArgumentException("InitStrategy.given: values must not be null");
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        constrainedValues.forEach((name, v) -> {
            if (v == null) {
                throw new IllegalArgumentException("InitStrategy.given: value of '" + name + "' is null");
            }
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("InitStrategy.given: value of '" + name
                            + "' must be finite, got " + x);
                }
            }
            copy.put(name, v.clone());
        });
        return new InitStrategy(Kind.GIVEN, Collections.unmodifiableMap(copy));
    }

    /** The kind. */
    public Kind kind() {
        return kind;
    }

    /** The given constrained values (empty unless {@link Kind#GIVEN}). */
    public Map<String, double[]> values() {
        return values;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase();
    }
}
