package org.elbo4j.regression;

import java.util.concurrent.atomic.AtomicReference;
import org.elbo4j.bayes.models.ColumnKernels;
import org.elbo4j.glm.Family;

/**
 * The full-data log-likelihood of a {@link RegressionModel} and its gradient at one point u, in
 * passes over whole columns rather than row by row:
 * <pre>
 *   η = offset + Intercept·1 + Σ_j b_j x̃_j + Σ_g (Z^g r^g)_{level(i)},   ℓ = Σ_i log p(y_i | η_i, aux),
 *   e = ∂ℓ/∂η,   ∂ℓ/∂b_j = x̃_jᵀ e,   ∂ℓ/∂Intercept = Σ_i e_i,   ∂ℓ/∂r^g_j = Σ_{i: level(i) = j} e_i Z^g_i
 * </pre>
 * with x̃_j the centred columns, the family's rows evaluated by {@link Family#evaluateRows} and the
 * group adjoints left in the {@link GroupState}s for their backward pass; Z^g is kept by column too,
 * so the group terms are one gather (η) and one scatter (∂ℓ/∂r) per column. Each pass over a column
 * is a loop the JIT can vectorise (η and e are N-vectors); the same numbers as the row-by-row
 * {@link RowPass} up to the order of the sums. Thread-safe: the N-vectors of a call are taken from
 * a spare kept between calls, or allocated when another thread holds it.
 */
final class LikelihoodPass {

    private final Family family;
    private final RegressionLayout layout;
    private final double[] y;
    private final double[] trials;
    private final double[] offset;
    /** x̃_j, P columns of length N. */
    private final double[][] columns;
    /** Per group term: the level of every row, and Z's K columns of length N. */
    private final int[][] levels;
    private final double[][][] zColumns;
    private final AtomicReference<double[][]> spare = new AtomicReference<>();
    /** η, ∂ℓ/∂η and the gathered y, trials, offset and one column of a row subset. */
    private static final int WORK_ROWS = 6;

    private LikelihoodPass(Family family, RegressionLayout layout, double[] y, double[] trials, double[] offset,
            double[][] columns) {
        this.family = family;
        this.layout = layout;
        this.y = y;
        this.trials = trials;
        this.offset = offset;
        this.columns = columns;
        int groups = layout.groups().size();
        this.levels = new int[groups][];
        this.zColumns = new double[groups][][];
        for (int g = 0; g < groups; g++) {
            GroupBlock b = layout.groups().get(g);
            levels[g] = b.design().levelOfRow();
            double[][] z = b.design().z().rows();
            zColumns[g] = new double[b.k()][y.length];
            for (int i = 0; i < y.length; i++) {
                for (int c = 0; c < b.k(); c++) {
                    zColumns[g][c][i] = z[i][c];
                }
            }
        }
    }

