package org.elbo4j.optim;

/**
 * Stan's ADVI step-size sequence (Kucukelbir et al. 2017, §3.3, eq. 10) as a {@link FlatRule} on
 * the loss gradient g: at iteration k = 1, 2, …, elementwise,
 * <pre>
 *   s_k = α g_k² + (1 − α) s_{k−1}     (s_1 = g_1²),  α = 0.1
 *   λ ← λ − η_k / (τ + √s_k) · g_k,   τ = 1
 * </pre>
 * where η_k is the learning rate the caller passes: {@link LrSchedule#stanDecay}
 * {@code η · k^(−1/2 + ε)} in Stan, η picked among {@link StepSizePolicy#stanEtaCandidates()}.
 */
public final class StanUpdate implements FlatRule {

    private static final double ALPHA = 0.1;
    private static final double TAU = 1.0;

    private final double[] squares;
    private long iteration;

    private StanUpdate(int size) {
        this.squares = new double[size];
    }

    /**
     * The sequence over {@code size} coordinates.
     *
     * @throws IllegalArgumentException if size &lt; 1
     */
    public static StanUpdate of(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("StanUpdate: size must be >= 1, got " + size);
        }
        return new StanUpdate(size);
    }

    @Override
    public long stepCount() {
        return iteration;
    }

    @Override
    public void step(FlatParameters params, double rate) {
        if (params.size() != squares.length) {
            throw new IllegalArgumentException("StanUpdate: parameters have " + params.size() + " coordinates, the"
                    + " sequence " + squares.length);
        }
        iteration++;
        if (params instanceof DoubleParameters d) {
            double[] lambda = d.values();
            double[] g = d.gradient();
            for (int j = 0; j < lambda.length; j++) {
                lambda[j] -= factor(j, g[j], rate) * g[j];
            }
            return;
        }
        TensorParameters t = (TensorParameters) params;
        for (int b = 0; b < t.blocks(); b++) {
            float[] x = t.values(b);
            float[] g = t.gradient(b);
            for (int j = 0, i = t.offset(b); g != null && j < x.length; j++, i++) {
                x[j] = (float) (x[j] - factor(i, g[j], rate) * g[j]);
            }
        }
    }

    /** Updates s_i with g and returns η_k / (τ + √s_i). */
    private double factor(int i, double g, double rate) {
        double g2 = g * g;
        squares[i] = iteration == 1 ? g2 : ALPHA * g2 + (1 - ALPHA) * squares[i];
        return rate / (TAU + Math.sqrt(squares[i]));
    }
}
