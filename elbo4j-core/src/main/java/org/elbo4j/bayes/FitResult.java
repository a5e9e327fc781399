package org.elbo4j.bayes;

import org.elbo4j.infer.Verdict;

import java.util.Map;
import java.util.Optional;

/**
 * What {@link BayesFit#fit} returns.
 *
 * @param verdict     how the optimisation ended
 * @param reason      one line explaining the verdict (the numbers of the deciding test)
 * @param elboTrace   the estimate of the objective maximised at every step: the ELBO, the IWAE
 *                    bound L_K with {@code iwaeSamples} K ({@link FitConfig#objectiveLabel()}), for
 *                    MAP and Laplace the log joint at the current point, without or with the Jacobian
 * @param steps       the number of optimisation steps taken
 * @param seconds     wall time of the whole fit, diagnostics included
 * @param elbo        a final full-data ELBO estimate with {@code evidenceSamples} draws (NaN for MAP)
 * @param elboStderr  its Monte Carlo standard error
 * @param summaries   posterior summaries by parameter name, in declaration order
 * @param summarySource what the summaries and draws are: q itself, or q corrected by PSIS
 * @param evidence    the importance-sampled evidence with ESS and k̂ (empty for MAP, when
 *                    {@code evidenceSamples} is 0, or after a non-finite fit)
 * @param guide       the fitted guide as a Gaussian in unconstrained space (for a
 *                    {@link GuideFamily#FLOW} fit the full-rank Gaussian the flow transforms; the
 *                    ELBO, evidence, summaries and draws are then the flow's)
 * @param draws       the constrained posterior draws the summaries were computed from
 */
public record FitResult(Verdict verdict, String reason, double[] elboTrace, int steps, double seconds, double elbo,
        double elboStderr, Map<String, ParameterSummary> summaries, SummarySource summarySource,
        Optional<Evidence> evidence,
        UnconstrainedGaussian guide, ParameterValues draws) {

    /** Copies the trace. */
    public FitResult {
        elboTrace = elboTrace.clone();
        summaries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summaries));
    }

    /** The trace (copied). */
    @Override
    public double[] elboTrace() {
        return elboTrace.clone();
    }

    /**
     * The summary of {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public ParameterSummary summary(String name) {
        ParameterSummary s = summaries.get(name);
        if (s == null) {
            throw new IllegalArgumentException("FitResult: no parameter '" + name + "' (have " + summaries.keySet() + ")");
        }
        return s;
    }
}
