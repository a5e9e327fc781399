package org.elbo4j.topics;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The ELBO of smoothed LDA (seed 004; Blei et al. 2003, eq. 15, with the β terms of Hoffman et
 * al. 2010, eq. 4), exactly, with φ at its optimum given γ and λ:
 * <pre>
 *   ELBO = E_q log p(θ, β, z, w | α, η) − E_q log q(β, z, θ | λ, φ, γ)
 *        = Σ_d documentTerm_d + topicTerm
 *   documentTerm_d = Σ_w n_dw log Σ_k exp(E log θ_dk + E log β_kw)
 *                  + log Γ(Σ_k α_k) − Σ_k log Γ(α_k) + Σ_k (α_k − γ_dk) E log θ_dk
 *                  − log Γ(Σ_k γ_dk) + Σ_k log Γ(γ_dk)
 *   topicTerm      = Σ_k [ log Γ(Vη) − V log Γ(η) + Σ_w (η − λ_kw) E log β_kw
 *                          − log Γ(Σ_w λ_kw) + Σ_w log Γ(λ_kw) ]
 * </pre>
 * where E log θ_dk = ψ(γ_dk) − ψ(Σ_j γ_dj) and E log β_kw = ψ(λ_kw) − ψ(Σ_v λ_kv). The first line
 * of documentTerm is E_q[log p(z|θ) + log p(w|z,β) − log q(z)] maximised over φ
 * (φ_dwk ∝ exp(E log θ_dk + E log β_kw)).
 *
 * @param documents the sum of the document terms
 * @param topics    the topic term
 */
public record LdaElbo(double documents, double topics) {

    /** documents + topics. */
    public double total() {
        return documents + topics;
    }

    /**
     * The ELBO of {@code model} with document parameters γ (D × K, row-major) on {@code corpus}.
     *
     * @throws IllegalArgumentException if the sizes disagree
     */
    public static LdaElbo of(Corpus corpus, double[] gamma, LdaModel model) {
        int k = model.topics();
        if (corpus.vocabSize() != model.vocabSize() || gamma.length != (long) corpus.docs() * k) {
            throw new IllegalArgumentException("LdaElbo: corpus (V = " + corpus.vocabSize() + ", D = "
                    + corpus.docs() + ") and gamma (" + gamma.length + " values) do not fit the model (K = " + k
                    + ", V = " + model.vocabSize() + ")");
        }
        EStep e = new EStep(k, model.vocabSize(), 0, 0);
        e.setLambda(model.lambda());
        e.setAlpha(model.alpha());
        double[] scores = new double[corpus.docs()];
        e.run(corpus, gamma.clone(), true, false, null, scores);
        return new LdaElbo(sum(scores), topicTerm(model.lambda(), k, model.vocabSize(), model.eta()));
    }

    /** The sum of {@code values} in index order. */
    public static double sum(double[] values) {
        double s = 0;
        for (double x : values) {
            s += x;
        }
        return s;
    }

    /** The topic term for λ (row-major K × V) and η. */
    static double topicTerm(double[] lambda, int k, int v, double eta) {
        double[] elog = LdaModel.expectedLogBeta(lambda, k, v);
        double prior = LogGamma.value(v * eta) - v * LogGamma.value(eta);
        double total = 0;
        for (int t = 0; t < k; t++) {
            double sum = 0;
            double part = prior;
            for (int w = 0; w < v; w++) {
                double l = lambda[t * v + w];
                sum += l;
                part += (eta - l) * elog[t * v + w] + LogGamma.value(l);
            }
            total += part - LogGamma.value(sum);
        }
        return total;
    }
}
