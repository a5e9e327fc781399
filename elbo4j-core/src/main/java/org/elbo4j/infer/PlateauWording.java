package org.elbo4j.infer;

import org.elbo4j.optim.PlateauDecay;
import org.elbo4j.optim.StepSizePolicy;

/**
 * The reduce-on-plateau policy ({@link PlateauDecay}, the library's policy in {@code optim}) as
 * {@link SviLoop} applies it after each window comparison: its decisions turned into a
 * {@link Verdict} and the numbers behind them in words. See {@link PlateauDecay} for the rule: η
 * halved on no progress; CONVERGED or PLATEAU once the rate is small enough relative to the
 * smallest posterior scale (in whitened units for a whitened guide) or once the window-averaged
 * parameters have stopped moving. The loop adds DIVERGING (the monitor's rule), the caller
 * MAX_STEPS and NON_FINITE.
 */
final class PlateauWording {

    private final PlateauDecay policy;
    private String reason = "still improving";

    PlateauWording(PlateauDecay policy) {
        this.policy = policy;
    }

    /** η now. */
    double learningRate() {
        return policy.learningRate();
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
        double before = policy.learningRate();
        int halvingsBefore = policy.halvings();
        StepSizePolicy.Decision decision = policy.afterWindow(change, stderr, tolerance, smallestScale, shift);
        double relative = before / smallestScale;
        String numbers = "change " + SignificantDigits.of(change, 4) + " ± " + SignificantDigits.of(stderr, 3)
                + " (se) per window, tolerance " + SignificantDigits.of(tolerance, 3) + ", learning rate "
                + SignificantDigits.of(before, 3) + " (" + halvingsBefore + " halvings, "
                + SignificantDigits.of(relative, 3) + " of the smallest guide sd)";
        switch (decision) {
            case IMPROVING:
                reason = "still improving: " + numbers;
                return null;
            case HALVED:
                reason = "no progress, learning rate halved: " + numbers;
                return null;
            case CONVERGED:
                reason = (policy.settledAboveFloor()
                        ? "converged: no progress, and the window-averaged guide parameters moved by at most "
                                + SignificantDigits.of(shift, 3) + " (whitened units) since the last window; "
                        : "converged: no progress at a learning rate whose iterate noise is below 0.05 posterior sd; ")
                        + numbers;
                return Verdict.CONVERGED;
            case PLATEAU:
                reason = "plateau, NOT converged: no progress in " + PlateauDecay.PLATEAU_WINDOWS + " windows at the "
                        + "smallest learning rate, but the objective's noise (2 se " + SignificantDigits.of(2 * stderr, 3)
                        + ") is too large to confirm convergence (more particles or a larger batch would): " + numbers;
                return Verdict.PLATEAU;
            default:
                reason = "no progress at the smallest learning rate, noise too large to confirm: " + numbers;
                return null;
        }
    }
}
