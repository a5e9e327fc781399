package org.elbo4j.optim;

/**
 * Reduce-on-plateau for a stochastic fit, with its stopping rule: the {@link StepSizePolicy} of
 * the {@code bayes} variational fits. Near the optimum, Adam with rate η moves each parameter by
 * about η per step in absolute units; for a location whose posterior sd is σ this is SGD with
 * relative step ρ = η / σ, whose iterates scatter around the optimum with sd ≈ σ √(ρ / 2). So the
 * rule looks at ρ = η / σ_min (σ_min the smallest posterior scale, in whitened units when the
 * parameters are whitened) and, at the end of each window comparison of the objective (change d,
 * standard error se, tolerance tol, dimension dim):
 * <ul>
 *   <li>d ≥ 2 se: {@link Decision#IMPROVING}, nothing changes;</li>
 *   <li>d &lt; 2 se, ρ &gt; {@value #RELATIVE_LR_FLOOR} and the parameters not settled: η is halved,
 *       {@link Decision#HALVED} (the fit was limited by its own iterate noise);</li>
 *   <li>d &lt; 2 se and either ρ ≤ {@value #RELATIVE_LR_FLOOR} (iterate sd ≤ 0.05 σ) or every
 *       window-averaged parameter moved by at most {@value #SETTLED_SHIFT} since the previous
 *       window (the averaged parameters are already stable to that precision):
 *       {@link Decision#CONVERGED} when the comparison resolves changes that matter,
 *       {@code |d| + 2 se < tol} or {@code 2 se < 1 + dim/10} nats (a shift of every coordinate by
 *       about 0.45 sd would show); otherwise {@link Decision#UNRESOLVED}, and after
 *       {@value #PLATEAU_WINDOWS} such windows in a row {@link Decision#PLATEAU} (stopped
 *       improving, but the noise is too large to confirm convergence).</li>
 * </ul>
 * {@link #rate} is the current η whatever the step number.
 */
public final class PlateauDecay implements StepSizePolicy {

    /**
     * The largest change of a window-averaged parameter between consecutive windows, in whitened
     * coordinates (posterior-sd units for locations, relative for log-scales), below which the
     * averaged parameters count as settled whatever the learning rate.
     */
    public static final double SETTLED_SHIFT = 0.05;
    /** The relative step ρ = η / σ_min at which the iterate noise (≈ √(ρ/2) posterior sd) is small enough. */
    public static final double RELATIVE_LR_FLOOR = 0.005;
    /** Unresolved windows in a row at the floor that make a plateau. */
    public static final int PLATEAU_WINDOWS = 3;

    private final int dim;
    private double learningRate;
    private int halvings;
    private int flatAtFloor;
    private boolean settledAboveFloor;

    private PlateauDecay(double learningRate, int dim) {
        this.learningRate = learningRate;
        this.dim = dim;
    }

    /**
     * The policy starting at η = {@code learningRate} for a problem of {@code dim} dimensions.
     *
     * @throws IllegalArgumentException if η is not finite and &gt; 0, or dim &lt; 1
     */
    public static PlateauDecay of(double learningRate, int dim) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("PlateauDecay: learningRate must be finite and > 0, got "
                    + learningRate);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("PlateauDecay: dim must be >= 1, got " + dim);
        }
        return new PlateauDecay(learningRate, dim);
    }

    /** The current η. */
    @Override
    public double rate(long step) {
        return learningRate;
    }

    /** The current η. */
    public double learningRate() {
        return learningRate;
    }

    /** How many times η was halved. */
    public int halvings() {
        return halvings;
    }

    /**
     * True when the latest {@link Decision#CONVERGED} came from settled parameters at a rate above
     * the floor (rather than from a rate at the floor).
     */
    public boolean settledAboveFloor() {
        return settledAboveFloor;
    }

    @Override
    public Decision afterWindow(double change, double stderr, double tolerance, double smallestScale, double shift) {
        double relative = learningRate / smallestScale;
        if (change >= 2 * stderr) {
            flatAtFloor = 0;
            return Decision.IMPROVING;
        }
        boolean settled = shift <= SETTLED_SHIFT;
        if (relative > RELATIVE_LR_FLOOR && !settled) {
            learningRate /= 2;
            halvings++;
            flatAtFloor = 0;
            return Decision.HALVED;
        }
        if (Math.abs(change) + 2 * stderr < tolerance || 2 * stderr < 1 + dim / 10.0) {
            settledAboveFloor = settled && relative > RELATIVE_LR_FLOOR;
            return Decision.CONVERGED;
        }
        flatAtFloor++;
        return flatAtFloor >= PLATEAU_WINDOWS ? Decision.PLATEAU : Decision.UNRESOLVED;
    }
}
