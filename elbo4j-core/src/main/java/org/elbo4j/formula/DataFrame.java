package org.elbo4j.formula;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elbo4j.io.CsvTable;
import org.elbo4j.io.DataFileException;

/**
 * A table of text cells read from CSV (UTF-8) with a header line of column names: the data of a
 * formula, where a column whose every cell is a number is numeric and a column of text is
 * categorical. Cells are trimmed and may be wrapped in double quotes (without commas inside);
 * blank lines are skipped. Problems are {@link DataFileException}s naming the file and the line.
 */
public final class DataFrame {

    private final String source;
    private final List<String> columns;
    private final String[][] cells;
    private final int[] lines;

    private DataFrame(String source, List<String> columns, String[][] cells, int[] lines) {
        this.source = source;
        this.columns = columns;
        this.cells = cells;
        this.lines = lines;
    }

    /** Reads {@code file}. */
    public static DataFrame read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new DataFileException(file + ": no such file");
        }
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
        BufferedReader in = new BufferedReader(reader);
        List<String> names = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNos = new ArrayList<>();
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split(",", -1);
            for (int i = 0; i < c.length; i++) {
                String s = c[i].strip();
                c[i] = s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
            }
            if (names == null) {
                names = List.of(c);
                continue;
            }
            if (c.length != names.size()) {
                throw new DataFileException(source + ": line " + lineNo + " has " + c.length + " columns, expected "
                        + names.size() + " (as in the header)");
            }
            rows.add(c);
            lineNos.add(lineNo);
        }
        if (names == null || rows.isEmpty()) {
            throw new DataFileException(source + ": no data rows" + (names == null ? " (empty file)" : " after the header"));
        }
        String[][] byColumn = new String[names.size()][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                byColumn[j][i] = rows.get(i)[j];
            }
        }
        return new DataFrame(source, names, byColumn, lineNos.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Where the data came from (the file name). */
    public String source() {
        return source;
    }

    /** The column names. */
    public List<String> columns() {
        return columns;
    }

    /** The number of data rows. */
    public int rowCount() {
        return lines.length;
    }

    /** True when the table has the column. */
    public boolean has(String column) {
        return columns.contains(column);
    }

    /** The cells of a column (copied). */
    public String[] strings(String column) {
        return cells[index(column)].clone();
    }

    /** True when {@code cell} is a decimal number ({@code 1}, {@code -2.5}, {@code .5}, {@code 3e-2}). */
    public static boolean isNumber(String cell) {
        return CsvTable.isDecimal(cell);
    }

    /** True when every cell of the column is a decimal number. */
    public boolean isNumeric(String column) {
        for (String s : cells[index(column)]) {
            if (!CsvTable.isDecimal(s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The column as numbers.
     *
     * @throws IllegalArgumentException naming the line and column of the first cell that is not a
     *     number, and {@code role} (what the column is used as)
     */
    public double[] numbers(String column, String role) {
        String[] c = cells[index(column)];
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            if (!CsvTable.isDecimal(c[i])) {
                throw new IllegalArgumentException(source + ": line " + lines[i] + ", column " + (index(column) + 1)
                        + " (\"" + column + "\"): '" + c[i] + "' is not a number, and '" + column + "' is " + role);
            }
            out[i] = Double.parseDouble(c[i]);
        }
        return out;
    }

    /** The line (from 1) of data row {@code row}. */
    public int line(int row) {
        return lines[row];
    }

    private int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(source + ": no column '" + column + "' (the columns are "
                    + String.join(", ", columns) + ")");
        }
        return i;
    }
}
