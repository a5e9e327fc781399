package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.cli.chart.Plot;
import org.elbo4j.infer.SignificantDigits;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.io.Json;
import org.elbo4j.linalg.Pca;
import org.elbo4j.mixture.GaussianMixture;
import org.elbo4j.mixture.MixtureData;
import org.elbo4j.mixture.MixtureFit;
import org.elbo4j.mixture.VariationalFit;

/**
 * The files of {@code elbo4j mixture}: mixture.json (the parameters, the objective, BIC/AIC for EM,
 * the pruned components for VB, the verdict and the trace), labels.csv and scatter.png (at most
 * {@value #MAX_PLOTTED} points, every m-th row, with each component's 2-sd ellipse; the first two
 * principal components when d &gt; 2). Each file is written atomically.
 */
final class MixtureReport {

    static final int MAX_PLOTTED = 5000;

    private final GaussianMixture mixture;
    private final int[] labels;
    private final Map<String, Object> json;
    private final String summary;

    private MixtureReport(GaussianMixture mixture, int[] labels, Map<String, Object> json, String summary) {
        this.mixture = mixture;
        this.labels = labels;
        this.json = json;
        this.summary = summary;
    }

    static MixtureReport of(MixtureFit fit, MixtureData data) {
        GaussianMixture g = fit.mixture();
        Map<String, Object> j = head("em", g, data);
        j.put("log_likelihood", fit.logLikelihood());
        j.put("mean_log_likelihood", fit.logLikelihood() / data.size());
        j.put("parameters", g.parameterCount());
        j.put("bic", fit.bic());
        j.put("aic", fit.aic());
        parameters(j, g);
        j.put("verdict", fit.verdict().name());
        j.put("reason", fit.reason());
        j.put("iterations", fit.iterations());
        j.put("trace", fit.trace().toArray());
        j.put("restart", fit.restart());
        j.put("restart_log_likelihoods", fit.restartObjectives());
        Map<String, Object> start = new LinkedHashMap<>();
        parameters(start, fit.start());
        j.put("start", start);
        j.put("pruned", List.of());
        String s = "em " + g.type().label() + ", K = " + g.components() + ": log-likelihood "
                + SignificantDigits.of(fit.logLikelihood(), 8) + " (" + SignificantDigits.of(fit.logLikelihood()
                / data.size(), 6) + " per point), BIC " + SignificantDigits.of(fit.bic(), 8) + "; "
                + fit.verdict() + " after " + fit.iterations() + " iterations";
        return new MixtureReport(g, fit.labels(), j, s);
    }

    static MixtureReport of(VariationalFit fit, MixtureData data) {
        GaussianMixture g = fit.mixture();
        Map<String, Object> j = head("vb", g, data);
        j.put("elbo", fit.elbo());
        double ll = g.logLikelihood(data);
        j.put("log_likelihood_of_point_estimate", ll);
        j.put("mean_log_likelihood_of_point_estimate", ll / data.size());
        parameters(j, g);
        j.put("verdict", fit.verdict().name());
        j.put("reason", fit.reason());
        j.put("iterations", fit.iterations());
        j.put("trace", fit.trace().toArray());
        j.put("kept", fit.kept());
        j.put("effective_counts", fit.effectiveCounts());
        List<Object> pruned = new ArrayList<>();
        for (VariationalFit.Pruned p : fit.pruned()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("component", p.component());
            m.put("effective_count", p.effectiveCount());
            pruned.add(m);
        }
        j.put("pruned", pruned);
        String s = "vb full, K = " + fit.effectiveCounts().length + ": ELBO " + SignificantDigits.of(fit.elbo(), 8)
                + ", " + g.components() + " components kept, " + fit.pruned().size() + " pruned; " + fit.verdict()
                + " after " + fit.iterations() + " iterations";
        return new MixtureReport(g, fit.labels(), j, s);
    }

