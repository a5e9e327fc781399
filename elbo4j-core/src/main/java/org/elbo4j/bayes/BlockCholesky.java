package org.elbo4j.bayes;

/**
 * The Cholesky factorisation of a symmetric positive-definite matrix with block-arrow structure,
 * <pre>
 *   H = [ A  B ]      A = diag(A_1, …, A_J) (small blocks),  C the dense border (m × m)
 *       [ Bᵀ C ]
 *   L = [ L_A  0  ],  A_j = L_j L_jᵀ,  W_j = L_j⁻¹ B_j,  S = C − Σ_j W_jᵀ W_j = L_S L_Sᵀ
 *       [ Wᵀ  L_S ]
 * </pre>
 * in O(Σ k_j³ + Σ k_j m² + m³) rather than O(n³): the precision of the group-level effects of one
 * grouping factor given the rest is block diagonal (one block per level), bordered by the
 * coefficients and the effects of other factors. log det H = Σ log det A_j + log det S. With no
 * blocks it is the dense factorisation of C. Entries of H between different blocks are not read
 * (they must be zero).
 */
final class BlockCholesky {

    private final int[] starts;
    private final int border;
    private final int n;
    /** L_j, row-major k_j × k_j. */
    private final double[][] blocks;
    /** W_j, row-major k_j × m. */
    private final double[][] w;
    private final DenseCholesky schur;
    private final double logDet;

    private BlockCholesky(int[] starts, int border, int n, double[][] blocks, double[][] w, DenseCholesky schur,
            double logDet) {
        this.starts = starts;
        this.border = border;
        this.n = n;
        this.blocks = blocks;
        this.w = w;
        this.schur = schur;
        this.logDet = logDet;
    }

    /**
     * Factors h (n × n, lower triangle read) with blocks [starts[j], starts[j+1]) for j &lt; J and the
     * border [starts[J], n) (starts has J + 1 entries, the first 0; just {0} for a dense matrix).
     *
     * @throws IllegalArgumentException if a block or the Schur complement is not positive definite
     */
    static BlockCholesky of(double[][] h, int[] starts) {
        int n = h.length;
        int blockCount = starts.length - 1;
        int border = starts[blockCount];
        int m = n - border;
        double[][] blocks = new double[blockCount][];
        double[][] w = new double[blockCount][];
        double[][] s = new double[m][m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(h[border + i], border, s[i], 0, i + 1);
        }
        double logDet = 0;
        for (int j = 0; j < blockCount; j++) {
            int from = starts[j];
            int k = starts[j + 1] - from;
            double[] l = new double[k * k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b <= a; b++) {
                    double v = h[from + a][from + b];
                    for (int c = 0; c < b; c++) {
                        v -= l[a * k + c] * l[b * k + c];
                    }
                    if (a == b) {
                        if (!(v > 0)) {
                            throw new IllegalArgumentException("BlockCholesky: block " + j + " is not positive definite");
                        }
                        l[a * k + a] = Math.sqrt(v);
                        logDet += Math.log(v);
                    } else {
                        l[a * k + b] = v / l[b * k + b];
                    }
                }
            }
            blocks[j] = l;
            // W_j = L_j⁻¹ B_j, B_j = h[from.., border..] read from the lower triangle (h[border + c][from + a])
            double[] wj = new double[k * m];
            for (int c = 0; c < m; c++) {
                for (int a = 0; a < k; a++) {
                    double v = h[border + c][from + a];
                    for (int b = 0; b < a; b++) {
                        v -= l[a * k + b] * wj[b * m + c];
                    }
                    wj[a * m + c] = v / l[a * k + a];
                }
            }
            w[j] = wj;
            for (int a = 0; a < k; a++) {
                for (int c = 0; c < m; c++) {
                    double v = wj[a * m + c];
                    if (v != 0) {
                        for (int e = 0; e <= c; e++) {
                            s[c][e] -= v * wj[a * m + e];
                        }
                    }
                }
            }
        }
        DenseCholesky schur = m == 0 ? null : DenseCholesky.of(s);
        return new BlockCholesky(starts.clone(), border, n, blocks, w, schur,
                logDet + (schur == null ? 0 : schur.logDet()));
    }

    /** log det H. */
    double logDet() {
        return logDet;
    }

    /** x with H x = b. */
    double[] solve(double[] b) {
        int m = n - border;
        double[] y = b.clone();
        double[] rest = new double[m];
        System.arraycopy(b, border, rest, 0, m);
        for (int j = 0; j < blocks.length; j++) {
            int from = starts[j];
            int k = starts[j + 1] - from;
            lowerSolve(blocks[j], k, y, from);
            for (int a = 0; a < k; a++) {
                double v = y[from + a];
                for (int c = 0; c < m; c++) {
                    rest[c] -= w[j][a * m + c] * v;
                }
            }
        }
        double[] x2 = m == 0 ? rest : schur.solve(rest);
        double[] x = y;
        System.arraycopy(x2, 0, x, border, m);
        backSubstitute(x, x2);
        return x;
    }

    /** x with Lᵀ x = z: for z ~ N(0, I), x ~ N(0, H⁻¹). */
    double[] solveUpper(double[] z) {
        int m = n - border;
        double[] x = z.clone();
        double[] x2 = new double[m];
        System.arraycopy(z, border, x2, 0, m);
        if (m > 0) {
            x2 = schur.solveUpper(x2);
        }
        System.arraycopy(x2, 0, x, border, m);
        backSubstitute(x, x2);
        return x;
    }

    /** x_j = L_j⁻ᵀ (x_j − W_j x₂) for every block, in place. */
    private void backSubstitute(double[] x, double[] x2) {
        int m = n - border;
        for (int j = 0; j < blocks.length; j++) {
            int from = starts[j];
            int k = starts[j + 1] - from;
            for (int a = 0; a < k; a++) {
                double v = x[from + a];
                for (int c = 0; c < m; c++) {
                    v -= w[j][a * m + c] * x2[c];
                }
                x[from + a] = v;
            }
            double[] l = blocks[j];
            for (int a = k - 1; a >= 0; a--) {
                double v = x[from + a];
                for (int b = a + 1; b < k; b++) {
                    v -= l[b * k + a] * x[from + b];
                }
                x[from + a] = v / l[a * k + a];
            }
        }
    }

    /** y[from..from+k) = L⁻¹ y[from..from+k), in place. */
    private static void lowerSolve(double[] l, int k, double[] y, int from) {
        for (int a = 0; a < k; a++) {
            double v = y[from + a];
            for (int b = 0; b < a; b++) {
                v -= l[a * k + b] * y[from + b];
            }
            y[from + a] = v / l[a * k + a];
        }
    }

    /** H⁻¹, symmetric (n solves). */
    double[][] inverse() {
        double[][] inv = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] e = new double[n];
            e[i] = 1;
            inv[i] = solve(e);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double avg = 0.5 * (inv[i][j] + inv[j][i]);
                inv[i][j] = avg;
                inv[j][i] = avg;
            }
        }
        return inv;
    }
}
