package org.elbo4j.bayes;

import java.util.Optional;
import org.elbo4j.infer.Verdict;

/**
 * The outcome of the optimisation phase of a fit, before diagnostics: what {@link DensityFit}
 * returns, and what {@link BayesFit} builds its {@link FitResult} from.
 *
 * @param verdict how it ended
 * @param reason  the numbers behind the verdict
 * @param trace   the objective per step (the ELBO estimate, or the log density for MAP/Laplace)
 * @param steps   the number of steps
 * @param guide   the fitted Gaussian in unconstrained space (covariance all zeros for MAP); for a
 *                {@link GuideFamily#FLOW} fit the full-rank Gaussian the flow transforms
 * @param flow    the fitted flow of a {@link GuideFamily#FLOW} fit (then q is the flow, not
 *                {@code guide}), empty otherwise
 * @param nested  the importance proposal of a {@link GuideFamily#NESTED_LAPLACE} fit (then q is the
 *                proposal and {@code guide} its linearisation), empty otherwise
 */
public record Optimisation(Verdict verdict, String reason, double[] trace, int steps, UnconstrainedGaussian guide,
        Optional<FlowGuide> flow, Optional<NestedLaplaceProposal> nested) {

    /** Without a nested-Laplace proposal. */
    public Optimisation(Verdict verdict, String reason, double[] trace, int steps, UnconstrainedGaussian guide,
            Optional<FlowGuide> flow) {
        this(verdict, reason, trace, steps, guide, flow, Optional.empty());
    }

    /** A Gaussian (or point-mass) fit: no flow. */
    public Optimisation(Verdict verdict, String reason, double[] trace, int steps, UnconstrainedGaussian guide) {
        this(verdict, reason, trace, steps, guide, Optional.empty());
    }
}
