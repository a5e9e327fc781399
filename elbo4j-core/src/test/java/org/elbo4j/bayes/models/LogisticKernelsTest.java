package org.elbo4j.bayes.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.elbo4j.tensor.kernel.Simd;
import org.junit.jupiter.api.Test;

/**
 * {@link GramKernel} and {@link PredictorKernel}: the Vector API tiles ({@link VectorGram},
 * {@link VectorPredictor}, {@link VectorSoftplus}) give the same bits as the scalar loops (both compute every output as the
 * same chain of fused multiply-adds; the suite's executions run this at 512, 256 and 128 bits and on
 * JDK 17 and 25), and the scalar loops agree with a naive double loop (plain products and sums) to
 * 1e-14 × Σ|terms| (the error of a chain of m fused multiply-adds is below m·2⁻⁵³·Σ|terms|;
 * m ≤ 150 here gives 1.7e-14, measured below 2e-16). Awkward sizes: k = 1, 2, 3, 17, 101 (strides
 * 8, 8, 8, 24, 104), row counts that are not multiples of a tile, and a partial row range.
 */
class LogisticKernelsTest {

    private static double[] gaussians(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-1, 1) + rng.nextDouble(-1, 1);
        }
        return v;
    }

    /** A packed block of len rows with k coordinates: z (padding zero) and u (w z, then r in column k). */
    private static double[][] block(SplittableRandom rng, int k, int kp, int len) {
        double[] z = new double[len * kp];
        double[] u = new double[len * kp];
        for (int i = 0; i < len; i++) {
            double w = rng.nextDouble(0, 0.25);
            for (int a = 0; a < k; a++) {
                z[i * kp + a] = rng.nextDouble(-2, 2);
                u[i * kp + a] = w * z[i * kp + a];
            }
            u[i * kp + k] = rng.nextDouble(-1, 1);
        }
        return new double[][] {z, u};
    }

    @Test
    void gramVectorTilesMatchTheScalarLoopsBitForBitAndTheNaiveSum() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int k : new int[] {1, 2, 3, 17, 101}) {
            int kp = GramKernel.stride(k);
            int rowsTo = GramKernel.gradientTile(k) + GramKernel.TILE_ROWS;
            for (int len : new int[] {1, 5, 64, 67}) {
                for (int from : new int[] {0, GramKernel.gradientTile(k)}) {
                    double[][] b = block(rng, k, kp, len);
                    double[] start = gaussians(rng, kp * kp);
                    double[] scalar = start.clone();
                    GramKernel.scalar(scalar, kp, b[0], b[1], len, from, rowsTo);
                    // the naive reference, entry by entry
                    for (int a = from; a <= k; a++) {
                        for (int j = 0; j <= Math.min(a, k - 1); j++) {
                            double sum = start[a * kp + j];
                            double abs = Math.abs(sum);
                            for (int i = 0; i < len; i++) {
                                double t = b[1][i * kp + a] * b[0][i * kp + j];
                                sum += t;
                                abs += Math.abs(t);
                            }
                            assertEquals(sum, scalar[a * kp + j], 1e-14 * abs,
                                    "k=" + k + " len=" + len + " h[" + a + "][" + j + "]");
                        }
                    }
                    if (Simd.enabled()) {
                        double[] vector = start.clone();
                        VectorGram.accumulate(vector, kp, b[0], b[1], len, from, rowsTo);
                        for (int a = from; a <= k; a++) {
                            for (int j = 0; j <= Math.min(a, k - 1); j++) {
                                assertEquals(scalar[a * kp + j], vector[a * kp + j], 0.0,
                                        "vector vs scalar, k=" + k + " len=" + len + " h[" + a + "][" + j + "]");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void predictorVectorTilesMatchTheScalarLoopsBitForBitAndTheNaiveSum() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int features : new int[] {1, 2, 3, 17, 100}) {
            int n = 300;
            double[][] columns = new double[features][];
            for (int j = 0; j < features; j++) {
                columns[j] = gaussians(rng, n);
            }
            for (int len : new int[] {1, 7, 23, 25, 64, 129}) {
                int ld = len + 5;
                int n0 = rng.nextInt(n - len + 1);
                double[] x = new double[features * ld];
                PredictorKernel.pack(columns, n0, len, x, ld);
                for (int j0 : new int[] {0, features / 2}) {
                    double[] a = gaussians(rng, 4 * features);
                    double[] c = gaussians(rng, 4);
                    double[][] scalar = new double[4][len + 3];
                    PredictorKernel.scalar(a, c, x, ld, features, j0, 0, len, scalar, 3);
                    double[] one = new double[len + 3];
                    PredictorKernel.scalar1(a, c[0], x, ld, features, j0, 0, len, one, 3);
                    assertArrayEquals(scalar[0], one, "one output alone, D=" + features + " len=" + len);
                    for (int p = 0; p < 4; p++) {
                        for (int i = 0; i < len; i++) {
                            double sum = c[p];
                            double abs = Math.abs(sum);
                            for (int j = j0; j < features; j++) {
                                double t = a[4 * j + p] * columns[j][n0 + i];
                                sum += t;
                                abs += Math.abs(t);
                            }
                            assertEquals(sum, scalar[p][3 + i], 1e-14 * abs, "D=" + features + " len=" + len);
                        }
                    }
                    if (Simd.enabled()) {
                        double[][] vector = new double[4][len + 3];
                        int done = VectorPredictor.predict(a, c, x, ld, features, j0, len, vector, 3);
                        PredictorKernel.scalar(a, c, x, ld, features, j0, done, len - done, vector, 3 + done);
                        for (int p = 0; p < 4; p++) {
                            assertArrayEquals(scalar[p], vector[p], "vector vs scalar, D=" + features + " len=" + len
                                    + " j0=" + j0 + " point " + p);
                        }
                    }
                }
            }
        }
    }

    @Test
    void softplusSumsVectorPassMatchesTheScalarLoopsBitForBitAndMathLog1p() {
        SplittableRandom rng = new SplittableRandom(13);
        int n = 300;
        double[] eta = new double[n];
        double[] sign = new double[n];
        for (int i = 0; i < n; i++) {
            eta[i] = i % 37 == 0 ? (i % 2 == 0 ? 800 : -750) : i % 41 == 0 ? 0 : 12 * rng.nextDouble(-1, 1);
            sign[i] = rng.nextBoolean() ? 1 : -1;
        }
        double[] slots = new double[2 * SoftplusSums.SLOTS];
        for (int len : new int[] {1, 7, 8, 9, 64, 128, 131}) {
            int n0 = rng.nextInt(n - len + 1);
            double[] e = new double[n];
            double[] z = new double[n];
            double[] vector = new double[4];
            SoftplusSums.values(Simd.enabled(), eta, sign, e, z, n0, n0 + len, slots, vector);
            double[] scalar = new double[4];
            FastExp.negAbs(eta, e, z, n0, n0 + len);
            SoftplusSums.withResiduals(eta, e, sign, new double[n], n0, n0 + len, scalar);
            assertArrayEquals(scalar, vector, "len=" + len);
            double expected = 0;
            double abs = 0;
            for (int i = n0; i < n0 + len; i++) {
                double l = -(Math.max(sign[i] * eta[i], 0) + Math.log1p(Math.exp(-Math.abs(eta[i]))));
                expected += l;
                abs += Math.abs(l);
            }
            // each factor 1 + e and each product rounds by 2^-53 relative (log instead of log1p, as in
            // LogisticLikelihood): about 2.2e-16 absolute per row in log; FastExp is within 2 ulp
            assertEquals(expected, vector[0] - Math.log(vector[1]) - Math.log(vector[3]), 1e-14 * abs + 5e-16 * len,
                    "len=" + len);
        }
    }

    @Test
    void strideLeavesRoomForTheGradientRow() {
        assertEquals(8, GramKernel.stride(1));
        assertEquals(8, GramKernel.stride(7));
        assertEquals(16, GramKernel.stride(8));
        assertEquals(104, GramKernel.stride(101));
    }
}
