package org.elbo4j.optim;

/**
 * How the step size of an optimiser evolves: the library's one step-size policy type, with three
 * strategies.
 * <ul>
 *   <li>a fixed schedule of the update number k, {@link LrSchedule} (constant, step, exponential,
 *       cosine, warm-up, and Stan's {@link LrSchedule#stanDecay});</li>
 *   <li>reduce on plateau, {@link PlateauDecay}: η is halved when a window comparison of the
 *       objective shows no progress, and the policy says when the fit has converged;</li>
 *   <li>Stan's adaptive step-size search: η is picked from {@link #stanEtaCandidates()} by short
 *       trial runs (the caller runs them, as only it can evaluate the objective), then followed by
 *       {@link LrSchedule#stanDecay}.</li>
 * </ul>
 * {@link #rate} is called once per step and allocates nothing; {@link #afterWindow} once per
 * window of steps.
 */
public interface StepSizePolicy {

    /** What a policy concludes from a window comparison. */
    enum Decision {
        /** The objective still improves (or the policy does not adapt): go on at this rate. */
        IMPROVING,
        /** No progress: the rate was halved. */
        HALVED,
        /** No progress at the smallest rate, but the comparison is too noisy to call it converged. */
        UNRESOLVED,
        /** No progress, and the comparison resolves changes that matter: converged. */
        CONVERGED,
        /** No progress at the smallest rate for several windows, too noisy to confirm convergence. */
        PLATEAU
    }

    /** η of update number {@code step} (>= 0). */
    double rate(long step);

    /**
     * Takes the window comparison of the objective (a maximised ELBO or log density) into
     * account: {@code change} d between consecutive window means with standard error
     * {@code stderr}, the convergence {@code tolerance}, the smallest posterior scale the steps are
     * relative to, and the largest shift of the window-averaged parameters since the previous
     * window (NaN when unknown). The default (a schedule) ignores it.
     */
    default Decision afterWindow(double change, double stderr, double tolerance, double smallestScale,
            double shift) {
        return Decision.IMPROVING;
    }

    /** The η tried by Stan's ADVI adaptation, in its order: 100, 10, 1, 0.1, 0.01 (a copy). */
    static double[] stanEtaCandidates() {
        return new double[] {100, 10, 1, 0.1, 0.01};
    }
}
