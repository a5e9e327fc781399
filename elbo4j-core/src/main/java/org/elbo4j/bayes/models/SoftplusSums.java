package org.elbo4j.bayes.models;

/**
 * The per-block sums of {@link LogisticLikelihood#logLikelihoods}: over rows [n0, n1) with
 * η_n, s_n = 1 − 2y_n and e_n = e^{−|η_n|} ({@link FastExp}),
 * <pre>
 *   out[0] = Σ −(s_n η_n + |η_n|)/2 = Σ [y_n η_n − max(η_n, 0)]   (exact per term)
 *   out[1] = Π_{slots 0–3} (1 + e_n),   out[3] = Π_{slots 4–7} (1 + e_n)   (each below 2^{(n1−n0)/2})
 *   out[2] = Σ r_n   (when r is not null)
 * </pre>
 * so that the block's Σ log(1 + e_n) is log out[1] + log out[3], two logs instead of one per row.
 * Row n0 + i belongs to slot i mod 8; each slot is a chain over its rows in order, and the slots
 * are combined in a fixed tree. The {@link VectorSoftplus Vector API} path (e computed in
 * registers, 8 slots = 8/L vectors of L lanes) and the scalar loop here give the same bits at
 * every width: both use only +, −, ×, abs, min and bit moves in the same order.
 */
final class SoftplusSums {

    /** The slots: rows i and i + 8 of a block share one partial sum and one partial product. */
    static final int SLOTS = 8;

    private SoftplusSums() {
    }

    /**
     * out[0..3] as in the class comment, without residuals: e^{−|η|} and the sums in one Vector API
     * pass when {@code vector} (the scalar path fills {@code e} and {@code z} as {@link FastExp#negAbs});
     * {@code s} is scratch of length 2 · {@value #SLOTS}.
     */
    static void values(boolean vector, double[] eta, double[] sign, double[] e, double[] z, int n0, int n1,
            double[] s, double[] out) {
        java.util.Arrays.fill(s, 0, SLOTS, 0);
        java.util.Arrays.fill(s, SLOTS, 2 * SLOTS, 1);
        int i = n0;
        if (vector) {
            i = VectorSoftplus.slots(eta, sign, n0, n1, s);
        }
        FastExp.negAbs(eta, e, z, i, n1);
        tail(eta, e, sign, null, n0, i, n1, s, null);
        combine(s, null, out);
    }

    /** out[0..3] as in the class comment, with e already filled and the residuals r (scalar). */
    static void withResiduals(double[] eta, double[] e, double[] sign, double[] r, int n0, int n1, double[] out) {
        double[] s = new double[2 * SLOTS];
        java.util.Arrays.fill(s, SLOTS, 2 * SLOTS, 1);
        double[] rs = new double[SLOTS];
        tail(eta, e, sign, r, n0, n0, n1, s, rs);
        combine(s, rs, out);
    }

    /** Rows [from, n1) of the block that starts at n0 into their slots: s[0..8) sums, s[8..16) products. */
    private static void tail(double[] eta, double[] e, double[] sign, double[] r, int n0, int from, int n1,
            double[] s, double[] rs) {
        for (int n = from; n < n1; n++) {
            int slot = (n - n0) & (SLOTS - 1);
            double h = eta[n];
            s[slot] -= 0.5 * (sign[n] * h + Math.abs(h));
            s[SLOTS + slot] *= 1 + e[n];
            if (rs != null) {
                rs[slot] += r[n];
            }
        }
    }

    private static void combine(double[] s, double[] rs, double[] out) {
        out[0] = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
        out[1] = (s[8] * s[9]) * (s[10] * s[11]);
        out[3] = (s[12] * s[13]) * (s[14] * s[15]);
        out[2] = rs == null ? 0 : ((rs[0] + rs[1]) + (rs[2] + rs[3])) + ((rs[4] + rs[5]) + (rs[6] + rs[7]));
    }
}
