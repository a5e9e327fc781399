package org.elbo4j.io;

import java.io.BufferedReader;
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
 * A numeric table read from CSV (UTF-8): comma-separated decimal numbers, one row per line, the
 * same number of cells on every line, with an optional header line of column names. Blank lines
 * and a byte-order mark are skipped; cells may be padded with spaces. Every value must be a finite
 * decimal number ({@code 1}, {@code -2.5}, {@code .5}, {@code 3e-2}; not {@code 0x10} or
 * {@code 2d}).
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

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private final String source;
    private final List<String> header;
    private final double[][] rows;
    private final int[] lines;

    /**
     * True when {@code cell} is a decimal number as this reader takes it ({@code 1}, {@code -2.5},
     * {@code .5}, {@code 3e-2}; not NaN or infinities): the one number rule of elbo4j's CSV readers.
     */
    public static boolean isDecimal(String cell) {
        return NUMBER.matcher(cell).matches();
    }

    private CsvTable(String source, List<String> header, double[][] rows, int[] lines) {
        this.source = source;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
    }

    /** Reads a file, detecting a header ({@link Header#AUTO}). */
    public static CsvTable read(Path file) throws IOException {
        return read(file, Header.AUTO);
    }

    /** Reads a file; the file's path names it in error messages. */
    public static CsvTable read(Path file, Header header) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataFileException(file + ": is a directory, not a CSV file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), header);
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

    /** Reads CSV text; {@code source} names it in error messages. */
    public static CsvTable read(Reader reader, String source, Header header) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> names = null;
        int width = -1;
        List<double[]> rows = new ArrayList<>();
        int[] lines = new int[16];
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
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
            if (width < 0) {
                width = cells.length;
                if (isHeader(cells, header)) {
                    names = List.of(cells);
                    continue;
                }
            }
            if (cells.length != width) {
                throw new DataFileException(source + ": line " + lineNo + " has " + cells.length + " columns, expected "
                        + width + (names != null ? " (as in the header)" : " (as in line " + lines[0] + ")"));
            }
            double[] row = new double[width];
            for (int c = 0; c < width; c++) {
                row[c] = parse(cells[c], source + ": line " + lineNo + ", column " + (c + 1), name(names, c));
            }
            if (rows.size() == lines.length) {
                lines = Arrays.copyOf(lines, 2 * lines.length);
            }
            lines[rows.size()] = lineNo;
            rows.add(row);
        }
        if (width < 0) {
            throw new DataFileException(source + ": no data rows (empty file)");
        }
        if (rows.isEmpty()) {
            throw new DataFileException(source + ": no data rows after the header");
        }
        return new CsvTable(source, names == null ? List.of() : names, rows.toArray(new double[0][]),
                Arrays.copyOf(lines, rows.size()));
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
        return rows.length;
    }

    /** The number of columns (at least 1). */
    public int columnCount() {
        return rows[0].length;
    }

    /** The values, one array per data row (a copy). */
    public double[][] rows() {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** The values of column {@code c} (counted from 0), one per row. */
    public double[] column(int c) {
        if (c < 0 || c >= columnCount()) {
            throw new IllegalArgumentException("CsvTable: column must be in [0, " + columnCount() + "), got " + c);
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }

    /**
     * The values as float32, row-major ({@code [rowCount, columnCount]}).
     *
     * @throws DataFileException naming the line and column of a value outside the float32 range
     */
    public float[] toFloats() throws DataFileException {
        int width = columnCount();
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < width; c++) {
                float v = (float) rows[i][c];
                if (Float.isInfinite(v)) {
                    throw new DataFileException(source + ": line " + lines[i] + ", column " + (c + 1) + ": "
                            + rows[i][c] + " is outside the float32 range" + name(hasHeader() ? header : null, c));
                }
                out[i * width + c] = v;
            }
        }
        return out;
    }

    private static boolean isHeader(String[] cells, Header header) {
        if (header != Header.AUTO) {
            return header == Header.PRESENT;
        }
        for (String cell : cells) {
            if (NUMBER.matcher(cell).matches() || NON_FINITE.matcher(cell).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The column-name suffix of an error message: {@code  (column "x2")}, or nothing without a header. */
    private static String name(List<String> names, int column) {
        return names == null ? "" : " (column \"" + names.get(column) + "\")";
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
