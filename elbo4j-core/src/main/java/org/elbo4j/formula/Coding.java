package org.elbo4j.formula;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How each variable of a formula becomes numbers, fixed on the data a model is fitted to and
 * reused on new data: a numeric variable is its value; a factor (a column of text, or
 * {@code factor(x)}) has levels sorted as R sorts them (text by code point, as R in the C locale;
 * numbers numerically, printed as R prints them), the first one the reference of the treatment
 * coding.
 *
 * <p>A column whose cells are partly numbers and partly text is rejected (a typo in a numeric
 * predictor more often than a factor): the message names the line and column and suggests
 * {@code factor(x)}.
 */
public final class Coding {

    private final Map<Term.Variable, List<String>> levels;

    private Coding(Map<Term.Variable, List<String>> levels) {
        this.levels = levels;
    }

    /** The coding of every variable of {@code terms} on {@code data}. */
    static Coding of(List<Term> terms, DataFrame data) {
        Map<Term.Variable, List<String>> levels = new LinkedHashMap<>();
        for (Term t : terms) {
            for (Term.Variable v : t.variables()) {
                if (levels.containsKey(v)) {
                    continue;
                }
                if (!data.has(v.column())) {
                    throw new IllegalArgumentException("formula: no column '" + v.column() + "' in " + data.source()
                            + " (the columns are " + String.join(", ", data.columns()) + ")");
                }
                if (v.forcedFactor() || !data.isNumeric(v.column())) {
                    levels.put(v, levelsOf(v, data));
                } else {
                    levels.put(v, null);
                }
            }
        }
        return new Coding(levels);
    }

    private static List<String> levelsOf(Term.Variable v, DataFrame data) {
        String[] cells = data.strings(v.column());
        if (data.isNumeric(v.column())) {
            TreeSet<Double> values = new TreeSet<>();
            for (String c : cells) {
                values.add(Double.parseDouble(c));
            }
            List<String> out = new ArrayList<>();
            for (double d : values) {
                out.add(format(d));
            }
            return List.copyOf(out);
        }
        int numeric = 0;
        for (String c : cells) {
            numeric += DataFrame.isNumber(c) ? 1 : 0;
        }
        if (numeric * 2 >= cells.length) {
            data.numbers(v.column(), "a numeric predictor (most of its values are numbers; write factor("
                    + v.column() + ") to treat it as categorical)");
        }
        TreeSet<String> set = new TreeSet<>(Comparator.naturalOrder());
        for (String c : cells) {
            set.add(c);
        }
        return List.copyOf(set);
    }

    /** A number as R's {@code as.character}: no trailing zeros, no exponent for ordinary magnitudes. */
    static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** True when {@code v} is a factor. */
    public boolean isFactor(Term.Variable v) {
        return levels.get(v) != null;
    }

    /** The levels of factor {@code v} (the first is the reference), or null for a numeric variable. */
    public List<String> levels(Term.Variable v) {
        return levels.get(v);
    }

    /** The variables in the order they were met, with their levels (null when numeric). */
    public Map<Term.Variable, List<String>> all() {
        return java.util.Collections.unmodifiableMap(levels);
    }

    /** The level index of every row of factor {@code v} in {@code data}; an unknown level is an error. */
    int[] levelIndex(Term.Variable v, DataFrame data) {
        List<String> lv = levels.get(v);
        String[] cells = data.strings(v.column());
        boolean numeric = v.forcedFactor() && data.isNumeric(v.column());
        int[] out = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String key = numeric ? format(Double.parseDouble(cells[i])) : cells[i];
            out[i] = lv.indexOf(key);
            if (out[i] < 0) {
                throw new IllegalArgumentException(data.source() + ": line " + data.line(i) + ": '" + cells[i]
                        + "' is not a level of " + v.label() + " seen in the fitted data (" + String.join(", ", lv)
                        + ")");
            }
        }
        return out;
    }

    /** The values of numeric variable {@code v} in {@code data}. */
    double[] values(Term.Variable v, DataFrame data) {
        return data.numbers(v.column(), "a numeric predictor");
    }
}