    private static Map<String, Object> head(String method, GaussianMixture g, MixtureData data) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("method", method);
        j.put("covariance_type", g.type().label());
        j.put("n", data.size());
        j.put("d", data.dimension());
        j.put("k", g.components());
        return j;
    }

    private static void parameters(Map<String, Object> j, GaussianMixture g) {
        List<Object> means = new ArrayList<>();
        List<Object> covs = new ArrayList<>();
        for (int c = 0; c < g.components(); c++) {
            means.add(g.mean(c));
            covs.add(List.of(g.covariance(c)));
        }
        j.put("weights", g.weights());
        j.put("means", means);
        j.put("covariances", covs);
    }

    void setSeconds(double seconds) {
        json.put("seconds", seconds);
    }

    String summary() {
        return summary;
    }

    void write(Path dir, List<String> columns, double[][] rows) throws IOException {
        json.put("columns", columns);
        byte[] png = scatter(columns, rows);
        StringBuilder csv = new StringBuilder("label\n");
        for (int label : labels) {
            csv.append(label).append('\n');
        }
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("mixture.json"), Json.writeIndented(json) + "\n");
        AtomicFiles.writeString(dir.resolve("labels.csv"), csv.toString());
        AtomicFiles.write(dir.resolve("scatter.png"), png);
    }

    private byte[] scatter(List<String> columns, double[][] rows) {
        int d = mixture.dimension();
        int k = mixture.components();
        double[][] xy;
        double[][] centres = new double[k][];
        double[][][] cov2 = new double[k][][];
        String xLabel;
        String yLabel;
        if (d == 2) {
            xy = rows;
            for (int c = 0; c < k; c++) {
                centres[c] = mixture.mean(c);
                cov2[c] = mixture.covariance(c);
            }
            xLabel = columns.get(0);
            yLabel = columns.get(1);
        } else if (d == 1) {
            return Plot.of("one column: no scatter plot", "", "").png(400, 120);
        } else {
            Pca pca = Pca.of(rows);
            xy = pca.project(rows, 2);
            double[][] u = {pca.component(0), pca.component(1)};
            for (int c = 0; c < k; c++) {
                centres[c] = pca.project(new double[][] {mixture.mean(c)}, 2)[0];
                double[][] s = mixture.covariance(c);
                cov2[c] = new double[2][2];
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        double t = 0;
                        for (int i = 0; i < d; i++) {
                            for (int jj = 0; jj < d; jj++) {
                                t += u[a][i] * s[i][jj] * u[b][jj];
                            }
                        }
                        cov2[c][a][b] = t;
                    }
                }
            }
            xLabel = "principal component 1";
            yLabel = "principal component 2";
        }
        int stride = Math.max(1, (rows.length + MAX_PLOTTED - 1) / MAX_PLOTTED);
        String title = "Gaussian mixture, K = " + k + ", 2-sd ellipses"
                + (stride > 1 ? " (every " + stride + "th point)" : "");
        Plot plot = Plot.of(title, xLabel, yLabel);
        // series take the palette's colours in order (10 of them): the ellipses first, then empty
        // series up to a multiple of 10, so that the points of component c share its ellipse's colour
        for (int c = 0; c < k; c++) {
            plot.ellipse("", centres[c][0], centres[c][1], cov2[c], 2.0);
        }
        for (int pad = k; pad % 10 != 0; pad++) {
            plot.points("", new double[0], new double[0]);
        }
        for (int c = 0; c < k; c++) {
            List<double[]> mine = new ArrayList<>();
            for (int i = 0; i < rows.length; i += stride) {
                if (labels[i] == c) {
                    mine.add(xy[i]);
                }
            }
            double[] px = new double[mine.size()];
            double[] py = new double[mine.size()];
            for (int i = 0; i < px.length; i++) {
                px[i] = mine.get(i)[0];
                py[i] = mine.get(i)[1];
            }
            plot.points("component " + c, px, py);
        }
        return plot.png(800, 600);
    }
}
