package org.elbo4j.topics;

/**
 * The documents an online LDA fit ({@link Lda#fitOnline}) runs over, wherever they are held: in
 * memory ({@link CorpusDocuments}) or spread over machines (elbo4j-spark). Documents are numbered
 * 0 … D − 1; the fit asks for the E-step of consecutive ranges of them (its minibatches) and
 * does the M-step itself, so an implementation decides only where the E-step runs.
 *
 * <p>Contract, for every implementation: γ and the scores of a document depend on that document,
 * λ and α alone (never on where or with which other documents it is processed); only the
 * sufficient statistic Σ_d n_dw φ_dwk is a sum over documents, whose order of additions an
 * implementation may choose but must fix (the same for every run).
 */
public interface LdaDocuments {

    /** The number of documents D. */
    int docs();

    /** The vocabulary size V. */
    int vocabSize();

    /** The number of words (tokens) of all documents. */
    double totalWords();

    /**
     * The E-step ({@link EStep}: Blei et al. 2003, eq. 6–7) on documents {@code from ≤ d < to} at
     * fixed λ and α, every γ_d started at α + N_d / K:
     * <pre>
     *   φ_dwk ∝ exp(E log θ_dk + E log β_kw),   γ_dk = α_k + Σ_w n_dw φ_dwk
     * </pre>
     * until the mean |Δγ_dk| is below {@code tolerance} or {@code iterations} iterations.
     *
     * @param lambda  λ, row-major K × V
     * @param alpha   α, length K
     * @param stats   V × K, word-major, receiving Σ_{from ≤ d &lt; to} n_dw φ_dwk
     * @param gamma   at least (to − from) × K, receiving γ of the documents in order
     * @param scores  at least to − from, receiving each document's ELBO terms
     *                ({@link LdaElbo}'s documentTerm_d)
     * @return the number of words of the documents
     */
    double eStep(int from, int to, double[] lambda, double[] alpha, double tolerance, int iterations, double[] stats,
            double[] gamma, double[] scores);

    /** γ of every document under {@code model}, D × K row-major, as {@link Lda#inferGamma}. */
    double[] inferGamma(LdaModel model);

    /** The per-word bound of the documents under {@code model}, as {@link Lda#perWordBound}. */
    double perWordBound(LdaModel model);
}