    /** The pass over {@code y} (trials null for 1), {@code offset} and the row-major centred X {@code xc} (N × P). */
    static LikelihoodPass of(Family family, RegressionLayout layout, double[] y, double[] trials, double[] offset,
            double[][] xc) {
        int p = layout.p();
        double[][] columns = new double[p][y.length];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < p; j++) {
                columns[j][i] = xc[i][j];
            }
        }
        return new LikelihoodPass(family, layout, y, trials, offset, columns);
    }

    /**
     * s · Σ_{i ∈ B} log p(y_i | η_i(u)) at u, whose group states are {@code groups}, over the
     * observations {@code rows} (B, in that order; all N in order when null) times {@code scale};
     * when {@code grad} is not null, adds the gradient in b, the Intercept and the log aux to it
     * and ∂/∂r to the groups' adjoints; when {@code pointwise} is not null, writes log p(y_i | η_i)
     * (unscaled) into {@code pointwise[q]} for the q-th observation of B.
     */
    double value(double[] u, GroupState[] groups, int[] rows, double scale, double[] grad, double[] pointwise) {
        int count = rows == null ? y.length : rows.length;
        double[][] work = spare.getAndSet(null);
        if (work == null) {
            work = new double[WORK_ROWS][y.length];
        }
        double[] eta = work[0];
        double[] deta = work[1];
        double[] yb = gather(y, rows, work[2]);
        double[] tb = trials == null ? null : gather(trials, rows, work[3]);
        double[] ob = gather(offset, rows, work[4]);
        double intercept = layout.hasIntercept() ? u[layout.interceptAt()] : 0;
        for (int r = 0; r < count; r++) {
            eta[r] = ob[r] + intercept;
        }
        for (int j = 0; j < columns.length; j++) {
            double b = u[j];
            double[] x = gather(columns[j], rows, work[5]);
            for (int r = 0; r < count; r++) {
                eta[r] += b * x[r];
            }
        }
        for (int g = 0; g < groups.length; g++) {
            addGroup(g, groups[g].effects(), rows, count, eta);
        }
        int auxCount = family.auxNames().size();
        double[] logAux = new double[2];
        System.arraycopy(u, layout.auxAt(), logAux, 0, auxCount);
        double[] auxGrad = grad == null ? null : new double[2];
        double value = scale * family.evaluateRows(yb, tb, eta, count, logAux, deta, auxGrad, pointwise);
        if (grad != null) {
            double sum = 0;
            for (int r = 0; r < count; r++) {
                deta[r] *= scale;
                sum += deta[r];
            }
            for (int j = 0; j < columns.length; j++) {
                grad[j] += ColumnKernels.dot(gather(columns[j], rows, work[5]), deta, 0, count);
            }
            if (layout.hasIntercept()) {
                grad[layout.interceptAt()] += sum;
            }
            for (int g = 0; g < groups.length; g++) {
                accumulateGroup(g, deta, rows, count, groups[g].adjoint(), work[5]);
            }
            for (int a = 0; a < auxCount; a++) {
                grad[layout.auxAt() + a] += scale * auxGrad[a];
            }
        }
        spare.set(work);
        return value;
    }

    /**
     * η_q += Σ_c Z_ic r_{level(i),c} for i = rows[q] (q when rows is null), q &lt; count, one column
     * c at a time; nothing for a new level (−1).
     */
    private void addGroup(int g, double[][] r, int[] rows, int count, double[] eta) {
        int[] level = levels[g];
        double[] rc = new double[r.length];
        for (int c = 0; c < zColumns[g].length; c++) {
            double[] z = zColumns[g][c];
            for (int j = 0; j < r.length; j++) {
                rc[j] = r[j][c];
            }
            for (int q = 0; q < count; q++) {
                int i = rows == null ? q : rows[q];
                int j = level[i];
                if (j >= 0) {
                    eta[q] += z[i] * rc[j];
                }
            }
        }
    }

    /**
     * adjoint_{level(i),c} += e_q Z_ic for i = rows[q] (q when rows is null), q &lt; count, as above,
     * by runs of consecutive observations of one level: one {@link ColumnKernels#dot} per run (for
     * data sorted by group, J dot products rather than a chain of N dependent updates of the J
     * sums). {@code zb} holds Z's gathered column for a row subset.
     */
    private void accumulateGroup(int g, double[] e, int[] rows, int count, double[][] adjoint, double[] zb) {
        int[] level = levels[g];
        double[] ac = new double[adjoint.length];
        for (int c = 0; c < zColumns[g].length; c++) {
            double[] z = gather(zColumns[g][c], rows, zb);
            java.util.Arrays.fill(ac, 0);
            int q = 0;
            while (q < count) {
                int j = level[rows == null ? q : rows[q]];
                int end = q + 1;
                while (end < count && level[rows == null ? end : rows[end]] == j) {
                    end++;
                }
                if (j >= 0) {
                    ac[j] += ColumnKernels.dot(e, z, q, end);
                }
                q = end;
            }
            for (int j = 0; j < adjoint.length; j++) {
                adjoint[j][c] += ac[j];
            }
        }
    }

    /** {@code v} itself when {@code rows} is null, else v_{rows[r]} into {@code into[r]}. */
    private static double[] gather(double[] v, int[] rows, double[] into) {
        if (rows == null) {
            return v;
        }
        for (int r = 0; r < rows.length; r++) {
            into[r] = v[rows[r]];
        }
        return into;
    }
}
