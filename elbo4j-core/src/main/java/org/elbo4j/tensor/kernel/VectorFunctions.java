package org.elbo4j.tensor.kernel;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The elementary vector loops the other kernels are built from: {@code 2^k·e^a}, {@code e^a − 1}
 * and {@code ln a}, each from array to array ({@code out} may be {@code a} at the same offset).
 * Lengths are multiples of the lane count. Only touched when {@link Simd#enabled()}.
 *
 * <p>Everything is built from operations IEEE 754 defines exactly (add, multiply, divide, fused
 * multiply-add, compare, bit moves), so a value comes out bit-identical whether the loop runs
 * interpreted or JIT-compiled, on JDK 17 or 25, with any vector width.
 *
 * <p>Implementation note: {@code lanewise(EXP)} and friends are not used. On x86 C2 compiles them
 * to Intel SVML stubs, which are fast (exp 0.24–0.34 ns/element against about 0.4 here) but round
 * differently from the {@code Math.exp} fallback that runs before compilation: 706 of 65,536 exp
 * values changed in the last bit once the loop was compiled, on JDK 17 and 25, so a seeded run
 * would not reproduce. The polynomials are those of the Cephes library (S. L. Moshier,
 * single-precision {@code expf}, {@code logf}); the log argument reduction uses the
 * {@code 0x3f3504f3} offset of FreeBSD/musl {@code logf}. Largest errors against the double
 * reference over every 61st float bit pattern: exp 1.00 ulp, expm1 1.40, log 0.78.
 */
final class VectorFunctions {

    private static final VectorSpecies<Float> SPECIES = Species.FLOAT;
    private static final int LANES = SPECIES.length();

    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 = LN2_HI + LN2_LO; n · LN2_HI is exact for |n| &lt; 2^15. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Adding 1.5·2^23 rounds a float of magnitude below 2^22 to an integer in the low bits. */
    private static final float ROUND_MAGIC = 12582912f;
    private static final int ROUND_MAGIC_BITS = 0x4B400000;
    /** e^x rounds to 0 below −104 and to +∞ above 89 in float. */
    private static final float EXP_MIN_ARG = -104f;
    private static final float EXP_MAX_ARG = 89f;
    /** expm1(x) rounds to −1 below −17.4 and to x when |x| &lt; 2^−25. */
    private static final float EXPM1_MIN_ARG = -30f;
    private static final float EXPM1_TINY = 0x1p-25f;
    /** e^r − 1 = r + r²·(P0·r^5 + … + P5) for |r| ≤ ½ ln 2 (Cephes expf). */
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    /** ln(1 + f) = f − f²/2 + f³·(Q0·f^8 + … + Q8) for f in [√½ − 1, √2 − 1] (Cephes logf). */
    private static final float Q0 = 7.0376836292e-2f;
    private static final float Q1 = -1.1514610310e-1f;
    private static final float Q2 = 1.1676998740e-1f;
    private static final float Q3 = -1.2420140846e-1f;
    private static final float Q4 = 1.4249322787e-1f;
    private static final float Q5 = -1.6668057665e-1f;
    private static final float Q6 = 2.0000714765e-1f;
    private static final float Q7 = -2.4999993993e-1f;
    private static final float Q8 = 3.3333331174e-1f;
    private static final float TWO_POW_23 = 8388608f;
    private static final int ONE_BITS = 0x3f800000;
    /** Bits of a float just below √½: mantissas are reduced to [√½, √2). */
    private static final int SQRT_HALF_BITS = 0x3f3504f3;
    private static final int MANTISSA_MASK = 0x007fffff;

    private VectorFunctions() {
    }

    /**
     * {@code out[oo + i] = 2^k · e^a[ao + i]} for k in [0, 2], rounded once: e^x = 2^n·(1 + t) with
     * x = n·ln 2 + r (Cody–Waite), t = e^r − 1 by the polynomial, and the scaling by 2^(n + k)
     * split in two factors so that neither overflows and only the last multiplication rounds
     * (into the subnormal range). ±∞ give +∞ and 0; NaN gives NaN.
     */
    static void exp(float[] a, int ao, float[] out, int oo, int n, int k) {
        float lowest = EXP_MIN_ARG - k;
        FloatVector magic = FloatVector.broadcast(SPECIES, ROUND_MAGIC);
        FloatVector log2e = FloatVector.broadcast(SPECIES, LOG2E);
        FloatVector negLn2Hi = FloatVector.broadcast(SPECIES, -LN2_HI);
        FloatVector negLn2Lo = FloatVector.broadcast(SPECIES, -LN2_LO);
        for (int i = 0; i < n; i += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, ao + i).max(lowest).min(EXP_MAX_ARG);
            FloatVector z = x.fma(log2e, magic);
            FloatVector nf = z.sub(magic);
            FloatVector r = nf.fma(negLn2Lo, nf.fma(negLn2Hi, x));
            FloatVector q = r.fma(P0, P1);
            q = q.fma(r, FloatVector.broadcast(SPECIES, P2));
            q = q.fma(r, FloatVector.broadcast(SPECIES, P3));
            q = q.fma(r, FloatVector.broadcast(SPECIES, P4));
            q = q.fma(r, FloatVector.broadcast(SPECIES, P5));
            FloatVector t = q.fma(r.mul(r), r);
            IntVector ni = z.reinterpretAsInts().sub(ROUND_MAGIC_BITS - k);
            IntVector n1 = ni.lanewise(ASHR, 1);
            FloatVector s1 = n1.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = ni.sub(n1).add(127).lanewise(LSHL, 23).reinterpretAsFloats();
            t.add(1f).mul(s1).mul(s2).intoArray(out, oo + i);
        }
    }

    /**
     * {@code out[oo + i] = e^a[ao + i] − 1} without cancellation near 0: with e^x = 2^n·(1 + t)
     * as in {@link #exp}, {@code e^x − 1 = 2·(2^(n−1)·t + (2^(n−1) − ½))}, where
     * {@code 2^(n−1) − ½} is exact for |n| ≤ 24 and one fused multiply-add rounds the sum. Tiny
     * |x| (including ±0) return x.
     */
    static void expm1(float[] a, int ao, float[] out, int oo, int n) {
        FloatVector magic = FloatVector.broadcast(SPECIES, ROUND_MAGIC);
        FloatVector log2e = FloatVector.broadcast(SPECIES, LOG2E);
        FloatVector negLn2Hi = FloatVector.broadcast(SPECIES, -LN2_HI);
        FloatVector negLn2Lo = FloatVector.broadcast(SPECIES, -LN2_LO);
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, a, ao + i);
            FloatVector x = v.max(EXPM1_MIN_ARG).min(EXP_MAX_ARG);
            FloatVector z = x.fma(log2e, magic);
            FloatVector nf = z.sub(magic);
            FloatVector r = nf.fma(negLn2Lo, nf.fma(negLn2Hi, x));
            FloatVector q = r.fma(P0, P1);
            q = q.fma(r, FloatVector.broadcast(SPECIES, P2));
            q = q.fma(r, FloatVector.broadcast(SPECIES, P3));
            q = q.fma(r, FloatVector.broadcast(SPECIES, P4));
            q = q.fma(r, FloatVector.broadcast(SPECIES, P5));
            FloatVector t = q.fma(r.mul(r), r);
            FloatVector half = z.reinterpretAsInts().sub(ROUND_MAGIC_BITS + 1 - 127).lanewise(LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector y = t.fma(half, half.sub(0.5f)).mul(2f);
            y.blend(v, v.abs().compare(LT, EXPM1_TINY)).intoArray(out, oo + i);
        }
    }

    /**
     * {@code out[oo + i] = ln a[ao + i]}: x = 2^e·m with m in [√½, √2), f = m − 1,
     * {@code ln x = f − f²/2 + f³·Q(f) + e·ln 2}; subnormals are scaled by 2^23 first. −∞ at ±0,
     * NaN below 0, +∞ at +∞, NaN at NaN.
     */
    static void log(float[] a, int ao, float[] out, int oo, int n) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector ln2Hi = FloatVector.broadcast(SPECIES, LN2_HI);
        FloatVector ln2Lo = FloatVector.broadcast(SPECIES, LN2_LO);
        FloatVector minusHalf = FloatVector.broadcast(SPECIES, -0.5f);
        for (int i = 0; i < n; i += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, ao + i);
            VectorMask<Float> subnormal = x.compare(LT, Float.MIN_NORMAL);
            IntVector bits = x.blend(x.mul(TWO_POW_23), subnormal).reinterpretAsInts().add(ONE_BITS - SQRT_HALF_BITS);
            FloatVector e = ((FloatVector) bits.lanewise(ASHR, 23).sub(127).convert(I2F, 0))
                    .sub(zero.blend(23f, subnormal));
            FloatVector f = bits.and(MANTISSA_MASK).add(SQRT_HALF_BITS).reinterpretAsFloats().sub(1f);
            FloatVector z = f.mul(f);
            FloatVector q = f.fma(Q0, Q1);
            q = q.fma(f, FloatVector.broadcast(SPECIES, Q2));
            q = q.fma(f, FloatVector.broadcast(SPECIES, Q3));
            q = q.fma(f, FloatVector.broadcast(SPECIES, Q4));
            q = q.fma(f, FloatVector.broadcast(SPECIES, Q5));
            q = q.fma(f, FloatVector.broadcast(SPECIES, Q6));
            q = q.fma(f, FloatVector.broadcast(SPECIES, Q7));
            q = q.fma(f, FloatVector.broadcast(SPECIES, Q8));
            FloatVector y = e.fma(ln2Lo, q.mul(f).mul(z));
            y = z.fma(minusHalf, y);
            y = e.fma(ln2Hi, f.add(y));
            y = y.blend(Float.NEGATIVE_INFINITY, x.compare(EQ, 0f));
            y = y.blend(Float.NaN, x.compare(LT, 0f));
            y.blend(x, x.compare(GT, Float.MAX_VALUE).or(x.compare(NE, x))).intoArray(out, oo + i);
        }
    }
}
