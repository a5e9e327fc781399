package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.elbo4j.io.CsvTable;
import org.elbo4j.mixture.CovarianceType;
import org.elbo4j.mixture.ExpectationMaximization;
import org.elbo4j.mixture.MixtureData;
import org.elbo4j.mixture.VariationalMixture;
import org.elbo4j.mixture.WeightPrior;
import org.elbo4j.tensor.kernel.Parallel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j mixture --data FILE.csv --k K --out DIR}: a Gaussian mixture fitted by EM
 * ({@link ExpectationMaximization}) or variational Bayes ({@link VariationalMixture}), written as
 * mixture.json, labels.csv and scatter.png ({@link MixtureReport}). Every option and the data are
 * checked before the fit and before anything is written, so a bad invocation leaves DIR as it was.
 */
@Command(name = "mixture", mixinStandardHelpOptions = true,
        description = {"Fit a Gaussian mixture to the rows of a CSV file by EM or variational Bayes.",
            "Writes mixture.json (weights, means, covariances, log-likelihood or ELBO, BIC and AIC, the verdict"
                + " and the objective per iteration), labels.csv (the most probable component of each row) and"
                + " scatter.png (the points with 2-sd ellipses; the first two principal components when there"
                + " are more than two columns). EM starts from k-means++ and keeps the best of --restarts runs;"
                + " vb (full covariance) prunes components that end with fewer than --prune-below points."},
        optionListHeading = "What to fit:%n",
        footer = {"  elbo4j mixture --data examples/iris.csv --k 3 --out iris-em",
            "  elbo4j mixture --data examples/iris.csv --k 8 --method vb --out iris-vb",
            "  elbo4j mixture --data pts.csv --k 5 --covariance diag --restarts 9 --out r1"})
