package org.elbo4j.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.elbo4j.infer.ConvergenceMonitor;
import org.elbo4j.infer.ObjectiveTrace;
import org.elbo4j.infer.Verdict;
import org.elbo4j.optim.LrSchedule;

/**
 * Online variational Bayes for LDA (Hoffman, Blei &amp; Bach 2010, Alg. 2). The training
 * documents are cut into consecutive minibatches B of {@code batchSize} (in corpus order, as
 * gensim and scikit-learn do); for update t = 0, 1, …:
 * <pre>
 *   γ_d, φ_d  for d ∈ B by the E-step at the current λ (γ_d from α + N_d / K)
 *   λ̂_kw     = η + (D / |B|) Σ_{d∈B} n_dw φ_dwk
 *   λ        ← (1 − ρ_t) λ + ρ_t λ̂,     ρ_t = (τ₀ + t)^−κ  ({@link LrSchedule#robbinsMonro})
 *   α        ← α + ρ_t Δα,  η ← η + ρ_t Δη   (learned: one Newton step on the minibatch, as gensim)
 * </pre>
 * Convergence: the per-word bound of each minibatch (its document terms at the λ it was fitted
 * with, divided by its words) goes to a {@link ConvergenceMonitor} with a window of one pass: the
 * fit stops early when it says CONVERGED or DIVERGING; a PLATEAU (no change detectable in the
 * noise) does not stop it, but is the verdict when it is the last comparison's. After the last pass γ of all
 * training documents is refitted at the final λ. The E-step of a minibatch runs wherever
 * {@link LdaDocuments} holds the documents (this machine, or Spark executors); the M-step here.
 */
final class OnlineVi {

    private OnlineVi() {
    }

    static LdaFit fit(LdaDocuments train, LdaDocuments heldOut, LdaConfig config, Consumer<LdaPass> progress) {
        int k = config.topics();
        int v = train.vocabSize();
        int docs = train.docs();
        int size = config.batchSize();
        double[] lambda = Lda.initialLambda(k, v, config.eta(), train.totalWords(), config.seed(), true);
        double[] alpha = new double[k];
        Arrays.fill(alpha, config.alpha());
        double eta = config.eta();
        int batches = (docs + size - 1) / size;
        double[] stats = new double[v * k];
        double[] gammaBatch = new double[Math.min(docs, size) * k];
        double[] scores = new double[Math.min(docs, size)];
        LrSchedule schedule = LrSchedule.robbinsMonro(config.tau0(), config.kappa());
        ConvergenceMonitor monitor = ConvergenceMonitor.of(Math.max(2, batches), config.relTolerance());
        ObjectiveTrace trace = new ObjectiveTrace();
        List<LdaPass> passes = new ArrayList<>();
        Verdict verdict = null;
        Verdict lastDecision = null;
        String reason = "";
        double eSeconds = 0;
        double eTokens = 0;
        long t = 0;
        double rho = 1;
        for (int pass = 1; pass <= config.passes() && verdict == null; pass++) {
            double passScore = 0;
            for (int from = 0; from < docs; from += size) {
                int n = Math.min(docs, from + size) - from;
                long t0 = System.nanoTime();
                double words = train.eStep(from, from + n, lambda, alpha, config.eStepTolerance(),
                        config.eStepIterations(), stats, gammaBatch, scores);
                eSeconds += (System.nanoTime() - t0) * 1e-9;
                eTokens += words;
                rho = schedule.rate(t++);
                double scale = (double) docs / n;
                for (int topic = 0; topic < k; topic++) {
                    for (int w = 0; w < v; w++) {
                        int i = topic * v + w;
                        lambda[i] = (1 - rho) * lambda[i] + rho * (eta + scale * stats[w * k + topic]);
                    }
                }
                double[] used = n == gammaBatch.length / k ? gammaBatch : Arrays.copyOf(gammaBatch, n * k);
                if (config.learnAlpha()) {
                    double[] next = DirichletNewton.step(alpha, Lda.sumLogTheta(used, k), n,
                            !config.asymmetricAlpha(), rho, false);
                    alpha = next == null ? alpha : next;
                }
                if (config.learnEta()) {
                    eta = Lda.updateEta(eta, lambda, k, v, rho, false);
                }
                double batchScore = LdaElbo.sum(Arrays.copyOf(scores, n));
                passScore += batchScore;
                double perWord = batchScore / words;
                if (!Double.isFinite(perWord)) {
                    verdict = Verdict.NON_FINITE;
                    reason = "the minibatch bound is " + perWord + " at update " + t;
                    break;
                }
                Verdict v1 = monitor.add(perWord);
                if (monitor.compared()) {
                    lastDecision = v1;
                }
                if ((v1 == Verdict.CONVERGED || v1 == Verdict.DIVERGING) && verdict == null) {
                    verdict = v1;
                    reason = monitor.reason();
                }
            }
            double bound = passScore + LdaElbo.topicTerm(lambda, k, v, eta);
            trace.add(bound);
            double heldOutPerplexity = heldOut == null || verdict == Verdict.NON_FINITE ? Double.NaN
                    : Math.exp(-heldOut.perWordBound(LdaModel.of(v, lambda, alpha, eta)));
            LdaPass p = new LdaPass(pass, Math.exp(-bound / train.totalWords()), heldOutPerplexity, rho);
            passes.add(p);
            progress.accept(p);
        }
        if (verdict == null) {
            verdict = lastDecision == Verdict.PLATEAU ? Verdict.PLATEAU : Verdict.MAX_STEPS;
            reason = "all " + config.passes() + " passes done; last comparison of pass means: " + monitor.reason();
        }
        LdaModel model = LdaModel.of(v, lambda, alpha, eta);
        double[] gamma = train.inferGamma(model);
        return new LdaFit(model, gamma, verdict, reason, trace, List.copyOf(passes), eSeconds, eTokens);
    }
}
