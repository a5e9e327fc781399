package org.elbo4j.infer;

import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.elbo4j.optim.FlatParameters;
import org.elbo4j.optim.FlatRule;
import org.elbo4j.optim.LrSchedule;
import org.elbo4j.optim.PlateauDecay;
import org.elbo4j.optim.StepSizePolicy;

/**
 * The library's one stochastic-optimisation step loop (Robbins–Monro; as SVI, Hoffman et al.
 * 2013, and Pyro's {@code SVI.step}), shared by {@code vae.VaeTrainer}, the {@code bayes} fits and
 * {@link Svi}. Step k (from 0):
 * <pre>
 *   L_k, ∇L_k ← objective(k)                      (the caller writes ∇L into the view)
 *   if L_k or any ∂L/∂λ_i is NaN or ±∞:             the update is NOT applied (see below)
 *   else  λ ← rule(λ, ∇L_k, η = s · policy.rate(u))  (u = updates applied so far, s = 1 halved per rollback)
 * </pre>
 * with one {@link FlatRule} state (Adam with double moments and optional clipping, or Stan's
 * sequence), one {@link StepSizePolicy} and one {@link NonFinitePolicy}. Because the check comes
 * before the update, a non-finite step changes neither the parameters nor the rule's state:
 * {@link NonFinitePolicy#STOP} ends the loop ({@link Status#STOPPED}, {@link #problem()} naming
 * the step); {@link NonFinitePolicy#ROLLBACK} drops the step, halves s and goes on, stopping after
 * {@value #MAX_CONSECUTIVE_ROLLBACKS} dropped steps in a row.
 *
 * <p>With {@link #windows} the applied steps' objective values −L are fed to a
 * {@link ConvergenceMonitor} (windows of W steps), and the loop keeps the Polyak average
 * {@code λ̄ = (1/W) Σ λ} of each complete window (Polyak &amp; Juditsky 1992; {@link #windowAverage()}).
 * An adaptive policy ({@link PlateauDecay}: not a fixed {@link LrSchedule}) takes each window
 * comparison and decides CONVERGED and PLATEAU itself (the monitor's CONVERGED and PLATEAU are
 * then ignored, its DIVERGING kept); with a schedule the monitor decides alone. {@link #verdict()}
 * is null while the loop goes on.
 */
public final class SviLoop {

    /** Dropped steps in a row after which {@link NonFinitePolicy#ROLLBACK} gives up. */
    public static final int MAX_CONSECUTIVE_ROLLBACKS = 20;

    /**
     * The objective of one step: returns the loss L (the quantity minimised, e.g. −ELBO) at the
     * current parameters and writes ∇L into the view; when L is not finite the gradient need not be
     * written.
     */
    @FunctionalInterface
    public interface Objective {
        /** L at the current parameters for step number {@code step}. */
        double lossAndGradient(long step);
    }

    /** What a {@link #step} did. */
    public enum Status {
        /** The update was applied. */
        APPLIED,
        /** Non-finite under ROLLBACK: the update was dropped and the rate halved. */
        DROPPED,
        /** Non-finite under STOP, or too many rollbacks in a row: the update was not applied. */
        STOPPED
    }

    private final FlatParameters params;
    private final FlatRule rule;
    private final StepSizePolicy policy;
    private final PlateauWording plateau;
    private NonFinitePolicy onNonFinite = NonFinitePolicy.STOP;
    private ConvergenceMonitor monitor;
    private int window;
    private boolean trackShift;
    private DoubleSupplier smallestScale = () -> 1;
    private double[] windowSum;
    private double[] average;
    private double lrScale = 1;
    private long steps;
    private long applied;
    private int rollbacks;
    private int consecutiveRollbacks;
    private String problem;
    private long problemStep = -1;
    private Verdict verdict;
    private String reason = "still improving";

    private SviLoop(FlatParameters params, FlatRule rule, StepSizePolicy policy) {
        this.params = params;
        this.rule = rule;
        this.policy = policy;
        this.plateau = policy instanceof PlateauDecay p ? new PlateauWording(p) : null;
    }

    /**
     * The loop updating {@code params} with {@code rule} at the rates of {@code policy}.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public static SviLoop of(FlatParameters params, FlatRule rule, StepSizePolicy policy) {
        if (params == null || rule == null || policy == null) {
            throw new IllegalArgumentException("SviLoop: parameters, rule and step-size policy must not be null");
        }
        return new SviLoop(params, rule, policy);
    }

    /** Sets what happens on a non-finite loss or gradient (default {@link NonFinitePolicy#STOP}). Returns this. */
    public SviLoop onNonFinite(NonFinitePolicy p) {
        this.onNonFinite = Objects.requireNonNull(p, "SviLoop: policy must not be null");
        return this;
    }

