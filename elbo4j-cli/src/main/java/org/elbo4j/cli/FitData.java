package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elbo4j.io.CsvTable;

/**
 * The data of {@code elbo4j fit}, read from a CSV file with a header line and checked before
 * anything is fitted or written; every problem is a {@link UserError} naming the file and the
 * column, or, for a file that is not a numeric table, the {@link CsvTable}'s
 * {@link org.elbo4j.io.DataFileException}. A regression reads the {@code target} column as y and every other column as a
 * predictor; eight schools reads the effects from {@code target} and their standard errors from
 * {@code sigma} (other columns, such as {@code school}, are ignored).
 *
 * @param predictors the predictor column names (empty for eight schools)
 * @param x          the predictors, one row per observation (empty rows for eight schools)
 * @param y          the target column
 * @param sigma      the standard errors (eight schools), else null
 */
record FitData(List<String> predictors, double[][] x, double[] y, double[] sigma) {

    /**
     * Reads a regression table. Rejects a missing target column, a table without predictors, a
     * constant predictor column and, when {@code logistic}, labels other than 0 and 1, labels that
     * are all equal, and a single predictor that separates the labels perfectly (the maximum
     * likelihood then lies at infinity and the posterior is driven by the prior alone), the latter
     * three by {@link PredictorRanges}.
     */
    static FitData regression(Path file, String target, boolean logistic) throws IOException {
        CsvTable csv = CsvTable.read(file);
        int t = column(file, csv, target);
        if (csv.columnCount() < 2) {
            throw new UserError(file + ": no predictor columns besides '" + target + "'");
        }
        double[][] rows = csv.rows();
        List<String> names = new ArrayList<>();
        double[][] x = new double[rows.length][csv.columnCount() - 1];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = rows[i][t];
            for (int j = 0, k = 0; j < csv.columnCount(); j++) {
                if (j != t) {
                    x[i][k++] = rows[i][j];
                }
            }
        }
        for (int j = 0; j < csv.columnCount(); j++) {
            if (j != t) {
                names.add(csv.columns().get(j));
            }
        }
        PredictorRanges ranges = new PredictorRanges();
        for (int i = 0; i < x.length; i++) {
            ranges.add(x[i], x[i].length, y[i]);
        }
        ranges.checkConstant(file.toString(), names);
        if (logistic) {
            checkLabels(file, target, y);
            ranges.checkLabels(file.toString(), target, names);
        }
        return new FitData(List.copyOf(names), x, y, null);
    }

    /** Reads the eight-schools table: effects in {@code target}, standard errors (> 0) in {@code sigma}. */
    static FitData eightSchools(Path file, String target) throws IOException {
        CsvTable csv = CsvTable.read(file);
        int t = column(file, csv, target);
        int s = column(file, csv, "sigma");
        double[][] rows = csv.rows();
        double[] y = new double[rows.length];
        double[] sigma = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = rows[i][t];
            sigma[i] = rows[i][s];
            if (!(sigma[i] > 0)) {
                throw new UserError(file + ": data row " + (i + 1) + ": sigma must be > 0 (a standard error), got "
                        + sigma[i]);
            }
        }
        return new FitData(List.of(), new double[rows.length][0], y, sigma);
    }

    private static int column(Path file, CsvTable csv, String name) {
        if (!csv.hasHeader()) {
            throw new UserError(file + ": no header line; fit needs named columns (e.g. x1,x2,y)");
        }
        int found = csv.columns().indexOf(name);
        if (found < 0) {
            throw new UserError(file + ": no column '" + name + "'; the columns are "
                    + String.join(", ", csv.columns()));
        }
        return found;
    }

    /** Rejects labels other than 0 and 1, naming the first such row. */
    private static void checkLabels(Path file, String target, double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new UserError(file + ": data row " + (i + 1) + ": column '" + target
                        + "' must be 0 or 1 for logistic regression, got " + y[i]);
            }
        }
    }
}
