package org.elbo4j.infer;

/**
 * How a fit ended; see {@link ConvergenceMonitor} for the rule that decides.
 */
public enum Verdict {
    /** The ELBO stopped improving and the remaining improvement is confidently below tolerance. */
    CONVERGED,
    /**
     * Stopped improving but NOT converged by the rule: no significant improvement for several
     * windows, but the noise is too large to confirm convergence. Present it as not converged;
     * {@link #isUsable()} still admits it as a rough answer.
     */
    PLATEAU,
    /** The ELBO decreased significantly, or the guide parameters blew up. */
    DIVERGING,
    /** The step budget ran out while the ELBO was still improving. */
    MAX_STEPS,
    /** The ELBO, a gradient or a parameter became NaN or infinite. */
    NON_FINITE;

    /** True for the verdicts after which the result may be used (CONVERGED, PLATEAU). */
    public boolean isUsable() {
        return this == CONVERGED || this == PLATEAU;
    }
}
