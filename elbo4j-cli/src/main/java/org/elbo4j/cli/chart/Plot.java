package org.elbo4j.cli.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A small 2-D chart drawn headless with {@code java.awt} and returned as PNG bytes: lines, points,
 * covariance ellipses, bars and hanging bars (rootograms), on linear axes with "nice" ticks, a
 * legend and one distinct colour per series (the matplotlib "tab10" cycle).
 *
 * <pre>{@code
 * Plot p = Plot.of("ELBO by step", "step", "ELBO");
 * p.line("train", steps, elbo);
 * byte[] png = p.png(640, 400);
 * }</pre>
 *
 * <p>The ellipse of a 2-D normal N(c, Σ) at r standard deviations is {c + r·L·(cos t, sin t)}
 * with Σ = L·Lᵀ (Cholesky). Non-finite coordinates are skipped (a line breaks there); the axes
 * cover the finite data unless fixed with {@link #xLimits} / {@link #yLimits}, and what lies
 * outside them is clipped.
 */
public final class Plot {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int ELLIPSE_POINTS = 120;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private double[] xLimits;
    private double[] yLimits;

    private Plot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** An empty plot with this title and axis labels (none may be null; empty strings are allowed). */
    public static Plot of(String title, String xLabel, String yLabel) {
        requireText("title", title);
        requireText("xLabel", xLabel);
        requireText("yLabel", yLabel);
        return new Plot(title, xLabel, yLabel);
    }

    /** Adds a polyline through (x[i], y[i]), broken at non-finite points. */
    public Plot line(String name, double[] x, double[] y) {
        sameLength("line", name, x, y);
        series.add(new Series(Series.Kind.LINE, name, x.clone(), y.clone(), null, null));
        return this;
    }

    /** Adds dots at (x[i], y[i]). */
    public Plot points(String name, double[] x, double[] y) {
        sameLength("points", name, x, y);
        series.add(new Series(Series.Kind.POINTS, name, x.clone(), y.clone(), null, null));
        return this;
    }

    /**
     * Adds the closed curve {c + r·L·(cos t, sin t)}: the contour of N((cx, cy), cov) at
     * {@code radiusInSd} standard deviations (cov symmetric positive definite, Σ = L·Lᵀ).
     */
    public Plot ellipse(String name, double cx, double cy, double[][] cov2x2, double radiusInSd) {
        requireText("name", name);
        if (cov2x2 == null || cov2x2.length != 2 || cov2x2[0] == null || cov2x2[1] == null
                || cov2x2[0].length != 2 || cov2x2[1].length != 2) {
            throw new IllegalArgumentException("Plot.ellipse: cov2x2 must be a 2x2 matrix");
        }
        double a = cov2x2[0][0];
        double b = cov2x2[0][1];
        double d = cov2x2[1][1];
        if (!(a > 0) || !(d > 0) || !(a * d - b * b > 0) || !Double.isFinite(a * d)
                || Math.abs(b - cov2x2[1][0]) > 1e-12 * Math.max(Math.abs(b), 1)) {
            throw new IllegalArgumentException("Plot.ellipse: cov2x2 must be symmetric positive definite, got [["
                    + a + ", " + b + "], [" + cov2x2[1][0] + ", " + d + "]]");
        }
        if (!(radiusInSd > 0) || !Double.isFinite(radiusInSd)) {
            throw new IllegalArgumentException("Plot.ellipse: radiusInSd must be finite and > 0, got " + radiusInSd);
        }
        double l11 = Math.sqrt(a);
        double l21 = b / l11;
        double l22 = Math.sqrt(d - l21 * l21);
        double[] x = new double[ELLIPSE_POINTS + 1];
        double[] y = new double[ELLIPSE_POINTS + 1];
        for (int i = 0; i <= ELLIPSE_POINTS; i++) {
            double t = 2 * Math.PI * i / ELLIPSE_POINTS;
            double u = radiusInSd * Math.cos(t);
            double v = radiusInSd * Math.sin(t);
            x[i] = cx + l11 * u;
            y[i] = cy + l21 * u + l22 * v;
        }
        series.add(new Series(Series.Kind.LINE, name, x, y, null, null));
        return this;
    }

    /** Adds bars over [left[i], right[i]] from 0 up (or down) to height[i]. */
    public Plot bars(String name, double[] left, double[] right, double[] height) {
        sameLength("bars", name, left, right, height);
        double[] zero = new double[left.length];
        series.add(new Series(Series.Kind.BARS, name, left.clone(), right.clone(), height.clone(), zero));
        return this;
    }

    /**
     * Adds bars over [left[i], right[i]] spanning bottom[i] to top[i] — a hanging rootogram hangs
     * bar i from top = √expected down to bottom = √expected − √observed.
     */
    public Plot hangingBars(String name, double[] left, double[] right, double[] top, double[] bottom) {
        sameLength("hangingBars", name, left, right, top, bottom);
        series.add(new Series(Series.Kind.HANGING, name, left.clone(), right.clone(), top.clone(), bottom.clone()));
        return this;
    }

    /** Fixes the x axis to [lo, hi] (finite, lo &lt; hi) instead of the range of the data. */
    public Plot xLimits(double lo, double hi) {
        xLimits = limits("xLimits", lo, hi);
        return this;
    }

    /** Fixes the y axis to [lo, hi] (finite, lo &lt; hi) instead of the range of the data. */
    public Plot yLimits(double lo, double hi) {
        yLimits = limits("yLimits", lo, hi);
        return this;
    }

    /** The chart as PNG bytes of {@code width} × {@code height} pixels (each in [160, 10000]). */
    public byte[] png(int width, int height) {
        if (width < 160 || width > 10000 || height < 120 || height > 10000) {
            throw new IllegalArgumentException("Plot.png: width must be in [160, 10000] and height in [120, 10000], got "
                    + width + " x " + height);
        }
        return new PlotCanvas(title, xLabel, yLabel, series, xLimits, yLimits).render(width, height);
    }

    private static double[] limits(String what, double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("Plot." + what + ": lo and hi must be finite with lo < hi, got "
                    + lo + " and " + hi);
        }
        return new double[] {lo, hi};
    }

    private static void sameLength(String method, String name, double[]... arrays) {
        requireText("name", name);
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] == null) {
                throw new IllegalArgumentException("Plot." + method + ": array argument " + (i + 1) + " is null");
            }
            if (arrays[i].length != arrays[0].length) {
                throw new IllegalArgumentException("Plot." + method + ": the arrays of series '" + name
                        + "' must have the same length, got " + arrays[0].length + " and " + arrays[i].length);
            }
        }
    }

    private static void requireText(String what, String s) {
        if (s == null) {
            throw new IllegalArgumentException("Plot: " + what + " must not be null");
        }
    }
}
