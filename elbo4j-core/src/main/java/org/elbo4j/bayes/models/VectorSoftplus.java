package org.elbo4j.bayes.models;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.elbo4j.tensor.kernel.VectorWidth;

/**
 * The Vector API path of {@link SoftplusSums#values}: for each group of 8 rows (8/L vectors),
 * e = e^{−|η|} in registers by the operations of {@link FastExp#negAbs} in the same order (a
 * Cody–Waite reduction, the degree-12 Taylor polynomial, 2^{−m} from the exponent bits; no fused
 * multiply-add, as there), then the slot sums −(sη + |η|)/2 and products 1 + e added to the slot
 * arrays: the same bits as the scalar loop at every width. Loaded only when
 * {@link org.elbo4j.tensor.kernel.Simd#enabled()}.
 */
final class VectorSoftplus {

    private static final VectorSpecies<Double> S = VectorWidth.bits() == DoubleVector.SPECIES_PREFERRED.vectorBitSize()
            ? DoubleVector.SPECIES_PREFERRED
            : VectorSpecies.of(double.class, VectorShape.forBitSize(Math.max(128, VectorWidth.bits())));

    private VectorSoftplus() {
    }

    /**
     * Adds the rows [n0, n0 + 8·⌊(n1 − n0)/8⌋) to the slots {@code s} (sums s[0..8), products
     * s[8..16)); returns the first row left to the scalar path.
     */
    static int slots(double[] eta, double[] sign, int n0, int n1, double[] s) {
        int lanes = S.length();
        int end = n0 + (n1 - n0) / SoftplusSums.SLOTS * SoftplusSums.SLOTS;
        for (int n = n0; n < end; n += lanes) {
            int slot = (n - n0) & (SoftplusSums.SLOTS - 1);
            DoubleVector h = DoubleVector.fromArray(S, eta, n);
            DoubleVector u = h.abs().min(FastExp.MAX_ARG);
            DoubleVector zn = u.mul(FastExp.LOG2E).add(FastExp.ROUND);
            DoubleVector m = zn.sub(FastExp.ROUND);
            DoubleVector r = m.mul(FastExp.LN2_HI).sub(u).add(m.mul(FastExp.LN2_LO));
            DoubleVector q = r.mul(FastExp.C12).add(FastExp.C11);
            q = q.mul(r).add(FastExp.C10);
            q = q.mul(r).add(FastExp.C9);
            q = q.mul(r).add(FastExp.C8);
            q = q.mul(r).add(FastExp.C7);
            q = q.mul(r).add(FastExp.C6);
            q = q.mul(r).add(FastExp.C5);
            q = q.mul(r).add(FastExp.C4);
            q = q.mul(r).add(FastExp.C3);
            q = q.mul(r).add(FastExp.C2);
            DoubleVector e = q.mul(r.mul(r)).add(r).add(1.0);
            LongVector bits = (LongVector) zn.reinterpretAsLongs();
            LongVector scale = bits.neg().add(FastExp.ROUND_BITS + 1023).lanewise(VectorOperators.LSHL, 52);
            e = e.mul(scale.reinterpretAsDoubles());
            DoubleVector sg = DoubleVector.fromArray(S, sign, n);
            DoubleVector sum = DoubleVector.fromArray(S, s, slot);
            sum.sub(sg.mul(h).add(h.abs()).mul(0.5)).intoArray(s, slot);
            DoubleVector prod = DoubleVector.fromArray(S, s, SoftplusSums.SLOTS + slot);
            prod.mul(e.add(1.0)).intoArray(s, SoftplusSums.SLOTS + slot);
        }
        return end;
    }
}
