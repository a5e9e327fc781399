package org.elbo4j.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A {@link Formula} evaluated on a {@link DataFrame}: the response y (and the trials of a
 * binomial), the offset, the population-level design matrix X and the group-level designs, all
 * built once in double. {@link #newData} evaluates the same formula on new rows with the fitted
 * coding (the same columns and factor levels; unseen group levels marked −1, no response needed).
 *
 * @param formula the formula
 * @param coding  the factor levels, fixed on the fitted data
 * @param y       the response (empty for new data without it)
 * @param trials  the trials of {@code y | trials(n)}, else empty
 * @param offset  the offset per row (zeros without one)
 * @param x       the population-level design
 * @param groups  the group-level designs, in formula order
 * @param source  where the rows came from (the file name)
 * @param lines   the line of the file (from 1) of every row
 */
public record ModelFrame(Formula formula, Coding coding, Optional<double[]> y, Optional<double[]> trials,
        double[] offset, DesignMatrix x, List<GroupDesign> groups, String source, int[] lines) {

    /** Copies the list. */
    public ModelFrame {
        groups = List.copyOf(groups);
    }

    /** N. */
    public int rowCount() {
        return offset.length;
    }

    /**
     * The formula on the data it is fitted to.
     *
     * @throws IllegalArgumentException for a column the data lacks, a non-numeric cell in a numeric
     *     column, or a grouping factor with fewer than two levels
     */
    public static ModelFrame of(Formula formula, DataFrame data) {
        List<Term> all = new ArrayList<>(formula.terms());
        for (GroupTerm g : formula.groups()) {
            all.addAll(g.terms());
        }
        Coding coding = Coding.of(all, data);
        return build(formula, coding, data, null, true);
    }

    /** The same formula on new rows with this frame's coding; the response is read when present. */
    public ModelFrame newData(DataFrame data) {
        return build(formula, coding, data, this, data.has(formula.response()));
    }

    private static ModelFrame build(Formula formula, Coding coding, DataFrame data, ModelFrame fitted,
            boolean withResponse) {
        require(formula, data, formula.response(), withResponse);
        double[] y = withResponse ? data.numbers(formula.response(), "the response") : null;
        double[] trials = null;
        if (formula.trials().isPresent()) {
            boolean need = withResponse || fitted == null;
            require(formula, data, formula.trials().get(), need || data.has(formula.trials().get()));
            trials = data.has(formula.trials().get()) ? data.numbers(formula.trials().get(), "the number of trials")
                    : null;
        }
        double[] offset = new double[data.rowCount()];
        if (formula.offset().isPresent()) {
            String col = formula.offset().get();
            require(formula, data, col, true);
            double[] t = data.numbers(col, "the offset");
            for (int i = 0; i < t.length; i++) {
                if (formula.logOffset() && !(t[i] > 0)) {
                    throw new IllegalArgumentException(data.source() + ": line " + data.line(i) + ": offset(log("
                            + col + ")) needs " + col + " > 0, got " + t[i]);
                }
                offset[i] = formula.logOffset() ? Math.log(t[i]) : t[i];
            }
        }
        DesignMatrix x = DesignMatrix.of(formula.intercept(), formula.terms(), coding, data);
        List<GroupDesign> groups = new ArrayList<>();
        for (int k = 0; k < formula.groups().size(); k++) {
            GroupTerm g = formula.groups().get(k);
            String[] keys = groupKeys(formula, g, data);
            List<String> levels;
            if (fitted == null) {
                levels = List.copyOf(new TreeSet<>(List.of(keys)));
                if (levels.size() < 2) {
                    throw new IllegalArgumentException("formula: grouping factor '" + g.group() + "' has "
                            + levels.size() + " level ('" + levels.get(0) + "') in " + data.source()
                            + "; a group-level term needs at least 2");
                }
            } else {
                levels = fitted.groups().get(k).levels();
            }
            int[] index = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                index[i] = levels.indexOf(keys[i]);
            }
            DesignMatrix z = DesignMatrix.of(g.intercept(), g.terms(), coding, data);
            List<String> coefficients = new ArrayList<>();
            for (String n : z.names()) {
                coefficients.add(n.equals("(Intercept)") ? "Intercept" : n);
            }
            groups.add(new GroupDesign(g.group(), coefficients, levels, index, z));
        }
        int[] lines = new int[data.rowCount()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = data.line(i);
        }
        return new ModelFrame(formula, coding, Optional.ofNullable(y), Optional.ofNullable(trials), offset, x, groups,
                data.source(), lines);
    }

    private static String[] groupKeys(Formula formula, GroupTerm g, DataFrame data) {
        String[] keys = null;
        for (String col : g.groupColumns()) {
            require(formula, data, col, true);
            String[] c = data.strings(col);
            if (keys == null) {
                keys = c;
            } else {
                for (int i = 0; i < c.length; i++) {
                    keys[i] = keys[i] + "_" + c[i];
                }
            }
        }
        return keys;
    }

    private static void require(Formula formula, DataFrame data, String column, boolean needed) {
        if (needed && !data.has(column)) {
            throw new IllegalArgumentException("formula: no column '" + column + "' in " + data.source()
                    + " (the columns are " + String.join(", ", data.columns()) + ")");
        }
    }
}
