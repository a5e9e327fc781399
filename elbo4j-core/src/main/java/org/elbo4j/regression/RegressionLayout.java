package org.elbo4j.regression;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.formula.GroupDesign;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Family;

/**
 * The unconstrained coordinates of a {@link RegressionModel} — b (the P non-intercept columns of
 * X), the Intercept, per group term its {@link GroupBlock}, the log auxiliary parameters — and
 * the quantities reported by their brms names: {@code b_Intercept}, {@code b_x1},
 * {@code sd_g__Intercept}, {@code cor_g__Intercept__x1}, {@code sigma} and, on request,
 * {@code r_g[level,Intercept]}.
 */
public final class RegressionLayout {

    private final List<String> bNames;
    private final double[] means;
    private final int[] bColumns;
    private final boolean intercept;
    private final List<GroupBlock> groups;
    private final List<String> aux;
    private final int auxAt;
    private final int dim;

    private RegressionLayout(List<String> bNames, double[] means, int[] bColumns, boolean intercept,
            List<GroupBlock> groups, List<String> aux, int auxAt, int dim) {
        this.bNames = bNames;
        this.means = means;
        this.bColumns = bColumns;
        this.intercept = intercept;
        this.groups = groups;
        this.aux = aux;
        this.auxAt = auxAt;
        this.dim = dim;
    }

    static RegressionLayout of(ModelFrame frame, Family family) {
        return of(frame, family, null);
    }

    /** The layout with term g's effects parametrised by {@code centring.get(g)} (all non-centred when null). */
    static RegressionLayout of(ModelFrame frame, Family family, List<Centring> centring) {
        if (centring != null && centring.size() != frame.groups().size()) {
            throw new IllegalArgumentException("RegressionLayout: centring must name one parametrisation per group "
                    + "term (" + frame.groups().size() + "), got " + centring.size());
        }
        List<String> names = frame.x().names();
        boolean intercept = !names.isEmpty() && names.get(0).equals("(Intercept)");
        int first = intercept ? 1 : 0;
        int p = names.size() - first;
        int[] cols = new int[p];
        double[] means = new double[p];
        double[][] rows = frame.x().rows();
        for (int j = 0; j < p; j++) {
            cols[j] = j + first;
            if (intercept) {
                double s = 0;
                for (double[] row : rows) {
                    s += row[j + first];
                }
                means[j] = s / rows.length;
            }
        }
        int at = p + (intercept ? 1 : 0);
        List<GroupBlock> groups = new ArrayList<>();
        for (GroupDesign g : frame.groups()) {
            int k = g.size();
            Centring form = centring == null ? Centring.NONCENTRED : centring.get(groups.size());
            GroupBlock b = new GroupBlock(g, at, at + k, at + k + CorrCholesky.size(k), form);
            groups.add(b);
            at += b.size();
        }
        return new RegressionLayout(List.copyOf(names.subList(first, names.size())), means, cols, intercept,
                List.copyOf(groups), family.auxNames(), at, at + family.auxNames().size());
    }