    /**
     * Turns on the convergence verdict and Polyak averaging over windows of {@code window} steps
     * with the monitor's relative tolerance; {@code smallestScale} gives the adaptive policy the
     * smallest posterior scale its rate is relative to, and with {@code trackShift} the policy is
     * told the largest change of a window-averaged parameter since the previous window (the
     * parameters must then be in units where that is meaningful, e.g. whitened). Returns this.
     *
     * @throws IllegalArgumentException as {@link ConvergenceMonitor#of}
     */
    public SviLoop windows(int window, double relTolerance, DoubleSupplier smallestScale, boolean trackShift) {
        this.monitor = ConvergenceMonitor.of(window, relTolerance);
        this.window = window;
        this.smallestScale = Objects.requireNonNull(smallestScale, "SviLoop: smallestScale must not be null");
        this.trackShift = trackShift;
        this.windowSum = new double[params.size()];
        return this;
    }

    /**
     * One step; see the class comment. After {@link Status#STOPPED} the loop takes no more steps.
     *
     * @throws IllegalStateException if the loop has stopped on a non-finite step
     */
    public Status step(Objective objective) {
        if (problem != null && onNonFinite == NonFinitePolicy.STOP) {
            throw new IllegalStateException("SviLoop: stopped at step " + problemStep + " (" + problem + ")");
        }
        long index = steps++;
        double loss = objective.lossAndGradient(index);
        String found = Double.isFinite(loss) ? params.nonFiniteGradient() : "loss is " + loss;
        if (found != null) {
            problem = found;
            problemStep = index;
            if (onNonFinite == NonFinitePolicy.STOP || ++consecutiveRollbacks > MAX_CONSECUTIVE_ROLLBACKS) {
                onNonFinite = NonFinitePolicy.STOP;
                return Status.STOPPED;
            }
            lrScale *= 0.5;
            rollbacks++;
            return Status.DROPPED;
        }
        rule.step(params, learningRate());
        consecutiveRollbacks = 0;
        applied++;
        if (monitor != null) {
            afterUpdate(-loss);
        }
        return Status.APPLIED;
    }

    /** Feeds the monitor, closes a window (average, shift) and lets an adaptive policy decide. */
    private void afterUpdate(double value) {
        params.addTo(windowSum);
        verdict = monitor.add(value);
        if (plateau == null) {
            reason = monitor.reason();
        }
        double shift = Double.NaN;
        if (applied % window == 0) {
            double[] closed = windowSum.clone();
            for (int i = 0; i < closed.length; i++) {
                closed[i] /= window;
            }
            if (trackShift && average != null) {
                shift = 0;
                for (int i = 0; i < closed.length; i++) {
                    shift = Math.max(shift, Math.abs(closed[i] - average[i]));
                }
            }
            average = closed;
            java.util.Arrays.fill(windowSum, 0);
        }
        if (plateau != null && verdict != Verdict.DIVERGING) {
            verdict = null;
            if (monitor.compared()) {
                verdict = plateau.afterWindow(monitor.lastChange(), monitor.lastStderr(), monitor.lastTolerance(),
                        smallestScale.getAsDouble(), shift);
                reason = plateau.reason();
            }
        } else if (verdict == Verdict.DIVERGING) {
            reason = monitor.reason();
        }
    }

    /** The convergence verdict once reached (CONVERGED, PLATEAU, DIVERGING), else null. */
    public Verdict verdict() {
        return verdict;
    }

    /** The numbers behind the latest window decision. */
    public String reason() {
        return reason;
    }

    /**
     * The latest non-finite finding without its place ("loss is NaN", "gradient of 'loc' is not
     * finite"), or null when there was none.
     */
    public String problem() {
        return problem;
    }

    /** The step number of {@link #problem()} (-1 when none). */
    public long problemStep() {
        return problemStep;
    }

    /** The Polyak average of λ over the last complete window (a copy), or null before the first. */
    public double[] windowAverage() {
        return average == null ? null : average.clone();
    }

    /** The number of steps taken, dropped ones included. */
    public long steps() {
        return steps;
    }

    /** The number of updates applied. */
    public long updates() {
        return applied;
    }

    /** The number of steps dropped under ROLLBACK so far. */
    public int rollbacks() {
        return rollbacks;
    }

    /** s: 1, halved at every dropped step. */
    public double learningRateScale() {
        return lrScale;
    }

    /** The steps dropped in a row up to now (0 after an applied step). */
    public int consecutiveRollbacks() {
        return consecutiveRollbacks;
    }

    /**
     * Continues the rollback state of another loop over the same parameters (a round of local
     * steps run elsewhere, e.g. on a Spark partition, and back): s and the count of dropped steps
     * in a row. Returns this.
     *
     * @throws IllegalArgumentException if the scale is not in (0, 1] or the count is negative
     */
    public SviLoop continueRollbacks(double learningRateScale, int droppedInARow) {
        if (!(learningRateScale > 0 && learningRateScale <= 1) || droppedInARow < 0) {
            throw new IllegalArgumentException("SviLoop: learningRateScale must be in (0, 1] and droppedInARow >= 0, got "
                    + learningRateScale + " and " + droppedInARow);
        }
        this.lrScale = learningRateScale;
        this.consecutiveRollbacks = droppedInARow;
        return this;
    }

    /** η of the next update: s times the policy's rate at the rule's step count. */
    public double learningRate() {
        return lrScale * policy.rate(rule.stepCount());
    }
}
