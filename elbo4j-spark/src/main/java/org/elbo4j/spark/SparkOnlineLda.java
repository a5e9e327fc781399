package org.elbo4j.spark;

import java.util.function.Consumer;
import org.elbo4j.topics.Lda;
import org.elbo4j.topics.LdaConfig;
import org.elbo4j.topics.LdaFit;
import org.elbo4j.topics.LdaPass;

/**
 * Online variational Bayes for LDA (Hoffman, Blei &amp; Bach 2010, Alg. 2) on Spark: the E-step
 * over the partitions, the M-step on the driver, as MLlib's {@code OnlineLDAOptimizer} splits
 * them, and the same updates as the local {@code elbo4j topics fit} ({@link Lda#fitOnline}). For
 * update t, minibatch B_t = documents {@code [bB, min(D, (b + 1)B))}, b = t mod ⌈D / B⌉ (the
 * local fit's minibatches, chosen by the step alone, never by the partitioning):
 * <pre>
 *   executors:  γ_d, φ_d for d ∈ B_t ∩ partition p at the broadcast λ, α     ({@code topics.EStep})
 *               S_p = Σ_{d ∈ B_t ∩ p} n_dw φ_dwk
 *   driver:     S = Σ_p S_p in the fixed tree of {@link TreeSum};  γ_d, document terms gathered in d order
 *               λ ← (1 − ρ_t) λ + ρ_t (η + (D / |B_t|) S),   ρ_t = (τ₀ + t)^−κ
 *               α ← α + ρ_t Δα(γ_B),  η ← η + ρ_t Δη(λ)    (when learned: one Newton step, Minka 2000)
 * </pre>
 * Deterministic: no random numbers are drawn after λ's start (from the seed); γ and the bound
 * of a document do not depend on the partition that holds it, so the result for P partitions
 * differs from the local one only by the order of the additions in S (and what that changes
 * downstream). With one partition S is the local fit's sum itself and the fit equals
 * {@code Lda.fit} bit for bit. A task that Spark re-runs computes the same values.
 */
public final class SparkOnlineLda {

    private SparkOnlineLda() {
    }

    /**
     * Fits LDA to {@code train}; {@code heldOut} (may be null) is scored after every pass, as the
     * local fit does, with its E-steps on the executors too.
     *
     * @param progress called on the driver after every pass (may be null)
     * @throws IllegalArgumentException if {@code config} is batch, or the vocabularies differ
     */
    public static LdaFit fit(SparkLdaCorpus train, SparkLdaCorpus heldOut, LdaConfig config,
            Consumer<LdaPass> progress) {
        if (!config.online()) {
            throw new IllegalArgumentException("SparkOnlineLda: only online VI runs on Spark, got a batch config");
        }
        return Lda.fitOnline(train, heldOut, config, progress);
    }
}
