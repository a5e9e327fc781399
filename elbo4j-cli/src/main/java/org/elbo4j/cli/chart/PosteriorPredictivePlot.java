package org.elbo4j.cli.chart;

import org.elbo4j.infer.SampleQuantile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.elbo4j.io.AtomicFiles;

/**
 * The posterior predictive check picture ({@code ppc.png}; Gelman, Meng &amp; Stern 1996; Gabry et
 * al. 2019, "Visualization in Bayesian workflow"): the observed y against S replicated data sets
 * y_rep drawn from the fitted model.
 *
 * <ul>
 *   <li>Counts (y and y_rep non-negative integers): a hanging rootogram (Kleiber &amp; Zeileis 2016)
 *       — bin b hangs from √E_b down to √E_b − √O_b, where O_b counts the observed y in b and
 *       E_b = (1/S) Σ_s #{i : y_rep,si ∈ b} the expected count; bars ending above 0 mean
 *       too few observed, below 0 too many. Bins are single counts up to 60 values, wider above.</li>
 *   <li>Otherwise: the histogram density of y (bars) on k = clamp(⌈2 N^(1/3)⌉, 5, 40) equal bins
 *       (Rice rule) with, per bin, the 5 %–95 % range of the replicated densities (narrow bars)
 *       and their median (line).</li>
 * </ul>
 * Non-finite replicated values are left out.
 */
public final class PosteriorPredictivePlot {

    private static final int MAX_COUNT_BINS = 60;

    private PosteriorPredictivePlot() {
    }

    /** Writes the picture of {@link #png} to {@code file} atomically. */
    public static void write(Path file, double[] y, double[][] yrep) throws IOException {
        AtomicFiles.write(file, png(y, yrep));
    }

    /** The rootogram when y and y_rep are all counts, the density band otherwise; 720 × 450 PNG. */
    public static byte[] png(double[] y, double[][] yrep) {
        check(y, yrep);
        return isCount(y, yrep) ? rootogram(y, yrep) : densityBand(y, yrep);
    }

