package org.elbo4j.formula;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.elbo4j.io.CsvTable;
import org.elbo4j.io.DataFileException;

/**
 * A table of text cells read from CSV (UTF-8) with a header line of column names: the data of a
 * formula, where a column whose every cell is a number is numeric and a column of text is
 * categorical. A view of an {@link CsvTable} read as text ({@link CsvTable#readText}), so its line
 * rule (trimmed cells, optional double quotes without commas inside, blank lines skipped) and
 * number rule ({@link CsvTable#isDecimal}) are those of the numeric reader. Problems are
 * {@link DataFileException}s naming the file and the line.
 */
public final class DataFrame {

    private final CsvTable table;
    private final List<String> columns;

    private DataFrame(CsvTable table) {
        this.table = table;
        this.columns = table.columns();
    }

    /** Reads {@code file}. */
    public static DataFrame read(Path file) throws IOException {
        return new DataFrame(CsvTable.readText(file, CsvTable.Header.PRESENT));
    }

    /** Reads CSV text (for tests and tools). */
    public static DataFrame parse(String csv, String source) {
        try {
            return read(new StringReader(csv), source);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static DataFrame read(Reader reader, String source) throws IOException {
        return new DataFrame(CsvTable.readText(reader, source, CsvTable.Header.PRESENT));
    }

    /** Where the data came from (the file name). */
    public String source() {
        return table.source();
    }

    /** The column names. */
    public List<String> columns() {
        return columns;
    }

    /** The number of data rows. */
    public int rowCount() {
        return table.rowCount();
    }

    /** True when the table has the column. */
    public boolean has(String column) {
        return columns.contains(column);
    }

    /** The cells of a column (copied). */
    public String[] strings(String column) {
        return table.strings(index(column));
    }

    /** True when {@code cell} is a decimal number ({@code 1}, {@code -2.5}, {@code .5}, {@code 3e-2}). */
    public static boolean isNumber(String cell) {
        return CsvTable.isDecimal(cell);
    }

    /** True when every cell of the column is a decimal number. */
    public boolean isNumeric(String column) {
        return table.isNumeric(index(column));
    }

    /**
     * The column as numbers.
     *
     * @throws IllegalArgumentException naming the line and column of the first cell that is not a
     *     number, and {@code role} (what the column is used as)
     */
    public double[] numbers(String column, String role) {
        String[] c = strings(column);
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            if (!CsvTable.isDecimal(c[i])) {
                throw new IllegalArgumentException(source() + ": line " + line(i) + ", column " + (index(column) + 1)
                        + " (\"" + column + "\"): '" + c[i] + "' is not a number, and '" + column + "' is " + role);
            }
            out[i] = Double.parseDouble(c[i]);
        }
        return out;
    }

    /** The line (from 1) of data row {@code row}. */
    public int line(int row) {
        return table.line(row);
    }

    private int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(source() + ": no column '" + column + "' (the columns are "
                    + String.join(", ", columns) + ")");
        }
        return i;
    }
}
