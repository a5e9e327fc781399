package org.elbo4j.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table read from CSV (UTF-8) under the one line rule of {@link CsvLines}: comma-separated cells,
 * one row per line, the same number of cells on every line, an optional header line of column
 * names; blank lines and a byte-order mark are skipped; cells may be padded with spaces and wrapped
 * in double quotes. Two kinds:
 * <ul>
 *   <li>numeric ({@link #read}): every value must be a finite decimal number ({@code 1},
 *       {@code -2.5}, {@code .5}, {@code 3e-2}; not {@code 0x10} or {@code 2d}), checked on reading;</li>
 *   <li>text ({@link #readText}): cells are kept as strings ({@link #strings}), with typed column
 *       views ({@link #isNumeric}, {@link #numbers}, {@link #toFloats}) that apply the same number
 *       rule, with the same messages, on demand ({@link #rows} and {@link #column} are for numeric
 *       tables).</li>
 * </ul>
 *
 * <p>Every problem is a {@link DataFileException} whose message names the file, the line
 * (counted from 1, as an editor does), the column (from 1, with its header name) and what is
 * wrong:
 * <pre>
 * d.csv: line 3, column 2: 'abc' is not a number (column "x2")
 * d.csv: line 3, column 2 is NaN; values must be finite (column "x2")
 * d.csv: line 3, column 2: empty field
 * d.csv: line 4 has 2 columns, expected 3 (as in the header)
 * d.csv: no data rows (empty file)
 * </pre>
 *
 * <p>The values are kept as doubles: {@link #rows()} and {@link #column(int)} are the double views,
 * {@link #toFloats()} the row-major float32 view (which rejects values outside the float32 range).
 *
 * <p>Implementation note: {@link #toFloats()} rounds the double nearest to the text to the nearest
 * float; in rare halfway cases this differs by one unit in the last place from rounding the text
 * to float directly.
 */
public final class CsvTable {

    /** Whether the first line holds column names. */
    public enum Header {
        /** A header when no cell of the first line is a number (or NaN/Infinity); data otherwise. */
        AUTO,
        /** The first line is a header. */
        PRESENT,
        /** The first line is data. */
        ABSENT
    }

    /**
     * The decimal number rule of {@link #isDecimal} as a Java regular expression, for readers that
     * match it elsewhere (a Spark {@code rlike}, anchored by the caller).
     */
    public static final String DECIMAL_REGEX = "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?";
    private static final Pattern NUMBER = Pattern.compile(DECIMAL_REGEX);
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private final String source;
    private final List<String> header;
    private final String[][] cells;
    /** The numbers of a numeric table; null for a text table. */
    private final double[][] rows;
    private final int[] lines;

    /**
     * True when {@code cell} is a decimal number as this reader takes it ({@code 1}, {@code -2.5},
     * {@code .5}, {@code 3e-2}; not NaN or infinities): the one number rule of elbo4j's CSV readers.
     */
    public static boolean isDecimal(String cell) {
        return NUMBER.matcher(cell).matches();
    }

    /**
     * True when {@code line}, the first non-blank line of a file (byte-order mark removed), is a
     * header under {@link Header#AUTO}: split into cells by the one line rule (commas, trimmed, one
     * pair of double quotes removed), none of them a number or NaN/Infinity.
     */
    public static boolean isHeaderLine(String line) {
        return CsvLines.isHeader(CsvLines.split(line), Header.AUTO);
    }

    static boolean isNonFinite(String cell) {
        return NON_FINITE.matcher(cell).matches();
    }

    private CsvTable(String source, CsvLines lines, boolean numeric) throws DataFileException {
        this.source = source;
        this.header = lines.header;
        this.cells = lines.cells;
        this.lines = lines.lines;
        if (numeric) {
            double[][] r = new double[cells.length][];
            for (int i = 0; i < cells.length; i++) {
                r[i] = new double[cells[i].length];
                for (int c = 0; c < r[i].length; c++) {
                    r[i][c] = parse(i, c);
                }
            }
            this.rows = r;
        } else {
            this.rows = null;
        }
    }

    /** Reads a numeric file, detecting a header ({@link Header#AUTO}). */
    public static CsvTable read(Path file) throws IOException {
        return read(file, Header.AUTO);
    }

    /** Reads a numeric file; the file's path names it in error messages. */
    public static CsvTable read(Path file, Header header) throws IOException {
        return open(file, r -> read(r, file.toString(), header));
    }

    /** Reads numeric CSV text; {@code source} names it in error messages. */
    public static CsvTable read(Reader reader, String source, Header header) throws IOException {
        return new CsvTable(source, CsvLines.read(reader, source, header), true);
    }

    /** Reads a file of text cells; the file's path names it in error messages. */
    public static CsvTable readText(Path file, Header header) throws IOException {
        return open(file, r -> readText(r, file.toString(), header));
    }

    /** Reads CSV text of text cells; {@code source} names it in error messages. */
    public static CsvTable readText(Reader reader, String source, Header header) throws IOException {
        return new CsvTable(source, CsvLines.read(reader, source, header), false);
    }

    private interface Parse {
        CsvTable from(Reader r) throws IOException;
    }

    private static CsvTable open(Path file, Parse parse) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataFileException(file + ": is a directory, not a CSV file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse.from(r);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new DataFileException(file + ": permission denied", e);
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
    /** What names the table in error messages (the file's path). */
    public String source() {
        return source;
    }

    /** Whether the table had a header line. */
    public boolean hasHeader() {
        return !header.isEmpty();
    }

    /** The column names: the header's, or "1", "2", … without one. */
    public List<String> columns() {
        if (hasHeader()) {
            return header;
        }
        List<String> generated = new ArrayList<>();
        for (int c = 1; c <= columnCount(); c++) {
            generated.add(Integer.toString(c));
        }
        return List.copyOf(generated);
    }

    /** The number of data rows (at least 1). */
    public int rowCount() {
        return cells.length;
    }

    /** The number of columns (at least 1). */
    public int columnCount() {
        return cells[0].length;
    }

    /**
     * The values, one array per data row (a copy).
     *
     * @throws IllegalStateException for a table read as text (use {@link #numbers})
     */
    public double[][] rows() {
        double[][] out = new double[cells.length][];
        for (int i = 0; i < cells.length; i++) {
            out[i] = numeric()[i].clone();
        }
        return out;
    }

    /**
     * The values of column {@code c} (counted from 0), one per row.
     *
     * @throws IllegalStateException for a table read as text (use {@link #numbers})
     */
    public double[] column(int c) {
        checkColumn(c);
        double[][] values = numeric();
        double[] out = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = values[i][c];
        }
        return out;
    }

    /**
     * The values of column {@code c} (counted from 0), one per row, for a numeric or a text table.
     *
     * @throws DataFileException naming the line and column of a cell that is not a finite number,
     *     as {@link #read} does
     */
    public double[] numbers(int c) throws DataFileException {
        checkColumn(c);
        double[] out = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = rows != null ? rows[i][c] : parse(i, c);
        }
        return out;
    }

    private double[][] numeric() {
        if (rows == null) {
            throw new IllegalStateException("CsvTable: " + source + " was read as text; use numbers(column)");
        }
        return rows;
    }

    /** The cells of column {@code c} (counted from 0) as text, one per row. */
    public String[] strings(int c) {
        checkColumn(c);
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i][c];
        }
        return out;
    }

    /** True when every cell of column {@code c} is a decimal number ({@link #isDecimal}). */
    public boolean isNumeric(int c) {
        checkColumn(c);
        for (String[] row : cells) {
            if (!isDecimal(row[c])) {
                return false;
            }
        }
        return true;
    }

    /** The index (from 0) of the column named {@code name}, or −1 when there is none. */
    public int columnIndex(String name) {
        return columns().indexOf(name);
    }

    /** The line (from 1) of data row {@code row} (from 0). */
    public int line(int row) {
        return lines[row];
    }

    private void checkColumn(int c) {
        if (c < 0 || c >= columnCount()) {
            throw new IllegalArgumentException("CsvTable: column must be in [0, " + columnCount() + "), got " + c);
        }
    }

    /**
     * The values as float32, row-major ({@code [rowCount, columnCount]}).
     *
     * @throws DataFileException naming the line and column of a value outside the float32 range
     */
    public float[] toFloats() throws DataFileException {
        int width = columnCount();
        double[][] values = new double[cells.length][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new double[width];
            for (int c = 0; c < width; c++) {
                values[i][c] = rows != null ? rows[i][c] : parse(i, c);
            }
        }
        float[] out = new float[values.length * width];
        for (int i = 0; i < values.length; i++) {
            for (int c = 0; c < width; c++) {
                float v = (float) values[i][c];
                if (Float.isInfinite(v)) {
                    throw new DataFileException(source + ": line " + lines[i] + ", column " + (c + 1) + ": "
                            + values[i][c] + " is outside the float32 range" + name(hasHeader() ? header : null, c));
                }
                out[i * width + c] = v;
            }
        }
        return out;
    }

    /** The column-name suffix of an error message: {@code  (column "x2")}, or nothing without a header. */
    private static String name(List<String> names, int column) {
        return names == null ? "" : " (column \"" + names.get(column) + "\")";
    }

    /** The number in row i, column c, or the error naming its line and column. */
    private double parse(int i, int c) throws DataFileException {
        return parse(cells[i][c], source + ": line " + lines[i] + ", column " + (c + 1),
                name(hasHeader() ? header : null, c));
    }

    private static double parse(String cell, String where, String name) throws DataFileException {
        if (cell.isEmpty()) {
            throw new DataFileException(where + ": empty field" + name);
        }
        if (NON_FINITE.matcher(cell).matches()) {
            throw new DataFileException(where + " is " + cell + "; values must be finite" + name);
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw new DataFileException(where + ": '" + cell + "' is not a number" + name);
        }
        double v = Double.parseDouble(cell);
        if (Double.isInfinite(v)) {
            throw new DataFileException(where + ": " + cell + " is outside the float64 range" + name);
        }
        return v;
    }
}
