package org.elbo4j.optim;

/**
 * The {@link FlatParameters} of one double array λ and its loss gradient, both used live: the
 * caller's objective writes the gradient, a {@link FlatRule} updates λ in place.
 */
public final class DoubleParameters implements FlatParameters {

    private final double[] values;
    private final double[] gradient;

    private DoubleParameters(double[] values, double[] gradient) {
        this.values = values;
        this.gradient = gradient;
    }

    /**
     * The view of {@code values} and {@code gradient}.
     *
     * @throws IllegalArgumentException if an array is null, empty, or the lengths differ
     */
    public static DoubleParameters of(double[] values, double[] gradient) {
        if (values == null || gradient == null || values.length == 0 || values.length != gradient.length) {
            throw new IllegalArgumentException("DoubleParameters: values and gradient must be non-empty arrays of one"
                    + " length, got " + (values == null ? "null" : values.length) + " and "
                    + (gradient == null ? "null" : gradient.length));
        }
        return new DoubleParameters(values, gradient);
    }

    /** λ (live). */
    public double[] values() {
        return values;
    }

    /** ∇L(λ) (live). */
    public double[] gradient() {
        return gradient;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public String nonFiniteGradient() {
        for (double g : gradient) {
            if (!Double.isFinite(g)) {
                return "gradient of the parameters is not finite";
            }
        }
        return null;
    }

    @Override
    public void addTo(double[] sum) {
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
    }

    @Override
    public void set(double[] v) {
        System.arraycopy(v, 0, values, 0, values.length);
    }
}
