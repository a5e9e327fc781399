package org.elbo4j.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * A model matrix as R's {@code model.matrix} builds it, in double: an intercept column
 * {@code (Intercept)}, then per term the product of its variables' columns, the first variable
 * varying fastest; a numeric variable is one column {@code x}, a factor either its treatment
 * contrasts (one column {@code fb} per level but the first) or its full dummy coding (one column
 * per level). Following R's {@code TermCode}, a factor in term T is coded by contrasts when
 * T without it is empty or contained in an earlier term, else by dummies; without an intercept the
 * first factor of the first term that has one is coded by dummies. Interaction columns are named
 * by joining the pieces with ':' ({@code x1:fb}).
 *
 * @param names the column names
 * @param rows  the matrix, one row per observation
 */
public record DesignMatrix(List<String> names, double[][] rows) {

    /** Copies the name list. */
    public DesignMatrix {
        names = List.copyOf(names);
    }

    /** The number of columns. */
    public int columnCount() {
        return names.size();
    }

    /** The matrix of {@code intercept} and {@code terms} on {@code data}, factors as in {@code coding}. */
    static DesignMatrix of(boolean intercept, List<Term> terms, Coding coding, DataFrame data) {
        int n = data.rowCount();
        List<String> names = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        if (intercept) {
            names.add("(Intercept)");
            double[] one = new double[n];
            java.util.Arrays.fill(one, 1);
            columns.add(one);
        }
        boolean dummyPending = !intercept;
        for (int k = 0; k < terms.size(); k++) {
            Term t = terms.get(k);
            List<String> pieceNames = List.of("");
            List<double[]> pieceCols = new ArrayList<>();
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1);
            pieceCols.add(ones);
            for (Term.Variable v : t.variables()) {
                List<String> vNames = new ArrayList<>();
                List<double[]> vCols = new ArrayList<>();
                if (!coding.isFactor(v)) {
                    vNames.add(v.label());
                    vCols.add(coding.values(v, data));
                } else {
                    boolean dummies = dummyPending || !contrasts(t, v, terms, k);
                    dummyPending = false;
                    List<String> levels = coding.levels(v);
                    int[] idx = coding.levelIndex(v, data);
                    for (int l = dummies ? 0 : 1; l < levels.size(); l++) {
                        vNames.add(v.label() + levels.get(l));
                        double[] c = new double[n];
                        for (int i = 0; i < n; i++) {
                            c[i] = idx[i] == l ? 1 : 0;
                        }
                        vCols.add(c);
                    }
                }
                List<String> nextNames = new ArrayList<>();
                List<double[]> nextCols = new ArrayList<>();
                for (int b = 0; b < vNames.size(); b++) {
                    for (int a = 0; a < pieceNames.size(); a++) {
                        nextNames.add(pieceNames.get(a).isEmpty() ? vNames.get(b) : pieceNames.get(a) + ":" + vNames.get(b));
                        double[] c = new double[n];
                        double[] pa = pieceCols.get(a);
                        double[] vb = vCols.get(b);
                        for (int i = 0; i < n; i++) {
                            c[i] = pa[i] * vb[i];
                        }
                        nextCols.add(c);
                    }
                }
                pieceNames = nextNames;
                pieceCols = nextCols;
            }
            names.addAll(pieceNames);
            columns.addAll(pieceCols);
        }
        double[][] rows = new double[n][columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            double[] c = columns.get(j);
            for (int i = 0; i < n; i++) {
                rows[i][j] = c[i];
            }
        }
        return new DesignMatrix(names, rows);
    }

    /** R's TermCode: contrasts when T without v is empty or contained in an earlier term. */
    private static boolean contrasts(Term t, Term.Variable v, List<Term> terms, int k) {
        Term rest = t.without(v);
        if (rest.variables().isEmpty()) {
            return true;
        }
        for (int j = 0; j < k; j++) {
            if (terms.get(j).variables().containsAll(rest.variables())) {
                return true;
            }
        }
        return false;
    }
}
