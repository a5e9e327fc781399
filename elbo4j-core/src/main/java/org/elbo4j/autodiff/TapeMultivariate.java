package org.elbo4j.autodiff;

import java.util.Arrays;
import java.util.function.Function;
import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.LkjCholesky;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.OneHotCategorical;
import org.elbo4j.tensor.Tensor;

/**
 * The log-densities of the {@code dist} families with an event dimension on the tape, with the
 * formulas of their {@code logProb}:
 * <pre>
 *   Dirichlet(α)            Σ_j (α_j − 1) log x_j − Σ_j lgamma α_j + lgamma Σ_j α_j
 *   MultivariateNormal(μ, L) −½ ‖L⁻¹(x − μ)‖² − Σ_i log L_ii − ½ n log 2π         (one triangular solve)
 *   LowRankMultivariateNormal(μ, W, d)  −½ [n log 2π + log det Σ + ‖δ/√d‖² − ‖L_C⁻¹ Wᵀ (δ/d)‖²],
 *                           δ = x − μ, log det Σ = 2 Σ log diag L_C + Σ log d,
 *                           L_C the Cholesky factor of C = I_r + Wᵀ D⁻¹ W           (Woodbury)
 *   LkjCholesky(K, η)       Σ_{i=1}^{K−1} (K − i − 1 + 2η − 2) log L_ii − log c_K(η),
 *                           log c_K(η) = ¼ K(K−1) log π + Σ_{t=0}^{K−2} lgamma(η + t/2) − (K−1) lgamma(η + (K−1)/2)
 *   Categorical(p)          log p_x (the normalised log-probabilities gathered at the labels)
 *   OneHotCategorical(p)    log p_k at the position k of each event's 1
 * </pre>
 * Data outside a support are left to the caller (ModelContext checks observed data first).
 */
final class TapeMultivariate {

    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private TapeMultivariate() {
    }

    static Var dirichlet(Var x, Var alpha) {
        Var lognorm = Ops.sum(alpha.lgamma(), -1, false).sub(Ops.sum(alpha, -1, false).lgamma());
        return Ops.sum(alpha.add(-1).mul(x.log()), -1, false).sub(lognorm);
    }

    static Var multivariateNormal(Var x, Var loc, Var scaleTril) {
        Var diff = x.sub(loc);
        int n = scaleTril.shape[scaleTril.shape.length - 1];
        int[] lBatch = Arrays.copyOf(scaleTril.shape, scaleTril.shape.length - 2);
        int[] dBatch = Arrays.copyOf(diff.shape, diff.shape.length - 1);
        int[] batch = Shapes.broadcast(lBatch, dBatch);
        int[] vShape = Arrays.copyOf(batch, batch.length + 1);
        vShape[batch.length] = n;
        int[] mShape = Arrays.copyOf(vShape, batch.length + 2);
        mShape[batch.length + 1] = n;
        Var l = Arrays.equals(scaleTril.shape, mShape) ? scaleTril : Ops.expand(scaleTril, mShape);
        Var r = Arrays.equals(diff.shape, vShape) ? diff : Ops.expand(diff, vShape);
        Var z = Ops.solveLower(l, r);
        Var halfLogDet = Ops.sum(diagonal(scaleTril, 0).log(), -1, false);
        return Ops.sum(z.square(), -1, false).add(n * LOG_TWO_PI).mul(-0.5).sub(halfLogDet);
    }

    static Var lowRankMultivariateNormal(Var x, Var loc, Var factor, Var diag) {
        int r = factor.shape[factor.shape.length - 1];
        int n = factor.shape[factor.shape.length - 2];
        int[] batch = Arrays.copyOf(diag.shape, diag.shape.length - 1);
        Var diff = x.sub(loc);
        Var scaled = diff.div(diag);
        Var diagonalTerm = Ops.sum(diff.mul(scaled), -1, false);
        int[] rows = Arrays.copyOf(diff.shape, diff.shape.length - 1);
        int p = Shapes.size(rows);
        Var capacitance = Ops.matmul(factor, factor.div(Ops.reshape(diag, append(diag.shape, 1))), true, false)
                .add(Tape.constant(identity(r), r, r));
        Var lc = Ops.cholesky(capacitance);
        int split = split(batch, rows);
        Var whitened;
        if (split >= 0) {
            // rows = A ++ B with the factors' batch A ++ [1, ...]: per entry of A, Wᵀ (δ/d) for all of B in one
            // product and one solve with a column per entry of B
            int a = Shapes.size(Arrays.copyOf(rows, split));
            int b = p / Math.max(1, a);
            Var projected = Ops.matmul(Ops.reshape(factor, a, n, r), Ops.reshape(scaled, a, b, n), true, true);
            Var columns = Ops.solveTriangular(Ops.reshape(lc, a, r, r), projected, true, false);
            whitened = Ops.reshape(Ops.sum(columns.square(), 1, false), rows);
        } else {
            int[] vShape = append(rows, n);
            Var w = Ops.expand(factor, append(vShape, r));
            Var v = Ops.reshape(Ops.expand(scaled, vShape), append(vShape, 1));
            Var projected = Ops.reshape(Ops.matmul(w, v, true, false), append(rows, r));
            Var z = Ops.solveLower(Ops.expand(lc, append(append(rows, r), r)), projected);
            whitened = Ops.sum(z.square(), -1, false);
        }
        Var logDet = Ops.sum(diagonal(lc, 0).log(), -1, false).mul(2).add(Ops.sum(diag.log(), -1, false));
        return diagonalTerm.sub(whitened).add(logDet).add(n * LOG_TWO_PI).mul(-0.5);
    }