public final class MixtureCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "The data: one row per point, numeric columns, an optional header line.")
    Path data;

    @Option(names = "--k", required = true, paramLabel = "K", description = "The number of components.")
    int k;

    @Option(names = "--method", defaultValue = "em", paramLabel = "NAME",
            description = "em (maximum likelihood) or vb (variational Bayes) (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--covariance", defaultValue = "full", paramLabel = "TYPE",
            description = "full, diag, spherical or tied; vb supports full (default: ${DEFAULT-VALUE}).")
    String covariance;

    @ArgGroup(validate = false, heading = "Fitting:%n")
    Fitting fitting = new Fitting();

    @ArgGroup(validate = false, heading = "Output:%n")
    Output output = new Output();

    /** How the fit runs. */
    static final class Fitting {
        @Option(names = "--restarts", defaultValue = "1", paramLabel = "N",
                description = "EM: k-means++ starts; the best log-likelihood wins (default: ${DEFAULT-VALUE}).")
        int restarts;

        @Option(names = "--reg-covar", defaultValue = "1e-6", paramLabel = "R",
                description = "EM: added to every variance, a floor that keeps covariances invertible"
                        + " (default: ${DEFAULT-VALUE}).")
        double regCovar;

        @Option(names = "--max-iter", defaultValue = "500", paramLabel = "N",
                description = "The iteration budget per run (default: ${DEFAULT-VALUE}).")
        int maxIter;

        @Option(names = "--tol", defaultValue = "1e-6", paramLabel = "REL",
                description = "Stop when the objective changes by at most REL times its size"
                        + " (default: ${DEFAULT-VALUE}).")
        double tol;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
                description = "The seed of the k-means++ draws (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--weight-prior", defaultValue = "dirichlet-process", paramLabel = "NAME",
                description = "vb: dirichlet-process (stick-breaking) or dirichlet-distribution"
                        + " (default: ${DEFAULT-VALUE}).")
        String weightPrior;

        @Option(names = "--weight-concentration", paramLabel = "A",
                description = "vb: the concentration of the weight prior (default: 1/K).")
        Double weightConcentration;

        @Option(names = "--prune-below", defaultValue = "1", paramLabel = "N",
                description = "vb: components with fewer effective points are reported as pruned"
                        + " (default: ${DEFAULT-VALUE}).")
        double pruneBelow;

        @Option(names = "--threads", paramLabel = "T",
                description = "Worker threads; results do not depend on it (default: all cores).")
        Integer threads;
    }

    /** Where the results go. */
    static final class Output {
        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Write mixture.json, labels.csv and scatter.png to this directory.")
        Path out;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (k < 1) {
            throw new UserError("--k must be >= 1, got " + k);
        }
        boolean vb = switch (method.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "em" -> false;
            case "vb" -> true;
            default -> throw new UserError("--method: unknown method '" + method + "'; known: em, vb");
        };
        CovarianceType type = CliArguments.checked("--covariance", () -> CovarianceType.named(covariance));
        if (vb && type != CovarianceType.FULL) {
            throw new UserError("--method vb supports --covariance full only, got " + type.label());
        }
        if (output.out != null && Files.exists(output.out) && !Files.isDirectory(output.out)) {
            throw new UserError("--out " + output.out + ": exists and is not a directory");
        }
        if (fitting.threads != null && fitting.threads < 1) {
            throw new UserError("--threads must be >= 1, got " + fitting.threads);
        }
        ExpectationMaximization em = CliArguments.checked("--k/--reg-covar/--tol/--max-iter/--restarts",
                () -> ExpectationMaximization.of(k, type).regCovar(fitting.regCovar).tolerance(fitting.tol)
                        .maxIterations(fitting.maxIter).restarts(fitting.restarts).seed(fitting.seed));
        VariationalMixture variational = vb ? variational() : null;
        CsvTable csv = CsvTable.read(data);
        List<String> columns = columnNames(csv);
        checkData(csv, columns);
        MixtureData points = MixtureData.of(csv.rows());
        if (fitting.threads != null) {
            Parallel.setThreads(fitting.threads);
        }
        long start = System.nanoTime();
        MixtureReport report = vb
                ? MixtureReport.of(CliArguments.checked("--data " + data, () -> variational.fit(points)), points)
                : MixtureReport.of(CliArguments.checked("--data " + data, () -> em.fit(points)), points);
        report.setSeconds((System.nanoTime() - start) / 1e9);
        report.write(output.out, columns, csv.rows());
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.summary() + "; wrote " + output.out.resolve("mixture.json") + ", labels.csv, scatter.png");
        out.flush();
        return 0;
    }

    private VariationalMixture variational() {
        WeightPrior prior = CliArguments.checked("--weight-prior", () -> WeightPrior.named(fitting.weightPrior));
        return CliArguments.checked("--k/--tol/--max-iter/--prune-below/--weight-concentration", () -> {
            VariationalMixture v = VariationalMixture.of(k, prior).tolerance(fitting.tol)
                    .maxIterations(fitting.maxIter).seed(fitting.seed).pruneBelow(fitting.pruneBelow);
            if (fitting.weightConcentration != null) {
                if (!(fitting.weightConcentration > 0) || fitting.weightConcentration.isInfinite()) {
                    throw new IllegalArgumentException("must be finite and > 0, got " + fitting.weightConcentration);
                }
                v = v.weightConcentration(fitting.weightConcentration);
            }
            return v;
        });
    }

    private static List<String> columnNames(CsvTable csv) {
        if (csv.hasHeader()) {
            return csv.columns();
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < csv.columnCount(); j++) {
            names.add("column " + (j + 1));
        }
        return names;
    }

    /** k at most the number of rows; no constant column (it makes every covariance singular). */
    private void checkData(CsvTable csv, List<String> columns) {
        if (k > csv.rowCount()) {
            throw new UserError("--k " + k + " exceeds the number of points in " + data + " (" + csv.rowCount() + ")");
        }
        List<String> constant = new ArrayList<>();
        double[][] rows = csv.rows();
        for (int j = 0; j < csv.columnCount(); j++) {
            double first = rows[0][j];
            boolean same = true;
            for (double[] row : rows) {
                if (row[j] != first) {
                    same = false;
                    break;
                }
            }
            if (same) {
                constant.add("\"" + columns.get(j) + "\" (always " + first + ")");
            }
        }
        if (!constant.isEmpty()) {
            throw new UserError(data + ": constant column" + (constant.size() > 1 ? "s " : " ")
                    + String.join(", ", constant) + ": a column with zero variance makes the covariances singular"
                    + " (only --reg-covar would keep them invertible) and says nothing about the clusters; drop it");
        }
    }
}
