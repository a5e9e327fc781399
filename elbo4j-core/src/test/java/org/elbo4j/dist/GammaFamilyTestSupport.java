package org.elbo4j.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.gamma.RegularizedGamma;

/**
 * Shared pieces of the Gamma-family tests: the scipy/mpmath reference tables written by
 * {@code src/test/resources/reference/gen_gamma_family.py}, tolerance assertions, a central
 * difference over float32 inputs, and the z-test used by every statistical test.
 *
 * <p>Statistical tests compare a Monte Carlo mean with its exact value and fail when they differ
 * by more than {@link #Z} estimated standard errors. Under the normal approximation a correct
 * implementation fails one such check with probability 2·(1 − Φ(5)) = 5.7e-7 for a random seed;
 * the seeds are fixed, so the outcome is reproducible, and each test class states how many
 * checks it makes.
 */
final class GammaFamilyTestSupport {

    /** Standard errors allowed by a statistical check (false-failure rate 5.7e-7 per check). */
    static final double Z = 5.0;

    private GammaFamilyTestSupport() {
    }

    /** The rows of {@code reference/gamma_family/<name>.csv}, without the comment and header lines. */
    static List<double[]> table(String name) {
        String path = "/reference/gamma_family/" + name + ".csv";
        try (InputStream in = GammaFamilyTestSupport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing reference table " + path
                        + " (run gen_gamma_family.py)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<double[]> rows = new ArrayList<>();
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split(",");
                double[] row = new double[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    row[i] = Double.parseDouble(cells[i]);
                }
                rows.add(row);
            }
            assertFalse(rows.isEmpty(), "empty reference table " + path);
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** |actual − expected| ≤ tol · max(1, |expected|). */
    static void assertClose(String what, double expected, double actual, double tol) {
        double bound = tol * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(actual - expected) <= bound)) {
            fail(String.format("%s: expected %.10g, got %.10g (|diff| %.3g > %.3g)", what, expected, actual,
                    Math.abs(actual - expected), bound));
        }
    }

    /** |actual − expected| ≤ tol · |expected| (a purely relative check). */
    static void assertRelative(String what, double expected, double actual, double tol) {
        if (!(Math.abs(actual - expected) <= tol * Math.abs(expected))) {
            fail(String.format("%s: expected %.15g, got %.15g (relative error %.3g > %.3g)", what, expected, actual,
                    Math.abs(actual - expected) / Math.abs(expected), tol));
        }
    }

    /**
     * Central difference of {@code f} at the float32 value x with a relative step, divided by the
     * distance of the float32 points actually used.
     */
    static double centralDifference(DoubleUnaryOperator f, double x, double relativeStep) {
        float hi = (float) (x * (1 + relativeStep));
        float lo = (float) (x * (1 - relativeStep));
        return (f.applyAsDouble(hi) - f.applyAsDouble(lo)) / ((double) hi - (double) lo);
    }

    /** Fails when the mean of {@code values} is more than {@link #Z} standard errors from {@code expected}. */
    static void assertMeanWithinStandardErrors(String what, double expected, double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (n - 1) / n);
        assertTrue(se > 0 || mean == expected, what + ": the values do not vary");
        if (!(Math.abs(mean - expected) <= Z * se)) {
            fail(String.format("%s: Monte Carlo mean %.8g ± %.3g (1 s.e., n=%d) but expected %.8g (%.1f s.e. away)",
                    what, mean, se, n, expected, Math.abs(mean - expected) / se));
        }
    }

    /**
     * The z with P(α, z) = level (or Q(α, z) = level when {@code upperTail}), by bisection on
     * log z over [−3000, 30] down to adjacent doubles; P and Q from Commons Numbers.
     */
    static double gammaQuantile(double alpha, double level, boolean upperTail) {
        double lo = -3000;
        double hi = 30;
        while (true) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                return Math.exp(mid);
            }
            double z = Math.exp(mid);
            boolean belowTarget = upperTail
                    ? RegularizedGamma.Q.value(alpha, z) > level
                    : RegularizedGamma.P.value(alpha, z) < level;
            if (belowTarget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }

    /** Asserts that {@code call} throws IllegalArgumentException with exactly this message. */
    static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }

    /** The values of a float array as doubles. */
    static double[] doubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