    /** The non-intercept columns of the frame's X, centred on the fitted data's means when there is an intercept. */
    double[][] centredColumns(ModelFrame frame) {
        double[][] rows = frame.x().rows();
        double[][] out = new double[rows.length][bColumns.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < bColumns.length; j++) {
                out[i][j] = rows[i][bColumns[j]] - means[j];
            }
        }
        return out;
    }

    /** P. */
    public int p() {
        return bNames.size();
    }

    /** The names of the coefficients (R's column names of X without the intercept). */
    public List<String> bNames() {
        return bNames;
    }

    /** True when the population-level part has an intercept. */
    public boolean hasIntercept() {
        return intercept;
    }

    int interceptAt() {
        return p();
    }

    List<GroupBlock> groups() {
        return groups;
    }

    int auxAt() {
        return auxAt;
    }

    /** d. */
    public int dim() {
        return dim;
    }

    /** True when some group term has correlated effects (K ≥ 2). */
    public boolean hasCorrelations() {
        return groups.stream().anyMatch(g -> g.k() > 1);
    }

    /** The parametrisation of every group term, in formula order. */
    public List<Centring> centring() {
        return groups.stream().map(GroupBlock::centring).toList();
    }

    /** The group terms' names as brms writes them in sd_NAME__coef (the grouping factor). */
    public List<String> groupNames() {
        return groups.stream().map(g -> g.design().group()).toList();
    }

    /** True when there are group-level terms. */
    public boolean hasGroups() {
        return !groups.isEmpty();
    }

    /** The largest number of coordinates one observation's η depends on (b, Intercept, log sd and z per group). */
    int localSize() {
        int m = p() + 1;
        for (GroupBlock g : groups) {
            m += 2 * g.k() + CorrCholesky.size(g.k());
        }
        return m;
    }

    /** Labels of the unconstrained coordinates. */
    public List<String> coordinateNames() {
        List<String> out = new ArrayList<>();
        for (String b : bNames) {
            out.add("b_" + brms(b));
        }
        if (intercept) {
            out.add("Intercept");
        }
        for (GroupBlock g : groups) {
            String name = g.design().group();
            for (String c : g.design().coefficients()) {
                out.add("log sd_" + name + "__" + brms(c));
            }
            for (int c = 0; c < CorrCholesky.size(g.k()); c++) {
                out.add("cor_" + name + "[u" + c + "]");
            }
            String effect = g.centred() ? "r_" : "z_";
            for (String level : g.design().levels()) {
                for (String c : g.design().coefficients()) {
                    out.add(effect + name + "[" + level + "," + brms(c) + "]");
                }
            }
        }
        for (String a : aux) {
            out.add("log " + a);
        }
        return out;
    }

    /** brms's parameter-name form of an R column name: parentheses and spaces dropped ({@code factor(k)2} → {@code factork2}). */
    static String brms(String rName) {
        return rName.replace("(", "").replace(")", "").replace(" ", "");
    }

    /** The names of the reported quantities, with the group-level effects when {@code effects}. */
    public List<String> reportedNames(boolean effects) {
        List<String> out = new ArrayList<>();
        if (intercept) {
            out.add("b_Intercept");
        }
        for (String b : bNames) {
            out.add("b_" + brms(b));
        }
        for (GroupBlock g : groups) {
            String name = g.design().group();
            List<String> coef = g.design().coefficients();
            for (String c : coef) {
                out.add("sd_" + name + "__" + brms(c));
            }
            for (int a = 0; a < coef.size(); a++) {
                for (int b = a + 1; b < coef.size(); b++) {
                    out.add("cor_" + name + "__" + brms(coef.get(a)) + "__" + brms(coef.get(b)));
                }
            }
        }
        out.addAll(aux);
        if (effects) {
            for (GroupBlock g : groups) {
                for (String level : g.design().levels()) {
                    for (String c : g.design().coefficients()) {
                        out.add("r_" + g.design().group() + "[" + level + "," + brms(c) + "]");
                    }
                }
            }
        }
        return out;
    }

    /** The reported quantities at u, in the order of {@link #reportedNames}. */
    public double[] reported(double[] u, boolean effects) {
        List<Double> out = new ArrayList<>();
        if (intercept) {
            double b0 = u[interceptAt()];
            for (int j = 0; j < p(); j++) {
                b0 -= means[j] * u[j];
            }
            out.add(b0);
        }
        for (int j = 0; j < p(); j++) {
            out.add(u[j]);
        }
        List<GroupState> states = new ArrayList<>();
        for (GroupBlock g : groups) {
            GroupState s = GroupState.of(g, u);
            states.add(s);
            for (double sd : s.sd()) {
                out.add(sd);
            }
            double[][] c = s.correlation();
            for (int a = 0; a < g.k(); a++) {
                for (int b = a + 1; b < g.k(); b++) {
                    out.add(c[b][a]);
                }
            }
        }
        for (int a = 0; a < aux.size(); a++) {
            out.add(Math.exp(u[auxAt + a]));
        }
        if (effects) {
            for (GroupState s : states) {
                for (double[] level : s.effects()) {
                    for (double v : level) {
                        out.add(v);
                    }
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The uncentred intercept and coefficients at u: b_Intercept (0 without one) followed by b. */
    double[] coefficients(double[] u) {
        double[] out = new double[p() + 1];
        if (intercept) {
            out[0] = u[interceptAt()];
            for (int j = 0; j < p(); j++) {
                out[0] -= means[j] * u[j];
            }
        }
        System.arraycopy(u, 0, out, 1, p());
        return out;
    }

    /** The columns of X that hold b, in order. */
    int[] bColumns() {
        return bColumns.clone();
    }
}
