package org.elbo4j.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one CSV line rule of elbo4j's readers ({@link CsvTable}, and through it
 * {@code formula.DataFrame}): UTF-8 text, a byte-order mark and blank lines skipped, cells split at
 * commas, trimmed, and unwrapped from one pair of double quotes ({@code "a b"} is {@code a b}; a
 * comma inside quotes is not supported), the same number of cells on every line, an optional
 * header line. The first line is a header when asked, or, for {@link CsvTable.Header#AUTO}, when no
 * cell of it is a number or NaN/Infinity.
 */
final class CsvLines {

    final List<String> header;
    final String[][] cells;
    final int[] lines;

    private CsvLines(List<String> header, String[][] cells, int[] lines) {
        this.header = header;
        this.cells = cells;
        this.lines = lines;
    }

    static CsvLines read(Reader reader, String source, CsvTable.Header header) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> names = null;
        int width = -1;
        List<String[]> rows = new ArrayList<>();
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
            String[] cells = split(line);
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
            if (rows.size() == lines.length) {
                lines = Arrays.copyOf(lines, 2 * lines.length);
            }
            lines[rows.size()] = lineNo;
            rows.add(cells);
        }
        if (width < 0) {
            throw new DataFileException(source + ": no data rows (empty file)");
        }
        if (rows.isEmpty()) {
            throw new DataFileException(source + ": no data rows after the header");
        }
        return new CsvLines(names == null ? List.of() : names, rows.toArray(new String[0][]),
                Arrays.copyOf(lines, rows.size()));
    }

    /** The cells of one line: split at commas, trimmed, one pair of surrounding double quotes removed. */
    static String[] split(String line) {
        String[] c = line.split(",", -1);
        for (int i = 0; i < c.length; i++) {
            String s = c[i].strip();
            c[i] = s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
        }
        return c;
    }

    static boolean isHeader(String[] cells, CsvTable.Header header) {
        if (header != CsvTable.Header.AUTO) {
            return header == CsvTable.Header.PRESENT;
        }
        for (String cell : cells) {
            if (CsvTable.isDecimal(cell) || CsvTable.isNonFinite(cell)) {
                return false;
            }
        }
        return true;
    }
}
