package org.elbo4j.formula;

/**
 * A formula that cannot be read, with the column (from 1) of the offending character:
 * {@code formula: unexpected ')' at column 17: y ~ x1 + )}.
 */
public final class FormulaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int column;

    FormulaException(String what, int column, String formula) {
        super("formula: " + what + " at column " + column + ": " + formula);
        this.column = column;
    }

    /** The column (from 1) of the character the message points at. */
    public int column() {
        return column;
    }
}
