package org.elbo4j.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * One term of a formula: the product (interaction) of its variables, {@code x1:f} for
 * {@code [x1, f]}; the empty term is the intercept. Variables are kept in their order of first
 * appearance in the formula, as R's {@code terms()} labels them.
 *
 * @param variables the variables, at least one (the intercept is not a term)
 */
public record Term(List<Variable> variables) {

    /** A variable of a term: a column of the data, forced to a factor by {@code factor(x)}. */
    public record Variable(String column, boolean forcedFactor) {

        /** The label in the formula and in column names: {@code x} or {@code factor(x)}. */
        public String label() {
            return forcedFactor ? "factor(" + column + ")" : column;
        }
    }

    /** Copies the list. */
    public Term {
        variables = List.copyOf(variables);
    }

    /** R's term label, the variable labels joined by ':'. */
    public String label() {
        List<String> labels = new ArrayList<>();
        for (Variable v : variables) {
            labels.add(v.label());
        }
        return String.join(":", labels);
    }

    /** The term with variable {@code v} left out (empty list for a main effect: the intercept). */
    Term without(Variable v) {
        List<Variable> rest = new ArrayList<>(variables);
        rest.remove(v);
        return new Term(rest);
    }

    /** True when both terms have the same set of variables. */
    boolean sameVariables(Term other) {
        return variables.size() == other.variables.size() && variables.containsAll(other.variables);
    }
}
