package org.elbo4j.dist.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The semicolon-separated reference files written by {@code reference/gen_contract.py}: each
 * line is {@code key;field;field…}, with {@code #} comment lines. Public so the KL tests can read
 * {@code kl_reference.txt} too.
 */
public final class ReferenceTable {

    private ReferenceTable() {
    }

    /** The rows of {@code /reference/<file>}, split on ';'. */
    public static List<String[]> rows(String file) {
        String path = "/reference/" + file;
        try (InputStream in = ReferenceTable.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing reference file " + path + " (run gen_contract.py)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split(";"));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Space-separated numbers ("inf" is +∞). */
    public static double[] numbers(String field) {
        String[] parts = field.trim().split(" +");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parse(parts[i]);
        }
        return out;
    }

    /** One number, accepting Python's "inf". */
    public static double parse(String s) {
        return switch (s.trim()) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s.trim());
        };
    }
}
