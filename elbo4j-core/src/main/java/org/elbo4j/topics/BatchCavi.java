package org.elbo4j.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.elbo4j.infer.AscentMonitor;

/**
 * Batch mean-field coordinate ascent for LDA (Blei, Ng &amp; Jordan 2003, §5.3), one iteration:
 * <ol>
 *   <li>E-step: for every document, γ_d and φ_d to convergence from the previous γ_d
 *       ({@link EStep}; the sufficient statistics use φ at the final γ);</li>
 *   <li>λ_kw = η + Σ_d n_dw φ_dwk;</li>
 *   <li>with learning, α and then η maximised by Newton's method ({@link DirichletNewton}).</li>
 * </ol>
 * Each step maximises the ELBO in its block with the others fixed, so the ELBO
 * ({@link LdaElbo}) never decreases; the {@link AscentMonitor} turns a decrease beyond round-off
 * into a DIVERGING verdict.
 */
final class BatchCavi {

    private BatchCavi() {
    }

    static LdaFit fit(Corpus train, Corpus heldOut, LdaConfig config, Consumer<LdaPass> progress) {
        int k = config.topics();
        int v = train.vocabSize();
        double[] lambda = Lda.initialLambda(k, v, config.eta(), train.totalWords(), config.seed(), false);
        double[] alpha = new double[k];
        Arrays.fill(alpha, config.alpha());
        double eta = config.eta();
        double[] gamma = new double[train.docs() * k];
        double[] stats = new double[v * k];
        double[] scores = new double[train.docs()];
        EStep e = new EStep(k, v, config.eStepTolerance(), config.eStepIterations());
        e.setLambda(lambda);
        e.setAlpha(alpha);
        AscentMonitor monitor = AscentMonitor.of(config.relTolerance(), config.passes());
        List<LdaPass> passes = new ArrayList<>();
        double eSeconds = 0;
        double eTokens = 0;
        for (int pass = 1; ; pass++) {
            long t0 = System.nanoTime();
            e.run(train, gamma, pass > 1, true, stats, null);
            eSeconds += (System.nanoTime() - t0) * 1e-9;
            eTokens += train.totalWords();
            for (int t = 0; t < k; t++) {
                for (int w = 0; w < v; w++) {
                    lambda[t * v + w] = eta + stats[w * k + t];
                }
            }
            if (config.learnAlpha()) {
                alpha = DirichletNewton.maximise(alpha, Lda.sumLogTheta(gamma, k), train.docs(),
                        !config.asymmetricAlpha());
            }
            if (config.learnEta()) {
                eta = Lda.updateEta(eta, lambda, k, v, 1.0, true);
            }
            e.setLambda(lambda);
            e.setAlpha(alpha);
            e.run(train, gamma, true, false, null, scores);
            double elbo = LdaElbo.sum(scores) + LdaElbo.topicTerm(lambda, k, v, eta);
            double heldOutPerplexity = heldOut == null ? Double.NaN
                    : Math.exp(-Lda.perWordBound(LdaModel.of(v, lambda, alpha, eta), heldOut));
            LdaPass p = new LdaPass(pass, Math.exp(-elbo / train.totalWords()), heldOutPerplexity, 1.0);
            passes.add(p);
            progress.accept(p);
            if (monitor.add(elbo)) {
                break;
            }
        }
        LdaModel model = LdaModel.of(v, lambda, alpha, eta);
        return new LdaFit(model, gamma, monitor.verdict(), monitor.reason(), monitor.trace(), List.copyOf(passes),
                eSeconds, eTokens);
    }
}
