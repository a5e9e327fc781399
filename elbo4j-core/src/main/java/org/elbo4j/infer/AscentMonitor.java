package org.elbo4j.infer;

/**
 * The stopping rule of a deterministic ascent: EM, batch coordinate ascent (CAVI) and
 * variational Bayes, whose objective f_t can only go up in exact arithmetic. After each
 * iteration t with change {@code d = f_t − f_{t−1}}:
 * <ul>
 *   <li>NON_FINITE when f_t is NaN or infinite;</li>
 *   <li>DIVERGING when {@code d < −slack · max(1, |f_{t−1}|)}: a monotone method went down by
 *       more than round-off, which means a bug or a numerical breakdown, never a noisy step;</li>
 *   <li>CONVERGED when {@code |d| ≤ relTolerance · max(1, |f_t|)} (scikit-learn's rule for
 *       mixtures, made relative so that it does not depend on the size of the data);</li>
 *   <li>MAX_STEPS when the budget of iterations is spent first.</li>
 * </ul>
 * Stochastic fits (online LDA, SVI) use {@link ConvergenceMonitor} instead, which tests window
 * means against their noise. Every value is kept in the {@link #trace()}.
 */
public final class AscentMonitor {

    /** The default decrease allowed as round-off, relative: about 10⁴ ulps of a double. */
    public static final double DEFAULT_SLACK = 1e-10;

    private final double relTolerance;
    private final int maxIterations;
    private final double slack;
    private final ObjectiveTrace trace = new ObjectiveTrace();
    private Verdict verdict;
    private String reason = "not started";

    private AscentMonitor(double relTolerance, int maxIterations, double slack) {
        this.relTolerance = relTolerance;
        this.maxIterations = maxIterations;
        this.slack = slack;
    }

    /**
     * A monitor that stops at a relative change of at most {@code relTolerance}, or after
     * {@code maxIterations}, with the default round-off slack.
     *
     * @throws IllegalArgumentException if relTolerance is not finite and ≥ 0 or maxIterations &lt; 1
     */
    public static AscentMonitor of(double relTolerance, int maxIterations) {
        return of(relTolerance, maxIterations, DEFAULT_SLACK);
    }

    /**
     * As {@link #of(double, int)} with the relative decrease tolerated as round-off.
     *
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static AscentMonitor of(double relTolerance, int maxIterations, double slack) {
        if (!(relTolerance >= 0) || Double.isInfinite(relTolerance)) {
            throw new IllegalArgumentException(
                    "AscentMonitor: relTolerance must be finite and >= 0, got " + relTolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException(
                    "AscentMonitor: maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(slack >= 0) || Double.isInfinite(slack)) {
            throw new IllegalArgumentException("AscentMonitor: slack must be finite and >= 0, got " + slack);
        }
        return new AscentMonitor(relTolerance, maxIterations, slack);
    }

    /**
     * Records the objective after one more iteration.
     *
     * @return true when the fit should stop; {@link #verdict()} then says why
     * @throws IllegalStateException if called after the monitor has stopped
     */
    public boolean add(double objective) {
        if (verdict != null) {
            throw new IllegalStateException("AscentMonitor: already stopped (" + verdict + ")");
        }
        double previous = trace.last();
        trace.add(objective);
        int t = trace.size();
        if (!Double.isFinite(objective)) {
            return stop(Verdict.NON_FINITE, "objective is " + SignificantDigits.of(objective, 3) + " at iteration " + t);
        }
        if (t >= 2) {
            double change = objective - previous;
            if (change < -slack * Math.max(1.0, Math.abs(previous))) {
                return stop(Verdict.DIVERGING, "objective fell by " + SignificantDigits.of(-change, 3) + " at iteration " + t
                        + " (a monotone method may only lose round-off)");
            }
            if (Math.abs(change) <= relTolerance * Math.max(1.0, Math.abs(objective))) {
                return stop(Verdict.CONVERGED, "relative change "
                        + SignificantDigits.of(Math.abs(change) / Math.max(1.0, Math.abs(objective)), 3)
                        + " <= " + SignificantDigits.of(relTolerance, 3) + " at iteration " + t);
            }
        }
        if (t >= maxIterations) {
            return stop(Verdict.MAX_STEPS, "still changing after " + t + " iterations");
        }
        reason = "still improving";
        return false;
    }

    private boolean stop(Verdict v, String why) {
        verdict = v;
        reason = why;
        return true;
    }

    /** True once {@link #add} has returned true. */
    public boolean stopped() {
        return verdict != null;
    }

    /**
     * How the ascent ended.
     *
     * @throws IllegalStateException while it has not stopped ({@link #stopped()} is false)
     */
    public Verdict verdict() {
        if (verdict == null) {
            throw new IllegalStateException("AscentMonitor: still running after " + trace.size() + " iterations");
        }
        return verdict;
    }

    /** One sentence on the last decision. */
    public String reason() {
        return reason;
    }

    /** Every objective value recorded so far. */
    public ObjectiveTrace trace() {
        return trace;
    }
}
