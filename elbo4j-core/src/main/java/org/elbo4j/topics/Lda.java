package org.elbo4j.topics;

import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.commons.numbers.gamma.Digamma;
import org.elbo4j.random.Rng;

/**
 * Latent Dirichlet allocation by variational inference: batch mean-field coordinate ascent
 * (Blei, Ng &amp; Jordan 2003, §5.3: the γ, φ and λ updates) or online stochastic variational
 * inference (Hoffman, Blei &amp; Bach 2010, Alg. 2: λ ← (1 − ρ_t) λ + ρ_t λ̂ with
 * λ̂_kw = η + (D / |B|) Σ_{d∈B} n_dw φ_dwk and ρ_t = (τ₀ + t)^−κ), with α and η fixed or learned
 * by Minka's Newton update ({@link DirichletNewton}). See {@link LdaModel} for the model and
 * {@link LdaElbo} for the objective.
 *
 * <p>λ starts at random ({@link #initialLambda}); γ_d starts at α + N_d / K. Documents
 * must not be empty. Results are the same for any thread count ({@link EStep}).
 */
public final class Lda {

    private Lda() {
    }

    /**
     * Fits LDA to {@code train}; {@code heldOut} (may be null) is scored after every pass.
     *
     * @param progress called after every pass (may be null)
     * @throws IllegalArgumentException if a corpus has empty documents, the vocabularies differ,
     *                                  or there are no documents
     */
    public static LdaFit fit(Corpus train, Corpus heldOut, LdaConfig config, Consumer<LdaPass> progress) {
        checkDocuments("train", train);
        if (heldOut != null) {
            checkDocuments("heldOut", heldOut);
            if (heldOut.vocabSize() != train.vocabSize()) {
                throw new IllegalArgumentException("Lda: heldOut has V = " + heldOut.vocabSize() + ", train has V = "
                        + train.vocabSize());
            }
        }
        Consumer<LdaPass> sink = progress == null ? p -> { } : progress;
        return config.online()
                ? OnlineVi.fit(CorpusDocuments.of(train), heldOut == null ? null : CorpusDocuments.of(heldOut), config,
                        sink) : BatchCavi.fit(train, heldOut, config, sink);
    }

    /**
     * Online VI (Hoffman, Blei &amp; Bach 2010; see {@link #fit}) over documents held anywhere:
     * the E-step of each minibatch runs where {@code train} holds its documents, the M-step here.
     * With {@link CorpusDocuments} this is {@link #fit} with {@code config.online()}, bit for bit.
     * The documents must not be empty (an implementation checks when it reads them).
     *
     * @param heldOut  scored after every pass (may be null)
     * @param progress called after every pass (may be null)
     * @throws IllegalArgumentException if {@code config} is not online, there are no documents or
     *                                  the vocabularies differ
     */
    public static LdaFit fitOnline(LdaDocuments train, LdaDocuments heldOut, LdaConfig config,
            Consumer<LdaPass> progress) {
        if (!config.online()) {
            throw new IllegalArgumentException("Lda: fitOnline needs an online config, got batch");
        }
        if (train.docs() < 1) {
            throw new IllegalArgumentException("Lda: train has no documents");
        }
        if (heldOut != null && heldOut.vocabSize() != train.vocabSize()) {
            throw new IllegalArgumentException("Lda: heldOut has V = " + heldOut.vocabSize() + ", train has V = "
                    + train.vocabSize());
        }
        return OnlineVi.fit(train, heldOut, config, progress == null ? p -> { } : progress);
    }

    private static void checkDocuments(String name, Corpus corpus) {
        if (corpus.docs() < 1) {
            throw new IllegalArgumentException("Lda: " + name + " has no documents");
        }
        int[] empty = corpus.emptyDocuments();
        if (empty.length > 0) {
            throw new IllegalArgumentException("Lda: " + name + " has " + empty.length + " empty documents (0-based: "
                    + describe(empty) + ")");
        }
    }

    /** At most the first 10 numbers, then "…". */
    public static String describe(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(10, values.length); i++) {
            b.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return values.length > 10 ? b.append(", ...").toString() : b.toString();
    }

    /**
     * q(θ_d) = Dirichlet(γ_d) for every document of {@code corpus} under {@code model} (λ and α
     * fixed; the E-step to a mean |Δγ| of 1e-4 or 200 iterations). Documents without words get
     * γ = α. Returns γ, D × K row-major.
     */
    public static double[] inferGamma(LdaModel model, Corpus corpus) {
        EStep e = eStep(model, 1e-4, 200);
        double[] gamma = new double[corpus.docs() * model.topics()];
        e.run(corpus, gamma, false, true, null, null);
        return gamma;
    }

