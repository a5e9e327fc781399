package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link BlockCholesky} against the dense factorisation of the same block-arrow matrix. */
class BlockCholeskyTest {

    /** J blocks of sizes k, then a border of m; SPD: Aᵀ A + n I restricted to the pattern, made dominant. */
    private static double[][] blockArrow(int[] starts, int n, long seed) {
        Random r = new Random(seed);
        double[][] h = new double[n][n];
        int border = starts[starts.length - 1];
        for (int b = 0; b + 1 < starts.length; b++) {
            for (int i = starts[b]; i < starts[b + 1]; i++) {
                for (int j = starts[b]; j <= i; j++) {
                    h[i][j] = h[j][i] = r.nextGaussian();
                }
                for (int j = border; j < n; j++) {
                    h[i][j] = h[j][i] = r.nextGaussian();
                }
            }
        }
        for (int i = border; i < n; i++) {
            for (int j = border; j <= i; j++) {
                h[i][j] = h[j][i] = r.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.abs(h[i][j]);
            }
            h[i][i] = s + 1;
        }
        return h;
    }

    private static void agrees(int[] starts, int n, long seed) {
        double[][] h = blockArrow(starts, n, seed);
        BlockCholesky block = BlockCholesky.of(h, starts);
        DenseCholesky dense = DenseCholesky.of(h);
        assertEquals(dense.logDet(), block.logDet(), 1e-11 * Math.abs(dense.logDet()) + 1e-12, "log det");
        Random r = new Random(seed + 1);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextGaussian();
        }
        double[] x = block.solve(b);
        double[] expected = dense.solve(b);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], x[i], 1e-11, "solve " + i);
        }
        // Lᵀ x = z for the block factor L: x x ᵀ summed over the unit z's is H⁻¹
        double[][] inv = dense.inverse();
        double[][] sum = new double[n][n];
        for (int c = 0; c < n; c++) {
            double[] e = new double[n];
            e[c] = 1;
            double[] col = block.solveUpper(e);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    sum[i][j] += col[i] * col[j];
                }
            }
        }
        double[][] blockInverse = block.inverse();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(inv[i][j], sum[i][j], 1e-11, "L⁻ᵀL⁻¹ " + i + "," + j);
                assertEquals(inv[i][j], blockInverse[i][j], 1e-11, "inverse " + i + "," + j);
            }
        }
    }

    @Test
    void blocksOfTwoWithABorderOfThree() {
        agrees(new int[] {0, 2, 4, 6, 8, 10}, 13, 1);
    }

    @Test
    void unequalBlocksAndBorderSizes() {
        agrees(new int[] {0, 1, 4, 5, 7}, 7, 2);
        agrees(new int[] {0, 3}, 4, 3);
        agrees(new int[] {0, 1, 2, 3}, 3, 4);
    }

    @Test
    void withoutBlocksItIsTheDenseFactor() {
        agrees(new int[] {0}, 6, 5);
    }

    @Test
    void aBlockThatIsNotPositiveDefiniteIsRefused() {
        double[][] h = blockArrow(new int[] {0, 2, 4}, 5, 6);
        h[2][2] = -1;
        assertThrows(IllegalArgumentException.class, () -> BlockCholesky.of(h, new int[] {0, 2, 4}));
    }
}
