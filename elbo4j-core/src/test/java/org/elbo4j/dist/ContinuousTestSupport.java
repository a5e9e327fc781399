package org.elbo4j.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.function.Function;
import org.elbo4j.tensor.Tensor;

/**
 * Shared pieces of the tests of the continuous families: the reference tables written by
 * {@code src/test/resources/reference/gen_continuous.py} (scipy 1.17 and mpmath), tolerance
 * assertions and the z-test of every statistical check.
 *
 * <p>Statistical checks compare a Monte Carlo mean of n i.i.d. values with its exact value and
 * fail beyond {@link #Z} estimated standard errors. With n ≥ 10,000 the normal approximation
 * holds, and a correct implementation fails one check with probability 2·(1 − Φ(5)) ≈ 5.7e-7 for
 * a random seed. The seeds are fixed, so every outcome is reproducible; each test class says how
 * many checks it makes.
 */
final class ContinuousTestSupport {

    /** Standard errors allowed by a statistical check (false-failure rate 5.7e-7 per check). */
    static final double Z = 5.0;

    private ContinuousTestSupport() {
    }

    /** A row of a reference table: the family name and the numeric columns. */
    record Row(String family, double[] values) {
        double get(int i) {
            return values[i];
        }
    }

    /** The rows of {@code reference/continuous/<file>} (comment and header lines skipped). */
    static List<Row> table(String file) {
        String path = "/reference/continuous/" + file;
        try (InputStream in = ContinuousTestSupport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Row> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("family") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",");
                double[] v = new double[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    v[i - 1] = parse(parts[i]);
                }
                rows.add(new Row(parts[0], v));
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of one family. */
    static List<Row> rows(String file, String family) {
        List<Row> out = table(file).stream().filter(r -> r.family().equals(family)).toList();
        assertTrue(out.size() > 0, "no reference rows for " + family + " in " + file);
        return out;
    }

    private static double parse(String s) {
        return switch (s.trim()) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /**
     * |expected − actual| ≤ absTol + relTol·|expected|; NaN and ±∞ must match exactly.
     */
    static void assertNear(String what, double expected, double actual, double relTol, double absTol) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double err = Math.abs(expected - actual);
        if (!(err <= absTol + relTol * Math.abs(expected))) {
            fail(what + ": expected " + expected + ", got " + actual + " (error " + err + ")");
        }
    }

    /**
     * The mean of {@code values} is within {@link #Z} standard errors (estimated from the values)
     * of {@code expected}.
     */
    static void assertMeanWithinStandardErrors(String what, double expected, double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (values.length - 1) / values.length);
        if (!(Math.abs(mean - expected) <= Z * se)) {
            fail(what + ": Monte Carlo mean " + mean + " differs from " + expected + " by "
                    + Math.abs(mean - expected) / se + " standard errors (se " + se + ")");
        }
    }

    /** Elementwise map of the values of a tensor. */
    static double[] map(Tensor t, java.util.function.DoubleUnaryOperator f) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(v[i]);
        }
        return v;
    }

    /**
     * Checks E[x] and Var[x] of draws of a scalar family against the expected values: the mean of
     * x and the mean of (x − E[x])² (two statistical checks).
     */
    static void assertSampleMoments(String what, double[] draws, double mean, double variance) {
        assertMeanWithinStandardErrors(what + " mean", mean, draws);
        double[] sq = new double[draws.length];
        for (int i = 0; i < sq.length; i++) {
            sq[i] = (draws[i] - mean) * (draws[i] - mean);
        }
        assertMeanWithinStandardErrors(what + " variance", variance, sq);
    }

    /** The call throws IllegalArgumentException with exactly this message. */
    static void assertRejected(String message, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(message, e.getMessage());
    }

    /**
     * Central difference of a tensor-valued function of one scalar parameter at {@code x}, summed
     * with the weights {@code w}, in double (for checking a reparameterized draw with the same noise).
     */
    static double centralDifference(Function<Double, Tensor> f, double x, double h, double[] w) {
        float xp = (float) (x + h);
        float xm = (float) (x - h);
        double[] up = f.apply((double) xp).toDoubleArray();
        double[] down = f.apply((double) xm).toDoubleArray();
        double s = 0;
        for (int i = 0; i < up.length; i++) {
            s += w[i] * (up[i] - down[i]);
        }
        return s / ((double) xp - (double) xm);
    }

    /**
     * Compares log p(x), E[x], Var[x] and H of a scalar family with the scipy/mpmath reference rows
     * of that family (columns p1, p2, p3 are passed to {@code build}); returns the number of values
     * compared.
     */
    static int assertMatchesReference(String family, Function<double[], Distribution> build, double relTol,
            double absTol) {
        int compared = 0;
        for (Row r : rows("univariate_logprob.csv", family)) {
            double[] p = {r.get(0), r.get(1), r.get(2)};
            double x = r.get(3);
            double lp = build.apply(p).logProb(Tensor.scalar(x)).item();
            assertNear(family + java.util.Arrays.toString(p) + " logProb(" + x + ")", r.get(4), lp, relTol, absTol);
            compared++;
        }
        for (Row r : rows("univariate_moments.csv", family)) {
            double[] p = {r.get(0), r.get(1), r.get(2)};
            Distribution d = build.apply(p);
            String name = family + java.util.Arrays.toString(p);
            assertNear(name + " mean", r.get(3), d.mean().item(), relTol, absTol);
            assertNear(name + " variance", r.get(4), d.variance().item(), relTol, absTol);
            if (d instanceof HasEntropy h) {
                assertNear(name + " entropy", r.get(5), h.entropy().item(), relTol, absTol);
            }
            compared += 3;
        }
        return compared;
    }
}
