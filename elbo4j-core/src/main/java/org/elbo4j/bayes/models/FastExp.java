package org.elbo4j.bayes.models;

/**
 * A deterministic e^{−|η|} for arrays in plain Java arithmetic (no {@link Math#exp} call per
 * element, which the JIT cannot vectorize), as {@link LogisticLikelihood} and the bernoulli rows of
 * {@code glm.Family#evaluateRows} need it for every row.
 */
public final class FastExp {

    private FastExp() {
    }

    static final double LOG2E = 1.4426950408889634;
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with 32 significant bits (fdlibm): m·LN2_HI is exact. */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** Adding 1.5·2^52 rounds a double of magnitude below 2^51 to an integer, kept in the low bits. */
    static final double ROUND = 0x1.8p52;
    static final long ROUND_BITS = 0x4338000000000000L;
    /** e^{−708} ≈ 3.3e-308 is still a normal double; larger |η| are taken as 708. */
    static final double MAX_ARG = 708;
    static final double C2 = 1.0 / 2;
    static final double C3 = 1.0 / 6;
    static final double C4 = 1.0 / 24;
    static final double C5 = 1.0 / 120;
    static final double C6 = 1.0 / 720;
    static final double C7 = 1.0 / 5040;
    static final double C8 = 1.0 / 40320;
    static final double C9 = 1.0 / 362880;
    static final double C10 = 1.0 / 3628800;
    static final double C11 = 1.0 / 39916800;
    static final double C12 = 1.0 / 479001600;

    /**
     * {@code e[n] = e^{−u}}, u = min(|η_n|, 708): u = m ln 2 − r with m = round(u/ln 2) and
     * |r| ≤ ½ ln 2 (Cody–Waite), e^r by its Taylor polynomial to degree 12 (truncation below
     * 2.5e-16 relative), times 2^{−m} built from the bits of the rounded {@code z}. Within 2 ulp of
     * {@link Math#exp} for u ≤ 708 (measured); for u &gt; 708 it gives e^{−708} instead of at most
     * 3.3e-308, which changes no sum by more than that. Faster than {@link Math#exp} (a call per
     * element). NaN gives NaN.
     */
    public static void negAbs(double[] eta, double[] e, double[] z, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            double u = Math.min(Math.abs(eta[n]), MAX_ARG);
            double zn = u * LOG2E + ROUND;
            double m = zn - ROUND;
            double r = (m * LN2_HI - u) + m * LN2_LO;
            double q = C12 * r + C11;
            q = q * r + C10;
            q = q * r + C9;
            q = q * r + C8;
            q = q * r + C7;
            q = q * r + C6;
            q = q * r + C5;
            q = q * r + C4;
            q = q * r + C3;
            q = q * r + C2;
            e[n] = (q * (r * r) + r) + 1;
            z[n] = zn;
        }
        for (int n = n0; n < n1; n++) {
            long m = Double.doubleToRawLongBits(z[n]) - ROUND_BITS;
            e[n] *= Double.longBitsToDouble((1023 - m) << 52);
        }
    }
}
