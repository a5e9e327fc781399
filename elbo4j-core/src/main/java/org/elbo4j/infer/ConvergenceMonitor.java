package org.elbo4j.infer;

/**
 * The stopping rule of a fit, built for noisy (minibatch, few-particle) ELBO estimates. The
 * trace is cut into consecutive windows of W steps; at the end of window k ≥ 2 it compares the
 * window means with their standard errors:
 * <pre>
 *   d   = mean_k − mean_{k−1}                       (the improvement over one window)
 *   se  = √(var_k / W + var_{k−1} / W)               (its standard error, steps treated as independent)
 *   tol = relTolerance · max(1, |mean_k|)            (the practically negligible change)
 * </pre>
 * <ul>
 *   <li>CONVERGED after two windows in a row with {@code |d| + 2 se < tol}: the change is
 *       confidently (≈ 2σ) inside ±tol;</li>
 *   <li>DIVERGING after two windows in a row with {@code d < −tol} and {@code d < −3 se}: the ELBO
 *       goes down, significantly and by more than the tolerance;</li>
 *   <li>PLATEAU after three windows in a row with {@code d < 2 se} that are not converged: no
 *       detectable progress, but the noise is too large to confirm that the change is below tol
 *       (more particles or a smaller learning rate would tell);</li>
 * </ul>
 * otherwise the fit goes on. Compared with Stan's ADVI rule (relative change of a running ELBO
 * mean below 0.01), this one cannot stop on a lucky noisy window and reports noise-dominated
 * stalls separately. The caller adds MAX_STEPS, NON_FINITE and parameter blow-up (DIVERGING).
 * Adam fits use only its window comparisons ({@link #compared()}, {@link #lastChange()},
 * {@link #lastStderr()}, {@link #lastTolerance()}) and its DIVERGING; {@code optim.PlateauDecay} (in {@link SviLoop})
 * decides CONVERGED and PLATEAU there.
 */
public final class ConvergenceMonitor {

    private final int window;
    private final double relTolerance;
    private double sum;
    private double sumSq;
    private int count;
    private boolean hasPrevious;
    private double previousMean;
    private double previousVar;
    private int convergedRuns;
    private int decreasingRuns;
    private int flatRuns;
    private String reason = "still improving";
    private boolean compared;
    private double lastChange = Double.NaN;
    private double lastStderr = Double.NaN;
    private double lastTolerance = Double.NaN;

    private ConvergenceMonitor(int window, double relTolerance) {
        this.window = window;
        this.relTolerance = relTolerance;
    }

    /**
     * A monitor with windows of {@code window} steps and the given relative tolerance.
     *
     * @throws IllegalArgumentException if window &lt; 2 or the tolerance is not finite and &gt; 0
     */
    public static ConvergenceMonitor of(int window, double relTolerance) {
        if (window < 2) {
            throw new IllegalArgumentException("ConvergenceMonitor: window must be >= 2, got " + window);
        }
        if (!(relTolerance > 0) || !Double.isFinite(relTolerance)) {
            throw new IllegalArgumentException("ConvergenceMonitor: relTolerance must be finite and > 0, got "
                    + relTolerance);
        }
        return new ConvergenceMonitor(window, relTolerance);
    }

    /**
     * Records one finite ELBO value; returns the verdict once the rule decides (CONVERGED,
     * PLATEAU or DIVERGING), otherwise null.
     */
    public Verdict add(double elbo) {
        sum += elbo;
        sumSq += elbo * elbo;
        count++;
        compared = false;
        if (count < window) {
            return null;
        }
        double mean = sum / window;
        double var = Math.max(0, (sumSq - window * mean * mean) / (window - 1));
        sum = 0;
        sumSq = 0;
        count = 0;
        if (!hasPrevious) {
            hasPrevious = true;
            previousMean = mean;
            previousVar = var;
            return null;
        }
        double d = mean - previousMean;
        double se = Math.sqrt(var / window + previousVar / window);
        double tol = relTolerance * Math.max(1, Math.abs(mean));
        previousMean = mean;
        previousVar = var;
        compared = true;
        lastChange = d;
        lastStderr = se;
        lastTolerance = tol;
        String numbers = "window mean " + SignificantDigits.of(mean, 6) + ", change " + SignificantDigits.of(d, 4)
                + " ± " + SignificantDigits.of(se, 3) + " (se), tolerance " + SignificantDigits.of(tol, 3);
        convergedRuns = Math.abs(d) + 2 * se < tol ? convergedRuns + 1 : 0;
        decreasingRuns = d < -tol && d < -3 * se ? decreasingRuns + 1 : 0;
        flatRuns = d < 2 * se && convergedRuns == 0 ? flatRuns + 1 : 0;
        if (convergedRuns >= 2) {
            reason = "change below tolerance in two windows: " + numbers;
            return Verdict.CONVERGED;
        }
        if (decreasingRuns >= 2) {
            reason = "the objective decreased significantly in two windows: " + numbers;
            return Verdict.DIVERGING;
        }
        if (flatRuns >= 3) {
            reason = "no significant change in three windows, noise too large to confirm convergence: " + numbers;
            return Verdict.PLATEAU;
        }
        reason = "still improving: " + numbers;
        return null;
    }

    /** True when the latest {@link #add} closed a window and compared it with the previous one. */
    public boolean compared() {
        return compared;
    }

    /** d of the latest comparison (NaN before the first). */
    public double lastChange() {
        return lastChange;
    }

    /** se of the latest comparison (NaN before the first). */
    public double lastStderr() {
        return lastStderr;
    }

    /** tol of the latest comparison (NaN before the first). */
    public double lastTolerance() {
        return lastTolerance;
    }

    /** The numbers behind the latest decision. */
    public String reason() {
        return reason;
    }
}