    /** E_q θ_d = γ_d / Σ_k γ_dk of {@link #inferGamma}, D × K row-major. */
    public static double[] inferTheta(LdaModel model, Corpus corpus) {
        return normaliseRows(inferGamma(model, corpus), model.topics());
    }

    /**
     * The per-word bound on {@code corpus} under {@code model}: Σ_d documentTerm_d / words, with γ
     * fitted to each document (λ and α fixed). Its perplexity is exp(−bound).
     */
    public static double perWordBound(LdaModel model, Corpus corpus) {
        return LdaElbo.sum(documentBounds(model, corpus)) / corpus.totalWords();
    }

    /** Each document's ELBO terms (documentTerm_d of {@link LdaElbo}) with γ fitted as in {@link #perWordBound}. */
    static double[] documentBounds(LdaModel model, Corpus corpus) {
        EStep e = eStep(model, 1e-4, 200);
        double[] gamma = new double[corpus.docs() * model.topics()];
        double[] scores = new double[corpus.docs()];
        e.run(corpus, gamma, false, true, null, scores);
        return scores;
    }

    static EStep eStep(LdaModel model, double tolerance, int iterations) {
        EStep e = new EStep(model.topics(), model.vocabSize(), tolerance, iterations);
        e.setLambda(model.lambda());
        e.setAlpha(model.alpha());
        return e;
    }

    /** Rows of a row-major matrix with {@code cols} columns, each divided by its sum. */
    static double[] normaliseRows(double[] m, int cols) {
        double[] out = new double[m.length];
        for (int r = 0; r < m.length / cols; r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += m[r * cols + c];
            }
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = m[r * cols + c] / s;
            }
        }
        return out;
    }

    /**
     * The starting λ, K × V row-major, z_kw standard normal from the seed:
     * <ul>
     *   <li>online: {@code λ_kw = max(0.01, 1 + 0.1 z_kw)}, close to the Gamma(100, 1/100) start
     *       of gensim and scikit-learn (the first noisy updates break the symmetry);</li>
     *   <li>batch: {@code λ_kw = η + (W / (K V)) exp(z_kw)}, W the training words: a start near
     *       uniform lets batch CAVI stall in poor local optima (measured on sampled corpora), so
     *       the topics start spread apart, at the scale of the counts the updates add.</li>
     * </ul>
     */
    static double[] initialLambda(int k, int v, double eta, double words, long seed, boolean online) {
        Rng rng = Rng.of(seed).child("lda-lambda");
        double scale = words / ((double) k * v);
        double[] lambda = new double[k * v];
        for (int i = 0; i < lambda.length; i++) {
            double z = rng.nextGaussian();
            lambda[i] = online ? Math.max(0.01, 1 + 0.1 * z) : eta + scale * Math.exp(z);
        }
        return lambda;
    }

    /** Σ_d E log θ_dk = Σ_d [ψ(γ_dk) − ψ(Σ_j γ_dj)] for each k. */
    static double[] sumLogTheta(double[] gamma, int k) {
        double[] s = new double[k];
        for (int d = 0; d < gamma.length / k; d++) {
            double sum = 0;
            for (int t = 0; t < k; t++) {
                sum += gamma[d * k + t];
            }
            double psiSum = Digamma.value(sum);
            for (int t = 0; t < k; t++) {
                s[t] += Digamma.value(gamma[d * k + t]) - psiSum;
            }
        }
        return s;
    }

    /** Σ_k Σ_w E log β_kw for λ, as the statistic of η, spread evenly over V entries. */
    static double[] logBetaStatistic(double[] lambda, int k, int v) {
        double[] elog = LdaModel.expectedLogBeta(lambda, k, v);
        double[] s = new double[v];
        for (int t = 0; t < k; t++) {
            for (int w = 0; w < v; w++) {
                s[w] += elog[t * v + w];
            }
        }
        return s;
    }

    /** η updated: the Newton maximiser (batch) or one step scaled by {@code rate} (online). */
    static double updateEta(double eta, double[] lambda, int k, int v, double rate, boolean toConvergence) {
        double[] s = logBetaStatistic(lambda, k, v);
        double[] a = new double[v];
        Arrays.fill(a, eta);
        double[] next = toConvergence ? DirichletNewton.maximise(a, s, k, true)
                : DirichletNewton.step(a, s, k, true, rate, false);
        return next == null ? eta : next[0];
    }
}
