package org.elbo4j.topics;

import org.apache.commons.numbers.gamma.LogGamma;
import org.elbo4j.tensor.kernel.Parallel;

/**
 * The E-step of LDA (Blei et al. 2003, eq. 6–7, in the form of Hoffman et al. 2010, Alg. 2):
 * for each document, with λ and α fixed, alternate
 * <pre>
 *   φ_dwk ∝ exp(E log θ_dk + E log β_kw)
 *   γ_dk  = α_k + Σ_w n_dw φ_dwk
 * </pre>
 * until the mean absolute change of γ_d is below {@code tolerance} or {@code maxIterations} is
 * reached. Each half-step maximises the ELBO in its block, so every iteration raises it.
 *
 * <p>Implementation note (as gensim and scikit-learn do): φ is never stored. With
 * {@code a_k = exp E log θ_dk} and {@code b_kw = exp E log β_kw}, the normaliser of φ_dw· is
 * {@code s_w = Σ_k a_k b_kw}, so γ_dk = α_k + a_k Σ_w (n_dw / s_w) b_kw, the sufficient statistic
 * Σ_d n_dw φ_dwk = b_kw Σ_d a_dk n_dw / s_dw, and the document's part of the ELBO with the optimal
 * φ is {@code Σ_w n_dw log s_w} plus the θ terms ({@link LdaElbo}). exp and digamma are taken K
 * times per document iteration, not once per token.
 *
 * <p>Parallelism: documents are cut into at most {@value #MAX_CHUNKS} contiguous chunks, a number
 * fixed by the corpus size alone; each chunk sums its sufficient statistics in its own buffer and
 * the buffers are added in chunk order, so the result has the same bits for any thread count.
 * The per-token loops allocate nothing.
 */
final class EStep {

    /** The most chunks a corpus is cut into. */
    static final int MAX_CHUNKS = 16;
    /** The fewest documents per chunk. */
    static final int MIN_DOCS_PER_CHUNK = 16;
    /** Sufficient-statistic buffers are limited to this many doubles in all. */
    static final long BUFFER_BUDGET = 1L << 24;
    private static final double TINY = 1e-280;

    private final int k;
    private final int v;
    private final double tolerance;
    private final int maxIterations;
    private final double[] expElogBetaT;
    private final double[] elogBetaT;
    private double[] alpha;
    private double alphaTerm;
    private final DocWork[] work = new DocWork[MAX_CHUNKS];

    EStep(int k, int v, double tolerance, int maxIterations) {
        this.k = k;
        this.v = v;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.expElogBetaT = new double[k * v];
        this.elogBetaT = new double[k * v];
    }

    /**
     * Sets E log β from λ (row-major K × V); stored word-major for the per-token loops. Topics
     * run as parallel tasks, each writing its own entries.
     */
    void setLambda(double[] lambda) {
        Parallel.forEachTask(k, t -> {
            double sum = 0;
            for (int w = 0; w < v; w++) {
                sum += lambda[t * v + w];
            }
            double psiSum = FastDigamma.value(sum);
            for (int w = 0; w < v; w++) {
                double e = FastDigamma.value(lambda[t * v + w]) - psiSum;
                elogBetaT[w * k + t] = e;
                expElogBetaT[w * k + t] = Math.exp(e);
            }
        });
    }

    /** Sets α. */
    void setAlpha(double[] a) {
        this.alpha = a.clone();
        double sum = 0;
        double lg = 0;
        for (double x : a) {
            sum += x;
            lg += LogGamma.value(x);
        }
        this.alphaTerm = LogGamma.value(sum) - lg;
    }

    /** The number of chunks for D documents (independent of the thread count). */
    int chunks(int docs, boolean withStats) {
        int c = Math.max(1, Math.min(MAX_CHUNKS, (docs + MIN_DOCS_PER_CHUNK - 1) / MIN_DOCS_PER_CHUNK));
        if (withStats) {
            c = (int) Math.max(1, Math.min(c, BUFFER_BUDGET / ((long) k * v)));
        }
        return c;
    }