    /**
     * The number s of leading axes on which the factors' batch equals the rows' shape when it is 1 on
     * every later axis (left-padded to the rows' rank), else −1.
     */
    private static int split(int[] batch, int[] rows) {
        if (batch.length > rows.length) {
            return -1;
        }
        int[] padded = new int[rows.length];
        Arrays.fill(padded, 1);
        System.arraycopy(batch, 0, padded, rows.length - batch.length, batch.length);
        int s = 0;
        while (s < rows.length && padded[s] == rows[s]) {
            s++;
        }
        for (int k = s; k < rows.length; k++) {
            if (padded[k] != 1) {
                return -1;
            }
        }
        return s;
    }

    private static double[] identity(int r) {
        double[] e = new double[r * r];
        for (int i = 0; i < r; i++) {
            e[i * r + i] = 1;
        }
        return e;
    }

    static Var lkjCholesky(LkjCholesky d, Var x, Var eta) {
        int k = d.dim();
        int p = k - 1;
        double[] down = new double[p];
        double[] halves = new double[p];
        for (int i = 0; i < p; i++) {
            down[i] = k - 2 - i;
            halves[i] = 0.5 * i;
        }
        Var e = Ops.reshape(eta, append(eta.shape, 1));
        Var order = e.add(-1).mul(2).add(Tape.constant(down, p));
        Var logDiagonal = diagonal(x, 1).log();
        Var lgammaSum = Ops.sum(e.add(Tape.constant(halves, p)).lgamma(), -1, false);
        Var logNormalizer = lgammaSum.sub(eta.add(0.5 * p).lgamma().mul(p)).add(0.25 * k * p * Math.log(Math.PI));
        return Ops.sum(logDiagonal.mul(order), -1, false).sub(logNormalizer);
    }

    static Var categorical(Categorical c, Var x, Function<Tensor, Var> param) {
        int k = c.categories();
        Var logits = logProbabilities(param, c.logits(), c.probs(), "Categorical");
        return labels(logits, x.value(), x.shape, k);
    }

    static Var oneHot(OneHotCategorical c, Var x, Function<Tensor, Var> param) {
        int k = c.categorical().categories();
        double[] v = x.value();
        double[] label = new double[v.length / k];
        for (int e = 0; e < label.length; e++) {
            for (int j = 0; j < k; j++) {
                if (v[e * k + j] == 1) {
                    label[e] = j;
                }
            }
        }
        Var logits = logProbabilities(param, c.logits(), c.probs(), "OneHotCategorical");
        return labels(logits, label, Arrays.copyOf(x.shape, x.shape.length - 1), k);
    }

    /** The node of the normalised log-probabilities, or the log of the probabilities' node. */
    private static Var logProbabilities(Function<Tensor, Var> param, Tensor logits, Tensor probs, String name) {
        Var l = param.apply(logits);
        if (l != null) {
            return l;
        }
        Var p = param.apply(probs);
        if (p == null) {
            throw new NotOnTape(name + ".probs is computed by an operation the double-precision path does not record");
        }
        return p.log();
    }

    /** {@code logits[b, label_b]} with the labels (data, shape labelShape) broadcast against the batch. */
    private static Var labels(Var logits, double[] label, int[] labelShape, int k) {
        int[] batch = Arrays.copyOf(logits.shape, logits.shape.length - 1);
        int[] shape = Shapes.broadcast(labelShape, batch);
        int[] ib = Shapes.broadcastMap(batch, shape);
        int[] il = Shapes.broadcastMap(labelShape, shape);
        int[] map = new int[Shapes.size(shape)];
        for (int i = 0; i < map.length; i++) {
            int b = ib == null ? i : ib[i];
            map[i] = b * k + (int) label[il == null ? i : il[i]];
        }
        return Gather.of(logits, shape, map);
    }

    /** The diagonal entries from index {@code from} of the square matrices of m ({@code [..., n, n]} → {@code [..., n − from]}). */
    static Var diagonal(Var m, int from) {
        int r = m.shape.length;
        int n = m.shape[r - 1];
        int[] flat = Arrays.copyOf(m.shape, r - 1);
        flat[r - 2] = n * n;
        int[] index = new int[n - from];
        for (int i = 0; i < index.length; i++) {
            index[i] = (from + i) * (n + 1);
        }
        return Gather.indexSelect(Gather.reshape(m, flat), -1, index);
    }

    private static int[] append(int[] shape, int d) {
        int[] s = Arrays.copyOf(shape, shape.length + 1);
        s[shape.length] = d;
        return s;
    }
}
