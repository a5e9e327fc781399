package org.elbo4j.formula;

import java.util.List;
import java.util.Optional;

/**
 * A parsed regression formula of the lme4/brms subset
 * <pre>
 *   y ~ x1 + x2 + x1:x2 + (1 + x1 | g)          y | trials(n) ~ factor(f) * x + (1 | g1/g2) + offset(log(t))
 * </pre>
 * read by {@link FormulaParser}. The linear predictor it describes is
 * {@code η = offset + X b + Σ_groups Z_g r_g[level]}, X from the intercept and the
 * {@link #terms()} ({@link DesignMatrix}), Z_g from each {@link GroupTerm}.
 *
 * @param text      the formula as given
 * @param response  the response column
 * @param trials    the column of the number of trials ({@code y | trials(n)}), if any
 * @param intercept whether the population-level part has an intercept ({@code 0 +} or {@code - 1} removes it)
 * @param terms     the population-level terms, ordered as R's {@code terms()}: by degree, then by appearance
 * @param groups    the group-level terms, in the order of the formula
 * @param offset    the offset column, if any
 * @param logOffset whether the offset is {@code offset(log(t))} rather than {@code offset(t)}
 */
public record Formula(String text, String response, Optional<String> trials, boolean intercept, List<Term> terms,
        List<GroupTerm> groups, Optional<String> offset, boolean logOffset) {

    /** Copies the lists. */
    public Formula {
        terms = List.copyOf(terms);
        groups = List.copyOf(groups);
    }

    /** Parses {@code text}; see {@link FormulaParser}. */
    public static Formula parse(String text) {
        return FormulaParser.parse(text);
    }
}
