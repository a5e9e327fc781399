package org.elbo4j.cli.chart;

import java.util.Locale;

/**
 * "Nice" axis ticks (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990): the step is
 * 1, 2 or 5 × 10^k chosen so that about {@code target} ticks fall in [lo, hi]; labels carry just
 * enough decimals for the step, or use scientific notation when the numbers are very large or small.
 */
final class Ticks {

    private Ticks() {
    }

    /** The tick step for [lo, hi] (lo &lt; hi, both finite) with about {@code target} ticks. */
    static double step(double lo, double hi, int target) {
        double raw = (hi - lo) / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * mag;
    }

    /** The tick values k·step that lie in [lo, hi]. */
    static double[] values(double lo, double hi, double step) {
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        int n = (int) Math.max(0, Math.min(1000, last - first + 1));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (first + i) * step;
            if (Math.abs(v[i]) < step * 1e-9) {
                v[i] = 0;
            }
        }
        return v;
    }

    /** The label of tick {@code v} for ticks {@code step} apart. */
    static String label(double v, double step) {
        double big = Math.max(Math.abs(v), step);
        if (v != 0 && (big >= 1e6 || step < 1e-4)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
