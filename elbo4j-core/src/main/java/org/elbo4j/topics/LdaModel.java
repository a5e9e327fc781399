package org.elbo4j.topics;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.Digamma;

/**
 * A fitted latent Dirichlet allocation (Blei, Ng &amp; Jordan 2003) in its smoothed form (Hoffman,
 * Blei &amp; Bach 2010): K topics over V words,
 * <pre>
 *   β_k ~ Dirichlet(η)         q(β_k) = Dirichlet(λ_k)      (topic–word)
 *   θ_d ~ Dirichlet(α)         q(θ_d) = Dirichlet(γ_d)      (document–topic)
 *   z_dn | θ_d ~ Categorical(θ_d),   w_dn | z_dn, β ~ Categorical(β_{z_dn})
 * </pre>
 * with a symmetric η and an α that may be asymmetric. Holds λ (K × V, row k = topic k), α and η;
 * immutable (the arrays are copied in and out).
 */
public final class LdaModel {

    private final int k;
    private final int v;
    private final double[] lambda;
    private final double[] alpha;
    private final double eta;

    private LdaModel(int k, int v, double[] lambda, double[] alpha, double eta) {
        this.k = k;
        this.v = v;
        this.lambda = lambda;
        this.alpha = alpha;
        this.eta = eta;
    }

    /**
     * A model from λ (row-major K × V, {@code lambda[k·V + w]}), α (length K) and η.
     *
     * @throws IllegalArgumentException if a value is not finite and &gt; 0 or the lengths disagree
     */
    public static LdaModel of(int vocabSize, double[] lambda, double[] alpha, double eta) {
        int k = alpha.length;
        if (k < 1 || vocabSize < 1 || lambda.length != (long) k * vocabSize) {
            throw new IllegalArgumentException("LdaModel: lambda must hold K·V = " + k + "·" + vocabSize
                    + " values, got " + lambda.length);
        }
        checkPositive("alpha", alpha);
        checkPositive("lambda", lambda);
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("LdaModel: eta must be finite and > 0, got " + eta);
        }
        return new LdaModel(k, vocabSize, lambda.clone(), alpha.clone(), eta);
    }

    private static void checkPositive(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0) || Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("LdaModel: " + name + " must be finite and > 0, got "
                        + values[i] + " at index " + i);
            }
        }
    }

    /** The number of topics K. */
    public int topics() {
        return k;
    }

    /** The vocabulary size V. */
    public int vocabSize() {
        return v;
    }

    /** A copy of λ, row-major K × V. */
    public double[] lambda() {
        return lambda.clone();
    }

    /** λ_kw. */
    public double lambda(int topic, int word) {
        return lambda[topic * v + word];
    }

    /** A copy of α. */
    public double[] alpha() {
        return alpha.clone();
    }

    /** η. */
    public double eta() {
        return eta;
    }

    /** E_q β_k = λ_k / Σ_w λ_kw, row-major K × V. */
    public double[] topicWordMeans() {
        double[] out = new double[lambda.length];
        for (int t = 0; t < k; t++) {
            double sum = 0;
            for (int w = 0; w < v; w++) {
                sum += lambda[t * v + w];
            }
            for (int w = 0; w < v; w++) {
                out[t * v + w] = lambda[t * v + w] / sum;
            }
        }
        return out;
    }

    /** E_q log β_kw = ψ(λ_kw) − ψ(Σ_w' λ_kw'), row-major K × V. */
    public double[] expectedLogBeta() {
        return expectedLogBeta(lambda, k, v);
    }

    /** E log β of Dirichlet rows λ (row-major K × V). */
    static double[] expectedLogBeta(double[] lambda, int k, int v) {
        double[] out = new double[lambda.length];
        for (int t = 0; t < k; t++) {
            double sum = 0;
            for (int w = 0; w < v; w++) {
                sum += lambda[t * v + w];
            }
            double psiSum = Digamma.value(sum);
            for (int w = 0; w < v; w++) {
                out[t * v + w] = Digamma.value(lambda[t * v + w]) - psiSum;
            }
        }
        return out;
    }

    /** The ids of the {@code n} most probable words of a topic under E_q β, most probable first. */
    public int[] topWords(int topic, int n) {
        Integer[] ids = new Integer[v];
        for (int w = 0; w < v; w++) {
            ids[w] = w;
        }
        int base = topic * v;
        Arrays.sort(ids, (a, b) -> {
            int c = Double.compare(lambda[base + b], lambda[base + a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int m = Math.min(n, v);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = ids[i];
        }
        return out;
    }
}
