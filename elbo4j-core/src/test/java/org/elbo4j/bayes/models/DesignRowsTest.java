package org.elbo4j.bayes.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@link DesignRows} and {@link LogisticRegression#of(DesignRows, double, boolean)}: the model
 * built from rows appended one at a time (through one reused buffer) is the model of
 * {@link LogisticRegression#of(double[][], double[], double, boolean)} on the same rows, bit for
 * bit (the same arrays, so the same sums), for row counts on and around the chunk boundaries,
 * including chunks at their cap; bad rows and labels are rejected with the row named.
 */
class DesignRowsTest {

    private static double[][] x;
    private static double[] y;

    private static void data(int n, int d, long seed) {
        Rng r = Rng.of(seed);
        x = new double[n][d];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = 0.2;
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian();
                eta += (j % 2 == 0 ? 0.3 : -0.2) * x[i][j];
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
    }

    private static LogisticRegression streamed(int d) {
        DesignRows rows = DesignRows.of("LogisticRegression", d);
        double[] buffer = new double[d + 1];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, buffer, 0, d);
            buffer[d] = y[i];
            rows.add(buffer, y[i]);
            java.util.Arrays.fill(buffer, Double.NaN);   // the buffer is reused: nothing may keep it
        }
        assertEquals(x.length, rows.rows());
        return LogisticRegression.of(rows, 1.5, true);
    }

    private static void assertSameModel(LogisticRegression a, LogisticRegression b, int d) {
        int k = d + 1;
        double[] u = new double[k];
        for (int j = 0; j < k; j++) {
            u[j] = 0.1 * (j + 1) * (j % 2 == 0 ? 1 : -1);
        }
        double[] ga = new double[k];
        double[] gb = new double[k];
        double[][] ha = new double[k][k];
        double[][] hb = new double[k][k];
        assertEquals(a.curvature(u, ga, ha), b.curvature(u, gb, hb), 0.0);
        assertArrayEquals(ga, gb, 0.0);
        for (int i = 0; i < k; i++) {
            assertArrayEquals(ha[i], hb[i], 0.0);
        }
        double[] points = new double[3 * k];
        for (int i = 0; i < points.length; i++) {
            points[i] = 0.05 * ((i * 7) % 11 - 5);
        }
        double[] va = new double[3];
        double[] vb = new double[3];
        double[] pa = new double[3 * k];
        double[] pb = new double[3 * k];
        a.logDensities(points, 3, va, pa);
        b.logDensities(points, 3, vb, pb);
        assertArrayEquals(va, vb, 0.0);
        assertArrayEquals(pa, pb, 0.0);
        double[][] lower = new double[k][k];
        for (int i = 0; i < k; i++) {
            lower[i][i] = 0.05;
        }
        assertEquals(a.expectations(u, lower, ga, ha), b.expectations(u, lower, gb, hb), 0.0);
        assertArrayEquals(ga, gb, 0.0);
        assertEquals(a.observationCount(), b.observationCount());
    }

    @Test
    void streamedRowsGiveTheSameModelAtEveryChunkBoundary() {
        int d = 3;
        for (int n : new int[] {1, 63, 64, 65, 128, 129, 1000}) {
            data(n, d, n);
            assertSameModel(LogisticRegression.of(x, y, 1.5, true), streamed(d), d);
        }
    }

    @Test
    void chunksAtTheirCapGiveTheSameModel() {
        int d = 600;   // capacity 2^20 / 600 = 1747 rows: chunks 64, 64, 128, 256, 512, 1024, then 1747 (capped)
        data(2500, d, 7);
        assertSameModel(LogisticRegression.of(x, y, 1.5, true), streamed(d), d);
    }

    @Test
    void badRowsAndLabelsAreNamed() {
        DesignRows rows = DesignRows.of("LogisticRegression", 2);
        rows.add(new double[] {1, 2}, 0);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> rows.add(new double[] {1, Double.NaN}, 1));
        assertTrue(nan.getMessage().contains("X must be finite, got NaN in row 1"), nan.getMessage());
        IllegalArgumentException shortRow = assertThrows(IllegalArgumentException.class,
                () -> rows.add(new double[] {1}, 1));
        assertTrue(shortRow.getMessage().contains("row 1 of X has 1 columns, expected 2"), shortRow.getMessage());
        rows.add(new double[] {3, 4}, 2);
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.of(rows, 1, true));
        assertTrue(label.getMessage().contains("y must be 0 or 1, got 2.0 at 1"), label.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.of(DesignRows.of("LogisticRegression", 2), 1, true));
        assertTrue(empty.getMessage().contains("non-empty"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DesignRows.of("LogisticRegression", 0));
    }
}
