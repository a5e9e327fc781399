package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.elbo4j.linalg.Covariance;
import org.elbo4j.linalg.Pca;
import org.elbo4j.ppca.PpcaClosedForm;
import org.elbo4j.ppca.PpcaEm;
import org.elbo4j.ppca.PpcaEmFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j ppca --data FILE --q Q [--method closed|em]}: probabilistic PCA (Tipping &amp;
 * Bishop 1999) of a CSV or IDX file; prints and writes (with {@code --out}) the exact
 * log-likelihood, σ² and the explained variance ({@link PpcaReport}).
 */
@Command(name = "ppca", mixinStandardHelpOptions = true,
        description = {"Fit probabilistic PCA and print its exact log-likelihood, noise variance and explained variance.",
            "The model is x = W z + mu + noise with z ~ N(0, I_q) and noise ~ N(0, sigma^2 I) (Tipping and Bishop"
                + " 1999). closed is the maximum-likelihood solution from the eigenvalues of the sample covariance:",
            "  sigma^2 = mean of the d - q discarded eigenvalues",
            "  L = -n/2 [d log 2pi + sum_{j<=q} log lambda_j + (d - q) log sigma^2 + d]",
            "em fits the same model by EM, which is coordinate ascent on the ELBO with q(z) the exact posterior;"
                + " its ELBO is printed per iteration beneath the exact log-likelihood, which it may never exceed,"
                + " and the closed form is shown for comparison. The data are a numeric CSV file (one point per"
                + " row, optional header) or an IDX images file, plain or gzip, with pixels scaled to [0, 1]."},
        footer = {"  elbo4j ppca --data points.csv --q 2",
            "  elbo4j ppca --data train-images-idx3-ubyte.gz --q 20 --out run1",
            "  elbo4j ppca --data points.csv --q 2 --method em --max-iter 500 --out run2"})
public final class PpcaCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "The data: a CSV file (one point per row) or an IDX images file (plain or .gz).")
    Path data;

    @Option(names = "--q", required = true, paramLabel = "Q",
            description = "The number of latent dimensions, 1 <= Q < d.")
    int q;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "closed",
            description = "closed (the maximum-likelihood solution) or em (EM with the ELBO trace)"
                    + " (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--denominator", paramLabel = "NAME", defaultValue = "n",
            description = "The covariance the closed form is estimated from: n (maximum likelihood) or n-1"
                    + " (as scikit-learn's PCA, whose score(X) times n it then equals) (default: ${DEFAULT-VALUE}).")
    String denominator;

    @Option(names = "--max-iter", paramLabel = "N", defaultValue = "1000",
            description = "At most this many EM iterations (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-10",
            description = "EM stops when the ELBO changes by at most T relative (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "The seed of EM's random start (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write ppca.json (and with em trace.png) to this directory.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean em = switch (method) {
            case "closed" -> false;
            case "em" -> true;
            default -> throw new UserError("--method: unknown method '" + method + "'; known: closed, em");
        };
        PpcaClosedForm.Denominator scale = switch (denominator) {
            case "n" -> PpcaClosedForm.Denominator.N;
            case "n-1" -> PpcaClosedForm.Denominator.N_MINUS_ONE;
            default -> throw new UserError("--denominator: unknown value '" + denominator + "'; known: n, n-1");
        };
        if (em && scale != PpcaClosedForm.Denominator.N) {
            throw new UserError("--denominator n-1 applies to --method closed only (EM maximises the likelihood)");
        }
        if (q < 1) {
            throw new UserError("--q must be >= 1, got " + q);
        }
        if (maxIterations < 1) {
            throw new UserError("--max-iter must be >= 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new UserError("--tol must be finite and >= 0, got " + tolerance);
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError("--out " + out + ": exists and is not a directory");
        }
        long start = System.nanoTime();
        Covariance moments = PpcaData.moments(data);
        if (q >= moments.dimension()) {
            throw new UserError("--q must be < d = " + moments.dimension() + " (the number of columns of "
                    + data + "), got " + q);
        }
        PpcaClosedForm closed = CliArguments.checked("--data " + data, () -> PpcaClosedForm.of(Pca.of(moments), q, scale));
        double closedSeconds = (System.nanoTime() - start) * 1e-9;
        PpcaEmFit fit = em
                ? PpcaEm.fit(moments, q, maxIterations, tolerance, new SplittableRandom(seed))
                : null;
        double seconds = (System.nanoTime() - start) * 1e-9;
        PpcaReport report = new PpcaReport(data.toString(), moments.dimension(), q, closed, fit, scale, closedSeconds,
                seconds);
        PrintWriter printer = spec.commandLine().getOut();
        report.print(printer);
        if (out != null) {
            report.write(out);
            printer.println("wrote " + out.resolve(PpcaReport.JSON) + (fit == null ? "" : " and " + out.resolve(PpcaReport.PNG)));
        }
        printer.flush();
        return 0;
    }
}
