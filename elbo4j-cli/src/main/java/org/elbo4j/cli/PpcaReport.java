package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.elbo4j.cli.chart.Plot;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.io.JsonObject;
import org.elbo4j.ppca.PpcaClosedForm;
import org.elbo4j.ppca.PpcaEmFit;

/**
 * What {@code elbo4j ppca} prints and writes: the closed-form solution (exact log-likelihood, σ²,
 * explained variance) and, for EM, the ELBO per iteration beneath the exact log-likelihood of the
 * same parameters, the closed form it should reach, and the self-checks of the bound.
 */
final class PpcaReport {

    static final String JSON = "ppca.json";
    static final String PNG = "trace.png";
    /** At most this many iterations are printed (the first ones, evenly spaced ones, the last). */
    private static final int PRINTED_ITERATIONS = 12;

    private final String source;
    private final int d;
    private final int q;
    private final PpcaClosedForm closed;
    private final PpcaEmFit em;
    private final PpcaClosedForm.Denominator denominator;
    private final double closedSeconds;
    private final double seconds;

    PpcaReport(String source, int d, int q, PpcaClosedForm closed, PpcaEmFit em,
            PpcaClosedForm.Denominator denominator, double closedSeconds, double seconds) {
        this.source = source;
        this.d = d;
        this.q = q;
        this.closed = closed;
        this.em = em;
        this.denominator = denominator;
        this.closedSeconds = closedSeconds;
        this.seconds = seconds;
    }

    private String denominatorLabel() {
        return denominator == PpcaClosedForm.Denominator.N ? "n" : "n-1";
    }

    void print(PrintWriter out) {
        int n = closed.count();
        out.printf(Locale.ROOT, "ppca of %s: n = %d points, d = %d, q = %d (%s; covariance with denominator %s)%n",
                source, n, d, q, em == null ? "closed form" : "EM, and the closed form", denominatorLabel());
        out.printf(Locale.ROOT, "exact log-likelihood (closed form): %.10g (%.10g per point)%n",
                closed.logLikelihood(), closed.logLikelihoodPerPoint());
        out.printf(Locale.ROOT, "noise variance sigma^2: %.6g%n", closed.noiseVariance());
        out.println("explained variance (component, variance, share, cumulative share):");
        double[] variances = closed.componentVariances();
        double[] ratios = closed.explainedVarianceRatio();
        double cumulative = 0;
        for (int j = 0; j < q; j++) {
            cumulative += ratios[j];
            out.printf(Locale.ROOT, "  %4d  %12.6g  %7.3f %%  %7.3f %%%n", j + 1, variances[j], 100 * ratios[j],
                    100 * cumulative);
        }
        if (em != null) {
            printEm(out, n);
        }
        out.printf(Locale.ROOT, "time: %.3f s (data and closed form %.3f s)%n", seconds, closedSeconds);
    }

    private void printEm(PrintWriter out, int n) {
        out.printf(Locale.ROOT, "EM: %s after %d iterations (%s)%n", em.verdict(), em.iterations(), em.reason());
        out.println("  iteration   ELBO per point      exact log-likelihood per point");
        double[] elbo = em.elbo().toArray();
        double[] exact = em.logLikelihood().toArray();
        for (int t = 0; t < elbo.length; t++) {
            boolean head = t < 3;
            boolean spaced = (long) t * PRINTED_ITERATIONS / elbo.length
                    != (long) (t + 1) * PRINTED_ITERATIONS / elbo.length;
            if (head || spaced) {
                out.printf(Locale.ROOT, "  %9d   %-18.12g  %.12g%n", t + 1, elbo[t] / n,
                        t < exact.length ? exact[t] / n : Double.NaN);
            }
        }
        double maximum = closed.logLikelihoodPerPoint();
        double last = em.finalLogLikelihood() / n;
        out.printf(Locale.ROOT, "  closed form %.12g per point; EM ends %.3g below it (relative %.3g)%n", maximum,
                maximum - last, (maximum - last) / Math.abs(maximum));
        out.printf(Locale.ROOT, "  self-checks (relative): ELBO above the exact log-likelihood by at most %.2e,"
                + " M-step short of the previous log-likelihood by at most %.2e, E-step gap %.2e%n",
                em.largestBoundExcess(), em.largestAscentShortfall(), em.largestEStepGap());
    }

    /** Writes ppca.json and, for EM, trace.png into {@code dir} (created if needed), each atomically. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve(JSON), json().toString());
        if (em != null) {
            AtomicFiles.write(dir.resolve(PNG), plot());
        }
    }

    JsonObject json() {
        int n = closed.count();
        JsonObject json = new JsonObject().put("data", source).put("n", n).put("d", d).put("q", q)
                .put("method", em == null ? "closed" : "em").put("denominator", denominatorLabel())
                .put("log_likelihood", closed.logLikelihood())
                .put("log_likelihood_per_point", closed.logLikelihoodPerPoint())
                .put("noise_variance", closed.noiseVariance())
                .put("total_variance", closed.totalVariance())
                .put("component_variances", closed.componentVariances())
                .put("explained_variance_ratio", closed.explainedVarianceRatio());
        if (em != null) {
            double[] elbo = em.elbo().toArray();
            double[] exact = em.logLikelihood().toArray();
            for (int t = 0; t < elbo.length; t++) {
                elbo[t] /= n;
            }
            for (int t = 0; t < exact.length; t++) {
                exact[t] /= n;
            }
            json.put("em", new JsonObject().put("verdict", em.verdict().name()).put("reason", em.reason())
                    .put("iterations", em.iterations())
                    .put("final_log_likelihood_per_point", em.finalLogLikelihood() / n)
                    .put("final_noise_variance", em.model().noiseVariance())
                    .put("elbo_per_point", elbo).put("log_likelihood_per_point", exact)
                    .put("largest_bound_excess", em.largestBoundExcess())
                    .put("largest_ascent_shortfall", em.largestAscentShortfall())
                    .put("largest_e_step_gap", em.largestEStepGap()));
        }
        return json.put("seconds", seconds);
    }

    private byte[] plot() {
        int n = closed.count();
        double[] elbo = em.elbo().toArray();
        double[] exact = em.logLikelihood().toArray();
        double[] x = new double[elbo.length];
        double[] y = new double[elbo.length];
        int finite = 0;
        for (int t = 0; t < elbo.length; t++) {
            if (Double.isFinite(elbo[t])) {
                x[finite] = t + 1;
                y[finite++] = elbo[t] / n;
            }
        }
        double[] xs = java.util.Arrays.copyOf(x, finite);
        double[] exactX = new double[exact.length];
        double[] exactY = new double[exact.length];
        for (int t = 0; t < exact.length; t++) {
            exactX[t] = t + 1;
            exactY[t] = exact[t] / n;
        }
        double maximum = closed.logLikelihoodPerPoint();
        Plot plot = Plot.of("PPCA by EM, q = " + q + ": ELBO beneath the exact log-likelihood", "iteration",
                "per point")
                .line("ELBO", xs, java.util.Arrays.copyOf(y, finite))
                .line("exact log-likelihood", exactX, exactY)
                .line("closed form (maximum)", new double[] {1, Math.max(2, elbo.length)}, new double[] {maximum, maximum});
        int from = Math.min(finite - 1, finite / 10);
        if (finite > 0) {
            double lo = y[Math.max(0, from)];
            double span = Math.max(maximum - lo, 1e-12 * Math.max(1, Math.abs(maximum)));
            plot.yLimits(lo - 0.05 * span, maximum + 0.05 * span);
        }
        return plot.png(900, 540);
    }
}
