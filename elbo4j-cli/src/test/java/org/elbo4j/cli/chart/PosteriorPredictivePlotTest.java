package org.elbo4j.cli.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosteriorPredictivePlotTest {

    private static double[][] normalReplicates(SplittableRandom r, int s, int n, double shift) {
        double[][] yrep = new double[s][n];
        for (double[] row : yrep) {
            for (int i = 0; i < n; i++) {
                row[i] = shift + gaussian(r);
            }
        }
        return yrep;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void rootogramTableCountsObservedAndAveragesReplicatedFrequencies() {
        double[] y = {0, 0, 1, 3};
        double[][] yrep = {{0, 1, 1, 2}, {0, 0, 0, Double.NaN}};
        assertTrue(PosteriorPredictivePlot.isCount(y, yrep));
        double[][] t = PosteriorPredictivePlot.rootogramTable(y, yrep);
        assertArrayEquals(new double[] {-0.5, 0.5, 1.5, 2.5}, t[0]);
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5}, t[1]);
        // expected: value 0 appears 1 + 3 times over 2 replicates, 1: 2, 2: 1, 3: 0
        assertArrayEquals(new double[] {2, 1, 0.5, 0}, t[2], 1e-15);
        assertArrayEquals(new double[] {2, 1, 0, 1}, t[3], 1e-15);
    }

    @Test
    void wideCountRangesGetWiderBins() {
        double[] y = {0, 150, 299};
        double[][] t = PosteriorPredictivePlot.rootogramTable(y, new double[][] {{1, 2, 3}});
        assertEquals(5, t[1][0] - t[0][0], 0);
        assertTrue(t[0].length <= 60);
        assertEquals(3, java.util.Arrays.stream(t[3]).sum(), 0);
    }

    /** A blown-up fit's replicates near 1e300 (its 99.5 % quantile) give at most 61 wide bins, not an int overflow. */
    @Test
    void hugeReplicatedCountsStillGiveAFewBins() {
        double[] y = {0, 2, 5};
        double[][] yrep = new double[1][1000];
        java.util.Arrays.fill(yrep[0], 1e300);
        double[][] t = PosteriorPredictivePlot.rootogramTable(y, yrep);
        assertTrue(t[0].length >= 1 && t[0].length <= 61, "bins " + t[0].length);
        assertEquals(3, java.util.Arrays.stream(t[3]).sum(), 0);
    }

    /**
     * Well-specified replicates put the observed density inside their 90 % range in most bins, a
     * replicate distribution shifted by 2 sd in few (N = 400, 15 bins, 200 replicates, fixed seed;
     * the expected shares are about 0.9 and below 0.2, the thresholds 0.6 and 0.4).
     */
    @Test
    void densityBandCoversAWellSpecifiedModelAndNotAShiftedOne() {
        SplittableRandom r = new SplittableRandom(3);
        double[] y = new double[400];
        for (int i = 0; i < y.length; i++) {
            y[i] = gaussian(r);
        }
        assertTrue(coverage(y, normalReplicates(r, 200, 400, 0)) > 0.6);
        assertTrue(coverage(y, normalReplicates(r, 200, 400, 2)) < 0.4);
        assertFalse(PosteriorPredictivePlot.isCount(y, new double[][] {y}));
    }

    private static double coverage(double[] y, double[][] yrep) {
        double[][] t = PosteriorPredictivePlot.densityTable(y, yrep);
        int inside = 0;
        for (int b = 0; b < t[0].length; b++) {
            if (t[2][b] >= t[3][b] && t[2][b] <= t[5][b]) {
                inside++;
            }
        }
        return (double) inside / t[0].length;
    }

    @Test
    void writesADecodablePngForCountsAndForContinuousData(@TempDir Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        double[] counts = new double[50];
        double[][] countRep = new double[40][50];
        for (int i = 0; i < 50; i++) {
            counts[i] = r.nextInt(6);
            for (double[] row : countRep) {
                row[i] = r.nextInt(7);
            }
        }
        Path file = dir.resolve("ppc.png");
        PosteriorPredictivePlot.write(file, counts, countRep);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
        assertEquals(720, img.getWidth());
        assertEquals(450, img.getHeight());
        double[] y = {0.1, 0.5, -0.3, 2.2, 1.1};
        byte[] png = PosteriorPredictivePlot.png(y, normalReplicates(r, 30, 5, 0));
        assertEquals(450, ImageIO.read(new ByteArrayInputStream(png)).getHeight());
    }

    @Test
    void refusesBadInput() {
        double[] y = {1, 2};
        assertThrows(IllegalArgumentException.class, () -> PosteriorPredictivePlot.png(y, new double[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> PosteriorPredictivePlot.png(y, new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> PosteriorPredictivePlot.png(new double[0], new double[][] {{}}));
        assertThrows(IllegalArgumentException.class,
                () -> PosteriorPredictivePlot.png(new double[] {Double.NaN}, new double[][] {{1}}));
    }
}
