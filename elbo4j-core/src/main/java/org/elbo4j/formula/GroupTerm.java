package org.elbo4j.formula;

import java.util.List;

/**
 * A group-level (random-effects) term {@code (1 + x | g)}: varying coefficients for the
 * intercept (when {@code intercept}) and {@code terms}, one vector per level of the grouping
 * factor, correlated within a level. A nested {@code (1 | g1/g2)} is two of these, for
 * {@code g1} and for {@code g1:g2} (the interaction of the columns).
 *
 * @param intercept    whether the term has a varying intercept
 * @param terms        the varying slopes, in the order of the formula
 * @param groupColumns the columns whose combination is the grouping factor
 */
public record GroupTerm(boolean intercept, List<Term> terms, List<String> groupColumns) {

    /** Copies the lists. */
    public GroupTerm {
        terms = List.copyOf(terms);
        groupColumns = List.copyOf(groupColumns);
    }

    /** The grouping factor's name as brms writes it: {@code g} or {@code g1:g2}. */
    public String group() {
        return String.join(":", groupColumns);
    }
}
