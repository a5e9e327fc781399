package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.elbo4j.dist.mle.GaussianMle;
import org.elbo4j.dist.mle.GradientMle;
import org.elbo4j.io.CsvTable;
import org.elbo4j.io.JsonObject;
import org.elbo4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j mle --data FILE.csv [--family gaussian|NAME]}: the maximum-likelihood fit of a
 * family to the rows of a numeric CSV file, printed as JSON with the fitted parameters and
 * {@code "log_likelihood"}. {@code gaussian} (the default) is the closed-form multivariate fit of
 * all columns ({@code "mean"}, {@code "covariance"} with the 1/N normalisation); the other families
 * are scalar, fit to a single column by gradient ascent, and also report {@code "iterations"} and
 * {@code "converged"}.
 */
@Command(name = "mle", mixinStandardHelpOptions = true,
        description = {"Fit a distribution to data by maximum likelihood and print the parameters as JSON.",
            "The CSV file has numeric columns and an optional header line. gaussian fits a multivariate normal to"
                + " all columns in closed form (the covariance with 1/N); the scalar families fit a single column by"
                + " gradient ascent and also report the iterations and whether they converged."},
        footer = {"  elbo4j mle --data points.csv", "  elbo4j mle --data waiting-times.csv --family gamma"})
public final class MleCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "The data, one row per point.")
    Path data;

    @Option(names = "--family", paramLabel = "NAME", defaultValue = "gaussian",
            description = "gaussian, or a scalar family: normal, lognormal, laplace, studentt, exponential, gamma,"
                    + " beta, poisson or bernoulli (default: ${DEFAULT-VALUE}).")
    String family;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        MleFamily scalar = family.equalsIgnoreCase("gaussian") ? null : MleFamily.named(family);
        if (scalar == null && !family.equalsIgnoreCase("gaussian")) {
            throw new UserError("--family: unknown family '" + family + "'; known: gaussian, "
                    + String.join(", ", Arrays.stream(MleFamily.values()).map(f -> f.label).toList()));
        }
        CsvTable csv = CsvTable.read(data);
        JsonObject json = scalar == null ? gaussian(csv) : scalar(scalar, csv);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json);
        out.flush();
        return 0;
    }

    private JsonObject gaussian(CsvTable csv) {
        GaussianMle.Fit fit = CliArguments.checked("--data " + data, () -> GaussianMle.fit(csv.rows()));
        return new JsonObject().put("family", "gaussian").put("n", csv.rowCount()).put("mean", fit.mean())
                .put("covariance", fit.covariance()).put("log_likelihood", fit.logLikelihood());
    }

    private JsonObject scalar(MleFamily f, CsvTable csv) {
        if (csv.columnCount() != 1) {
            throw new UserError("--family " + f.label + " fits one column, " + data + " has " + csv.columnCount());
        }
        double[] x = csv.column(0);
        for (int i = 0; i < x.length; i++) {
            if (!f.inSupport.test(x[i])) {
                throw new UserError(data + ": data row " + (i + 1) + ": " + x[i] + " is outside the support of "
                        + f.label + " (" + f.accepts + ")");
            }
        }
        GradientMle.Fit<?> fit = CliArguments.checked("--data " + data, () -> GradientMle.fit(f::fromUnconstrained,
                f.initial(x), Tensor.vector(x), GradientMle.Settings.defaults()));
        JsonObject json = new JsonObject().put("family", f.label).put("n", x.length);
        List<Tensor> params = f.constrained(fit.unconstrained());
        for (int i = 0; i < params.size(); i++) {
            json.put(f.parameters.get(i).name(), params.get(i).item());
        }
        return json.put("log_likelihood", fit.logLikelihood()).put("iterations", fit.iterations())
                .put("converged", fit.converged());
    }
}
