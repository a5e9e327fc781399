package org.elbo4j.topics;

import org.elbo4j.infer.ObjectiveTrace;
import org.elbo4j.infer.Verdict;

/**
 * The result of {@link Lda#fit}.
 *
 * @param model          λ, α and η
 * @param gamma          q(θ_d) = Dirichlet(γ_d) of the training documents, D × K row-major
 * @param verdict        how the fit ended ({@link org.elbo4j.infer.AscentMonitor} for batch,
 *                       {@link org.elbo4j.infer.ConvergenceMonitor} over minibatch bounds for online)
 * @param reason         one sentence on the verdict
 * @param trace          batch: the ELBO after every iteration; online: the running bound per pass
 * @param passes         per pass: perplexities and rate
 * @param eStepSeconds   wall time spent in E-steps on training minibatches
 * @param eStepTokens    tokens those E-steps processed (each token once per pass)
 */
public record LdaFit(LdaModel model, double[] gamma, Verdict verdict, String reason, ObjectiveTrace trace,
        java.util.List<LdaPass> passes, double eStepSeconds, double eStepTokens) {

    /** The normalised document–topic matrix E_q θ_d = γ_d / Σ_k γ_dk, D × K row-major. */
    public double[] docTopics() {
        return Lda.normaliseRows(gamma, model.topics());
    }

    /** E-step throughput, tokens per second. */
    public double eStepTokensPerSecond() {
        return eStepTokens / eStepSeconds;
    }
}
