package org.elbo4j.mixture;

import java.util.List;
import org.elbo4j.infer.ObjectiveTrace;
import org.elbo4j.infer.Verdict;

/**
 * The result of a variational-Bayes mixture fit.
 *
 * @param mixture the kept components as a point estimate: weights E[π_k] renormalised over the
 *     kept components, means m_k and covariances W_k⁻¹ / ν_k (scikit-learn's {@code covariances_})
 * @param kept the indices (among the K fitted components) of the components in {@code mixture}
 * @param pruned the components whose effective count N_k = Σ_n r_nk fell below the threshold
 * @param effectiveCounts N_k of all K components
 * @param responsibilities r_nk of all K components, from the last E-step
 * @param elbo the exact ELBO (Bishop 10.70) at the end
 * @param trace the ELBO after each iteration (E-step, then M-step)
 * @param verdict how the ascent ended
 * @param reason one sentence on the verdict
 */
public record VariationalFit(GaussianMixture mixture, int[] kept, List<Pruned> pruned, double[] effectiveCounts,
        Responsibilities responsibilities, double elbo, ObjectiveTrace trace, Verdict verdict, String reason) {

    /**
     * A component removed from the result.
     *
     * @param component its index among the K fitted components
     * @param effectiveCount N_k = Σ_n r_nk
     */
    public record Pruned(int component, double effectiveCount) {
    }

    /** The number of iterations. */
    public int iterations() {
        return trace.size();
    }

    /** For each point the kept component (index into {@link #mixture}) of largest responsibility. */
    public int[] labels() {
        int n = responsibilities.size();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < kept.length; c++) {
                if (responsibilities.get(i, kept[c]) > responsibilities.get(i, kept[best])) {
                    best = c;
                }
            }
            labels[i] = best;
        }
        return labels;
    }
}
