package org.elbo4j.cli.chart;

/**
 * One series of a {@link Plot}: its kind, legend name and coordinate arrays (already validated to
 * equal lengths). For {@link Kind#LINE} and {@link Kind#POINTS} {@code a, b} are x and y; for
 * {@link Kind#BARS} and {@link Kind#HANGING} {@code a, b} are the left and right edges and
 * {@code c, d} the top and bottom of each bar (the bottom of a plain bar is 0).
 */
record Series(Kind kind, String name, double[] a, double[] b, double[] c, double[] d) {

    /** What is drawn. */
    enum Kind {
        /** A polyline, broken at non-finite points. */
        LINE,
        /** Dots. */
        POINTS,
        /** Filled bars standing on 0. */
        BARS,
        /** Filled bars from a bottom to a top value (a hanging rootogram). */
        HANGING
    }

    /** The number of points or bars. */
    int size() {
        return a.length;
    }

    /** Whether point or bar {@code i} has finite coordinates and is drawn. */
    boolean finite(int i) {
        return Double.isFinite(a[i]) && Double.isFinite(b[i])
                && (c == null || Double.isFinite(c[i])) && (d == null || Double.isFinite(d[i]));
    }

    /** Extends {@code box} = {xlo, xhi, ylo, yhi} by the finite points or bars of this series. */
    void extend(double[] box) {
        for (int i = 0; i < size(); i++) {
            if (!finite(i)) {
                continue;
            }
            if (kind == Kind.LINE || kind == Kind.POINTS) {
                include(box, a[i], b[i]);
            } else {
                include(box, a[i], c[i]);
                include(box, b[i], d[i]);
            }
        }
    }

    private static void include(double[] box, double x, double y) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.max(box[1], x);
        box[2] = Math.min(box[2], y);
        box[3] = Math.max(box[3], y);
    }
}