    /**
     * Runs the E-step on every document of {@code corpus}.
     *
     * @param gamma      D × K, row-major; read as the start when {@code warm}, else set to
     *                   α_k + N_d / K first; holds the fitted γ on return
     * @param fit        false evaluates the scores at the given γ without changing it
     * @param stats      null, or V × K (word-major) receiving Σ_d n_dw φ_dwk
     * @param docScore   null, or length D receiving each document's ELBO terms
     */
    void run(Corpus corpus, double[] gamma, boolean warm, boolean fit, double[] stats, double[] docScore) {
        int docs = corpus.docs();
        int chunks = chunks(docs, stats != null);
        for (int c = 0; c < chunks; c++) {
            if (work[c] == null || work[c].phinorm.length < corpus.maxEntries()) {
                int entries = Math.max(corpus.maxEntries(), work[c] == null ? 0 : work[c].phinorm.length);
                work[c] = new DocWork(k, v, entries);
            }
            work[c].begin(stats != null);
        }
        Parallel.forEachTask(chunks, c -> {
            DocWork wk = work[c];
            int from = (int) ((long) docs * c / chunks);
            int to = (int) ((long) docs * (c + 1) / chunks);
            for (int d = from; d < to; d++) {
                double score = document(corpus, d, gamma, warm, fit, wk, stats != null);
                if (docScore != null) {
                    docScore[d] = score;
                }
            }
        });
        if (stats != null) {
            java.util.Arrays.fill(stats, 0.0);
            for (int c = 0; c < chunks; c++) {
                work[c].addTo(stats);
            }
            for (int i = 0; i < stats.length; i++) {
                stats[i] *= expElogBetaT[i];
            }
        }
    }

    private double document(Corpus corpus, int d, double[] gamma, boolean warm, boolean fit, DocWork wk,
            boolean withStats) {
        int g = d * k;
        int start = corpus.start(d);
        int n = corpus.end(d) - start;
        if (!warm) {
            double init = corpus.docLength(d) / k;
            for (int t = 0; t < k; t++) {
                gamma[g + t] = alpha[t] + init;
            }
        }
        double[] et = wk.expTheta;
        double[] acc = wk.accK;
        double[] phinorm = wk.phinorm;
        wk.expectations(gamma, g);
        normalisers(corpus, start, n, et, phinorm);
        for (int it = 0; fit && it < maxIterations; it++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int i = 0; i < n; i++) {
                double r = corpus.count(start + i) / phinorm[i];
                int base = corpus.wordId(start + i) * k;
                for (int t = 0; t < k; t++) {
                    acc[t] += r * expElogBetaT[base + t];
                }
            }
            double change = 0;
            for (int t = 0; t < k; t++) {
                double updated = alpha[t] + et[t] * acc[t];
                change += Math.abs(updated - gamma[g + t]);
                gamma[g + t] = updated;
            }
            wk.expectations(gamma, g);
            normalisers(corpus, start, n, et, phinorm);
            if (change / k < tolerance) {
                break;
            }
        }
        if (withStats) {
            for (int i = 0; i < n; i++) {
                wk.accumulate(corpus.wordId(start + i), corpus.count(start + i) / phinorm[i]);
            }
        }
        return score(corpus, start, n, gamma, g, wk);
    }

    private void normalisers(Corpus corpus, int start, int n, double[] et, double[] phinorm) {
        for (int i = 0; i < n; i++) {
            int base = corpus.wordId(start + i) * k;
            double s = 0;
            for (int t = 0; t < k; t++) {
                s += et[t] * expElogBetaT[base + t];
            }
            phinorm[i] = s;
        }
    }

    /**
     * The document's ELBO terms: Σ_w n_dw log s_w + log Γ(Σα) − Σ log Γ(α_k) + Σ (α_k − γ_k) E log θ_k
     * − log Γ(Σγ) + Σ log Γ(γ_k).
     */
    private double score(Corpus corpus, int start, int n, double[] gamma, int g, DocWork wk) {
        double words = 0;
        for (int i = 0; i < n; i++) {
            double s = wk.phinorm[i];
            double logS = s > TINY ? Math.log(s) : logSumExp(corpus.wordId(start + i), wk.elogTheta);
            words += corpus.count(start + i) * logS;
        }
        double theta = alphaTerm;
        double gammaSum = 0;
        for (int t = 0; t < k; t++) {
            theta += (alpha[t] - gamma[g + t]) * wk.elogTheta[t] + LogGamma.value(gamma[g + t]);
            gammaSum += gamma[g + t];
        }
        return words + theta - LogGamma.value(gammaSum);
    }

    private double logSumExp(int word, double[] elogTheta) {
        int base = word * k;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < k; t++) {
            max = Math.max(max, elogTheta[t] + elogBetaT[base + t]);
        }
        double s = 0;
        for (int t = 0; t < k; t++) {
            s += Math.exp(elogTheta[t] + elogBetaT[base + t] - max);
        }
        return max + Math.log(s);
    }
}
