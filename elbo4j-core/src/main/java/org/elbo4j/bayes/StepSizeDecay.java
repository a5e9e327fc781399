package org.elbo4j.bayes;

/**
 * Adam's learning rate of a variational fit, reduced on plateaus, and the stopping rule that goes
 * with it. Near the optimum, Adam with rate η moves each guide parameter by about η per step in
 * absolute units; for a location whose posterior sd is σ this is SGD with relative step
 * ρ = η / σ, whose iterates scatter around the optimum with sd ≈ σ √(ρ / 2). So the rule looks
 * at ρ = η / σ_min (σ_min the guide's smallest marginal sd, in whitened units when the guide is
 * {@link Whitening}) and, at the end of each window compared by the {@link ConvergenceMonitor}
 * (change d, standard error se, tolerance tol):
 * <ul>
 *   <li>d ≥ 2 se (still improving): nothing changes;</li>
 *   <li>d &lt; 2 se, ρ &gt; {@value #RELATIVE_LR_FLOOR} and the parameters not settled: η is
 *       halved (no verdict: the fit was limited by its own iterate noise);</li>
 *   <li>d &lt; 2 se and either ρ ≤ {@value #RELATIVE_LR_FLOOR} (iterate sd ≤ 0.05 σ) or, for a
 *       whitened guide, every window-averaged parameter moved by at most {@value #SETTLED_SHIFT}
 *       since the previous window (the averaged guide, which the fit returns, is already stable to
 *       that precision; with a nearly exact gradient, as the Laplace control variate gives for a
 *       nearly Gaussian posterior, this happens at the first rate): CONVERGED when the
 *       window comparison resolves changes that matter, {@code |d| + 2 se < tol} or
 *       {@code 2 se < 1 + d/10} nats (d the dimension: a shift of every coordinate by about 0.45 sd
 *       would show), otherwise after three such windows PLATEAU (stopped improving, but the ELBO noise
 *       is too large to confirm convergence: more particles or a larger batch would).</li>
 * </ul>
 * The caller adds DIVERGING (the monitor's rule), MAX_STEPS and NON_FINITE.
 */
final class StepSizeDecay {

    /**
     * The largest change of a window-averaged guide parameter between consecutive windows, in
     * whitened coordinates (posterior-sd units for locations, relative for log-scales), below
     * which the averaged parameters count as settled whatever the learning rate.
     */
    static final double SETTLED_SHIFT = 0.05;
    /** The relative step ρ = η / σ_min at which the iterate noise (≈ √(ρ/2) posterior sd) is small enough. */
    static final double RELATIVE_LR_FLOOR = 0.005;
    private static final int PLATEAU_WINDOWS = 3;

    private final int dim;
    private double learningRate;
    private int halvings;
    private int flatAtFloor;
    private String reason = "still improving";

    StepSizeDecay(double learningRate, int dim) {
        this.learningRate = learningRate;
        this.dim = dim;
    }

    /** η now. */
    double learningRate() {
        return learningRate;
    }

    /** The numbers behind the latest decision. */
    String reason() {
        return reason;
    }

    /**
     * Applies the rule after a window comparison; returns CONVERGED or PLATEAU when it decides,
     * otherwise null (η may have been halved: see {@link #learningRate()}).
     */
    Verdict afterWindow(double change, double stderr, double tolerance, double smallestScale, double shift) {
        double relative = learningRate / smallestScale;
        double resolution = 1 + dim / 10.0;
        String numbers = "change " + SignificantDigits.of(change, 4) + " ± " + SignificantDigits.of(stderr, 3)
                + " (se) per window, tolerance " + SignificantDigits.of(tolerance, 3) + ", learning rate "
                + SignificantDigits.of(learningRate, 3) + " (" + halvings + " halvings, "
                + SignificantDigits.of(relative, 3) + " of the smallest guide sd)";
        if (change >= 2 * stderr) {
            flatAtFloor = 0;
            reason = "still improving: " + numbers;
            return null;
        }
        boolean settled = shift <= SETTLED_SHIFT;
        if (relative > RELATIVE_LR_FLOOR && !settled) {
            learningRate /= 2;
            halvings++;
            flatAtFloor = 0;
            reason = "no progress, learning rate halved: " + numbers;
            return null;
        }
        if (Math.abs(change) + 2 * stderr < tolerance || 2 * stderr < resolution) {
            reason = (settled && relative > RELATIVE_LR_FLOOR
                    ? "converged: no progress, and the window-averaged guide parameters moved by at most "
                            + SignificantDigits.of(shift, 3) + " (whitened units) since the last window; "
                    : "converged: no progress at a learning rate whose iterate noise is below 0.05 posterior sd; ")
                    + numbers;
            return Verdict.CONVERGED;
        }
        flatAtFloor++;
        if (flatAtFloor >= PLATEAU_WINDOWS) {
            reason = "plateau, NOT converged: no progress in " + PLATEAU_WINDOWS + " windows at the smallest "
                    + "learning rate, but the ELBO noise (2 se " + SignificantDigits.of(2 * stderr, 3)
                    + ") is too large to confirm convergence (more particles or a larger batch would): " + numbers;
            return Verdict.PLATEAU;
        }
        reason = "no progress at the smallest learning rate, noise too large to confirm: " + numbers;
        return null;
    }
}
