package org.elbo4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.elbo4j.tensor.Tensor;

/**
 * A numeric table read from CSV: comma-separated decimal numbers, one sample per line, with an
 * optional header line of column names. Blank lines are skipped; fields may be padded with
 * spaces. Every value must be a finite number in float32 range: NaN, infinities, empty fields,
 * ragged rows and an empty file are errors whose message names the file, the line (counting
 * from 1, as an editor does) and the column.
 *
 * @param columns the column names (from the header, or "1", "2", … without one)
 * @param dataset the rows as a dataset {@code [rows, columns]} without labels
 */
public record CsvData(List<String> columns, Dataset dataset) {

    /** Whether the first line holds column names. */
    public enum Header {
        /** A header when no field of the first line is a number; data when all are. */
        AUTO,
        /** The first line is a header. */
        PRESENT,
        /** The first line is data. */
        ABSENT
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    /** Reads a file, detecting a header ({@link Header#AUTO}). */
    public static CsvData read(Path file) throws IOException {
        return read(file, Header.AUTO);
    }

    /** Reads a file (UTF-8). */
    public static CsvData read(Path file, Header header) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataFileException(file + ": is a directory, not a CSV file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), header);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file + ": no such file", e);
        }
    }

    /** Reads CSV text; {@code name} is used in error messages. */
    public static CsvData read(Reader reader, String name, Header header) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> columns = null;
        int width = -1;
        int firstDataLine = -1;
        float[] values = new float[1024];
        int count = 0;
        int rows = 0;
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
            String[] fields = line.split(",", -1);
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fields[i].strip();
            }
            if (width < 0) {
                width = fields.length;
                if (isHeader(fields, header)) {
                    columns = List.of(fields);
                    continue;
                }
            }
            if (fields.length != width) {
                throw new DataFileException(name + ": line " + lineNo + " has " + fields.length + " fields, expected "
                        + width + (columns != null ? " (as in the header)" : " (as in line " + firstDataLine + ")"));
            }
            if (firstDataLine < 0) {
                firstDataLine = lineNo;
            }
            if (count + width > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, count + width));
            }
            for (int c = 0; c < width; c++) {
                values[count++] = parse(fields[c], name, lineNo, c, columns);
            }
            rows++;
        }
        if (width < 0) {
            throw new DataFileException(name + ": empty file (no lines with values)");
        }
        if (rows == 0) {
            throw new DataFileException(name + ": no data rows after the header");
        }
        if (columns == null) {
            List<String> generated = new ArrayList<>();
            for (int c = 1; c <= width; c++) {
                generated.add(Integer.toString(c));
            }
            columns = List.copyOf(generated);
        }
        Tensor t = Tensor.of(Arrays.copyOf(values, count), rows, width);
        return new CsvData(columns, Dataset.of(t));
    }

    private static boolean isHeader(String[] fields, Header header) {
        if (header != Header.AUTO) {
            return header == Header.PRESENT;
        }
        for (String f : fields) {
            if (NUMBER.matcher(f).matches() || NON_FINITE.matcher(f).matches()) {
                return false;
            }
        }
        return true;
    }

    private static float parse(String field, String name, int line, int column, List<String> columns)
            throws DataFileException {
        String where = name + ": line " + line + ", column " + (column + 1)
                + (columns != null ? " (\"" + columns.get(column) + "\")" : "") + ": ";
        if (field.isEmpty()) {
            throw new DataFileException(where + "empty field");
        }
        if (NON_FINITE.matcher(field).matches()) {
            throw new DataFileException(where + field + " is not allowed (values must be finite)");
        }
        if (!NUMBER.matcher(field).matches()) {
            throw new DataFileException(where + "not a number: \"" + field + "\"");
        }
        float v = Float.parseFloat(field);
        if (Float.isInfinite(v)) {
            throw new DataFileException(where + field + " is outside the float32 range");
        }
        return v;
    }
}
