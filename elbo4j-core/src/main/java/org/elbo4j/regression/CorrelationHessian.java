package org.elbo4j.regression;

/**
 * The rows and columns of −∇²ℓ that belong to correlation-factor coordinates, by central
 * differences of the exact gradient: column c = −[∇ℓ(u + h e_c) − ∇ℓ(u − h e_c)] / (2h),
 * h = 10⁻⁵ max(1, |u_c|), written symmetrically (the block between two correlation coordinates
 * averaged over both columns). Costs 2 gradient evaluations per correlation coordinate.
 */
final class CorrelationHessian {

    private CorrelationHessian() {
    }

    static void fill(RegressionModel model, double[] u, double[][] negHess, int[] cor) {
        int d = u.length;
        double[][] columns = new double[cor.length][];
        double[] gUp = new double[d];
        double[] gDown = new double[d];
        for (int a = 0; a < cor.length; a++) {
            int c = cor[a];
            double h = 1e-5 * Math.max(1, Math.abs(u[c]));
            double[] x = u.clone();
            x[c] = u[c] + h;
            model.evaluate(x, gUp, null, null);
            x[c] = u[c] - h;
            model.evaluate(x, gDown, null, null);
            double[] col = new double[d];
            for (int m = 0; m < d; m++) {
                col[m] = -(gUp[m] - gDown[m]) / (2 * h);
            }
            columns[a] = col;
        }
        boolean[] isCor = new boolean[d];
        for (int c : cor) {
            isCor[c] = true;
        }
        for (int a = 0; a < cor.length; a++) {
            int c = cor[a];
            for (int m = 0; m < d; m++) {
                if (!isCor[m]) {
                    negHess[c][m] = columns[a][m];
                    negHess[m][c] = columns[a][m];
                }
            }
            for (int b = 0; b < cor.length; b++) {
                negHess[c][cor[b]] = 0.5 * (columns[a][cor[b]] + columns[b][c]);
            }
        }
    }
}
