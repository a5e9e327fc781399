package org.elbo4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A numeric CSV table: comma-separated finite numbers, the same count on every line, with an
 * optional header line first (a first line none of whose cells is a number).
 * Blank lines are skipped. Every problem is reported as a {@link UserError} naming the file, the
 * line (counted from 1) and the column (counted from 1).
 *
 * @param header the column names, or an empty array when there was no header line
 * @param rows the values, one array per data line
 */
public record CsvData(String[] header, double[][] rows) {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    /** Reads and checks a CSV file. */
    public static CsvData read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), lines);
    }

    /** Parses the lines of a CSV table; {@code source} names it in error messages. */
    public static CsvData parse(String source, List<String> lines) {
        String[] header = new String[0];
        List<double[]> rows = new ArrayList<>();
        int columns = -1;
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (first && noNumbers(cells)) {
                header = new String[cells.length];
                for (int j = 0; j < cells.length; j++) {
                    header[j] = cells[j].strip();
                }
                columns = cells.length;
                first = false;
                continue;
            }
            first = false;
            if (columns < 0) {
                columns = cells.length;
            } else if (cells.length != columns) {
                throw new UserError(source + ": line " + (i + 1) + " has " + cells.length + " columns, expected "
                        + columns);
            }
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                row[j] = number(source, i + 1, j + 1, cells[j]);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new UserError(source + ": no data rows");
        }
        return new CsvData(header, rows.toArray(new double[0][]));
    }

    /** The number of columns. */
    public int columns() {
        return rows[0].length;
    }

    private static double number(String source, int line, int column, String cell) {
        String s = cell.strip();
        if (DECIMAL.matcher(s).matches()) {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } else if (!NON_FINITE.matcher(s).matches()) {
            throw new UserError(source + ": line " + line + ", column " + column + ": '" + s + "' is not a number");
        }
        throw new UserError(source + ": line " + line + ", column " + column + " is " + s + "; values must be finite");
    }

    private static boolean noNumbers(String[] cells) {
        for (String c : cells) {
            String s = c.strip();
            if (DECIMAL.matcher(s).matches() || NON_FINITE.matcher(s).matches()) {
                return false;
            }
        }
        return true;
    }
}
