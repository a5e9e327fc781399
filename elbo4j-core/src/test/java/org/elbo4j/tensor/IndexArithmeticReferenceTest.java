package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Seeded random shapes (rank 1 to 5, dimensions 1 to 4) against a naive reference that reads
 * every element through its full multi-index: broadcasting (including the dimension-merging fast
 * paths of {@code BroadcastLoop}), the broadcast operand's gradient summed back to its shape,
 * permute, and the per-axis reductions. Deterministic: fixed seeds, no false failures.
 */
class IndexArithmeticReferenceTest {

    private static final int TRIALS = 400;

    /** Row-major multi-index of flat position {@code k} in {@code shape}. */
    private static int[] unravel(int k, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = k % shape[d];
            k /= shape[d];
        }
        return idx;
    }

    /** Flat position in {@code t} of the element broadcast to full index {@code idx}. */
    private static int broadcastOffset(int[] tShape, int[] idx) {
        int shift = idx.length - tShape.length;
        int off = 0;
        for (int i = 0; i < tShape.length; i++) {
            off = off * tShape[i] + (tShape[i] == 1 ? 0 : idx[i + shift]);
        }
        return off;
    }

    private static int[] randomShape(Rng rng, int rank) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + rng.nextInt(4);
        }
        return s;
    }

    /** A suffix of {@code out} with some dimensions replaced by 1: broadcastable to {@code out}. */
    private static int[] broadcastableTo(Rng rng, int[] out) {
        int rank = rng.nextInt(out.length + 1);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = rng.nextInt(3) == 0 ? 1 : out[out.length - rank + i];
        }
        return s;
    }

    @Test
    void broadcastingAndItsGradientMatchNaiveIndexing() {
        Rng rng = Rng.of(8101);
        for (int trial = 0; trial < TRIALS; trial++) {
            int[] full = randomShape(rng, 1 + rng.nextInt(5));
            int[] sa = broadcastableTo(rng, full);
            int[] sb = broadcastableTo(rng, full);
            Tensor a = Tensor.randn(rng, sa).requiresGrad(true);
            Tensor b = Tensor.randn(rng, sb);
            int[] out = Shape.broadcast("test", sa, sb);
            String what = Arrays.toString(sa) + " with " + Arrays.toString(sb);

            Tensor diff = Arith.sub(a, b);
            Tensor picked = Functions.where(Functions.gt(a, b), a, b);
            Tensor weights = Tensor.randn(rng, out);
            Arith.mul(Arith.mul(a, b), weights).sum().backward();
            double[] expectedGrad = new double[a.size()];
            for (int k = 0; k < Shape.size(out); k++) {
                int[] idx = unravel(k, out);
                float x = a.data()[broadcastOffset(sa, idx)];
                float y = b.data()[broadcastOffset(sb, idx)];
                assertEquals(x - y, diff.data()[k], "sub of " + what + " at " + Arrays.toString(idx));
                assertEquals(x > y ? x : y, picked.data()[k], "where of " + what + " at " + Arrays.toString(idx));
                expectedGrad[broadcastOffset(sa, idx)] += (double) y * weights.data()[k];
            }
            for (int i = 0; i < expectedGrad.length; i++) {
                assertEquals(expectedGrad[i], a.grad().data()[i], 1e-5 * (1 + Math.abs(expectedGrad[i])),
                        "gradient of the broadcast operand " + what + " at " + i);
            }
        }
    }

    @Test
    void permuteMatchesNaiveIndexing() {
        Rng rng = Rng.of(8102);
        for (int trial = 0; trial < TRIALS; trial++) {
            int[] s = randomShape(rng, 1 + rng.nextInt(5));
            int[] perm = new int[s.length];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            for (int i = perm.length - 1; i > 0; i--) {
                int k = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[k];
                perm[k] = t;
            }
            Tensor x = Tensor.randn(rng, s);
            Tensor p = x.permute(perm);
            for (int k = 0; k < x.size(); k++) {
                int[] idx = unravel(k, s);
                int[] moved = new int[s.length];
                for (int d = 0; d < s.length; d++) {
                    moved[d] = idx[perm[d]];
                }
                assertEquals(x.get(idx), p.get(moved), Arrays.toString(s) + " permuted by " + Arrays.toString(perm));
            }
        }
    }

    @Test
    void axisReductionsMatchNaiveLoops() {
        Rng rng = Rng.of(8103);
        for (int trial = 0; trial < TRIALS; trial++) {
            int[] s = randomShape(rng, 1 + rng.nextInt(5));
            int axis = rng.nextInt(s.length);
            Tensor x = Tensor.randn(rng, s);
            Tensor sum = x.sum(axis, true);
            Tensor max = x.max(axis, true);
            Tensor lse = x.logSumExp(axis, true);
            String what = Arrays.toString(s) + " along " + axis;
            for (int k = 0; k < sum.size(); k++) {
                int[] idx = unravel(k, sum.shape());
                double total = 0;
                double magnitude = 0;
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < s[axis]; i++) {
                    idx[axis] = i;
                    total += x.get(idx);
                    magnitude += Math.abs(x.get(idx));
                    m = Math.max(m, x.get(idx));
                }
                double z = 0;
                for (int i = 0; i < s[axis]; i++) {
                    idx[axis] = i;
                    z += Math.exp(x.get(idx) - m);
                }
                // one float32 rounding of a sum taken in any order
                assertEquals(total, sum.data()[k], 1e-6 * (1 + magnitude), "sum " + what);
                assertEquals((float) m, max.data()[k], "max " + what);
                assertEquals(m + Math.log(z), lse.data()[k], 1e-6 * (1 + Math.abs(m)), "logSumExp " + what);
            }
        }
    }
}
