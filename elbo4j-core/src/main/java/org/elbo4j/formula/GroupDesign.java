package org.elbo4j.formula;

import java.util.List;

/**
 * The data side of one {@link GroupTerm}: its K coefficient columns Z (n × K) and, for every
 * row, the index of its level of the grouping factor (−1 for a level not seen in the fitted data).
 * The level of a combined factor {@code g1:g2} is the cells joined by '_' ({@code a_1}), as brms
 * names them.
 *
 * @param group        the grouping factor's name ({@code g}, {@code g1:g2})
 * @param coefficients the coefficient names, brms style ({@code Intercept}, {@code x1})
 * @param levels       the levels, sorted
 * @param levelOfRow   the level index of every row (−1: a new level)
 * @param z            the coefficient columns
 */
public record GroupDesign(String group, List<String> coefficients, List<String> levels, int[] levelOfRow,
        DesignMatrix z) {

    /** Copies the lists. */
    public GroupDesign {
        coefficients = List.copyOf(coefficients);
        levels = List.copyOf(levels);
    }

    /** K, the number of varying coefficients. */
    public int size() {
        return coefficients.size();
    }

    /** J, the number of levels. */
    public int levelCount() {
        return levels.size();
    }
}