    /** Whether every y and every finite y_rep is a non-negative integer. */
    static boolean isCount(double[] y, double[][] yrep) {
        for (double v : y) {
            if (!(v >= 0) || v != Math.rint(v)) {
                return false;
            }
        }
        for (double[] row : yrep) {
            for (double v : row) {
                if (Double.isFinite(v) && (v < 0 || v != Math.rint(v))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] rootogram(double[] y, double[][] yrep) {
        double[][] t = rootogramTable(y, yrep);
        int b = t[0].length;
        double[] top = new double[b];
        double[] bottom = new double[b];
        double[] mid = new double[b];
        for (int i = 0; i < b; i++) {
            top[i] = Math.sqrt(t[2][i]);
            bottom[i] = top[i] - Math.sqrt(t[3][i]);
            mid[i] = (t[0][i] + t[1][i]) / 2;
        }
        Plot p = Plot.of("Posterior predictive check: hanging rootogram (N = " + y.length + ", "
                + yrep.length + " replicates)", "y", "sqrt(frequency)");
        p.hangingBars("observed (hanging)", t[0], t[1], top, bottom);
        p.line("expected (replicates)", mid, top);
        p.line("", new double[] {t[0][0], t[1][b - 1]}, new double[] {0, 0});
        return p.png(720, 450);
    }

    /**
     * {left, right, expected, observed} per bin: integer bins [a − ½, a + w − ½) of width w from 0 to
     * the largest observed count or 99.5 % replicated quantile, w = 1 up to 60 values.
     */
    static double[][] rootogramTable(double[] y, double[][] yrep) {
        double max = Arrays.stream(y).max().orElse(0);
        double q = SampleQuantile.of(finiteValues(yrep), 0.995);
        max = q > max ? q : max;
        // in double: a blown-up fit replicates counts near 1e300, whose width overflows an int
        double width = Math.ceil((max + 1) / MAX_COUNT_BINS);
        int bins = (int) Math.floor(max / width) + 1;
        double[] left = new double[bins];
        double[] right = new double[bins];
        double[] expected = new double[bins];
        double[] observed = new double[bins];
        for (int b = 0; b < bins; b++) {
            left[b] = b * width - 0.5;
            right[b] = (b + 1) * width - 0.5;
        }
        for (double v : y) {
            int b = (int) (v / width);
            if (b < bins) {
                observed[b]++;
            }
        }
        for (double[] row : yrep) {
            for (double v : row) {
                int b = Double.isFinite(v) ? (int) (v / width) : bins;
                if (b < bins) {
                    expected[b] += 1.0 / yrep.length;
                }
            }
        }
        return new double[][] {left, right, expected, observed};
    }

    private static byte[] densityBand(double[] y, double[][] yrep) {
        double[][] t = densityTable(y, yrep);
        int k = t[0].length;
        double[] l = new double[k];
        double[] r = new double[k];
        double[] mid = new double[k];
        for (int b = 0; b < k; b++) {
            double w = t[1][b] - t[0][b];
            l[b] = t[0][b] + 0.35 * w;
            r[b] = t[1][b] - 0.35 * w;
            mid[b] = (t[0][b] + t[1][b]) / 2;
        }
        Plot p = Plot.of("Posterior predictive check: density of y (N = " + y.length + ") against "
                + yrep.length + " replicates", "y", "density");
        p.bars("observed", t[0], t[1], t[2]);
        p.hangingBars("replicated 5%-95%", l, r, t[5], t[3]);
        p.line("replicated median", mid, t[4]);
        return p.png(720, 450);
    }

    /**
     * {left, right, observed density, replicated 5 %, 50 %, 95 % quantile of the density} per bin,
     * on equal bins over [min, max] of y and the 0.5 %–99.5 % quantiles of y_rep.
     */
    static double[][] densityTable(double[] y, double[][] yrep) {
        double[] all = finiteValues(yrep);
        double lo = Arrays.stream(y).min().orElse(0);
        double hi = Arrays.stream(y).max().orElse(0);
        if (all.length > 0) {
            lo = Math.min(lo, SampleQuantile.of(all, 0.005));
            hi = Math.max(hi, SampleQuantile.of(all, 0.995));
        }
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        int k = Math.max(5, Math.min(40, (int) Math.ceil(2 * Math.cbrt(y.length))));
        double w = (hi - lo) / k;
        double[][] t = new double[6][k];
        for (int b = 0; b < k; b++) {
            t[0][b] = lo + b * w;
            t[1][b] = lo + (b + 1) * w;
        }
        t[2] = histogramDensity(y, lo, w, k);
        double[][] rep = new double[k][yrep.length];
        for (int s = 0; s < yrep.length; s++) {
            double[] d = histogramDensity(yrep[s], lo, w, k);
            for (int b = 0; b < k; b++) {
                rep[b][s] = d[b];
            }
        }
        for (int b = 0; b < k; b++) {
            Arrays.sort(rep[b]);
            t[3][b] = SampleQuantile.of(rep[b], 0.05);
            t[4][b] = SampleQuantile.of(rep[b], 0.5);
            t[5][b] = SampleQuantile.of(rep[b], 0.95);
        }
        return t;
    }

    /** count of v in bin b / (number of finite v · w); values outside [lo, lo + k w] are left out. */
    private static double[] histogramDensity(double[] v, double lo, double w, int k) {
        double[] d = new double[k];
        int n = 0;
        for (double x : v) {
            if (!Double.isFinite(x)) {
                continue;
            }
            n++;
            int b = (int) Math.floor((x - lo) / w);
            if (b == k && x <= lo + k * w * (1 + 1e-12)) {
                b = k - 1;
            }
            if (b >= 0 && b < k) {
                d[b]++;
            }
        }
        for (int b = 0; b < k; b++) {
            d[b] = n == 0 ? 0 : d[b] / (n * w);
        }
        return d;
    }

    private static double[] finiteValues(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).filter(Double::isFinite).sorted().toArray();
    }


    private static void check(double[] y, double[][] yrep) {
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException("PosteriorPredictivePlot: y must have at least one value");
        }
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("PosteriorPredictivePlot: y must be finite, got " + v);
            }
        }
        if (yrep == null || yrep.length == 0) {
            throw new IllegalArgumentException("PosteriorPredictivePlot: yrep must have at least one replicate");
        }
        for (int s = 0; s < yrep.length; s++) {
            if (yrep[s] == null || yrep[s].length != y.length) {
                throw new IllegalArgumentException("PosteriorPredictivePlot: each replicate must have " + y.length
                        + " values like y, replicate " + s + " has " + (yrep[s] == null ? "null" : yrep[s].length));
            }
        }
    }
}
