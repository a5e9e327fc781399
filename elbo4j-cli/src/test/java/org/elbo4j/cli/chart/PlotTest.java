package org.elbo4j.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PlotTest {

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(img != null, "PNG decodes");
        return img;
    }

    /** Pixels in the image whose colour is within 40 per channel of {@code c}. */
    private static int countNear(BufferedImage img, Color c, int x0, int x1, int y0, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                Color p = new Color(img.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) < 40 && Math.abs(p.getGreen() - c.getGreen()) < 40
                        && Math.abs(p.getBlue() - c.getBlue()) < 40) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void pngHasTheRequestedSizeAndEachSeriesItsOwnColour() throws IOException {
        Plot p = Plot.of("two series", "x", "y");
        p.line("rising", new double[] {0, 1, 2, 3}, new double[] {0, 1, 2, 3});
        p.points("dots", new double[] {0.5, 2.5}, new double[] {2.5, 0.5});
        BufferedImage img = decode(p.png(500, 300));
        assertEquals(500, img.getWidth());
        assertEquals(300, img.getHeight());
        assertTrue(countNear(img, PlotCanvas.color(0), 0, 500, 0, 300) > 100, "the line is drawn in colour 0");
        assertTrue(countNear(img, PlotCanvas.color(1), 0, 500, 0, 300) > 20, "the points are drawn in colour 1");
    }

    @Test
    void seriesAppearWhereTheirDataAre() throws IOException {
        // bars only on the left half of the x range, a line only in the right half
        Plot p = Plot.of("", "", "").xLimits(0, 10).yLimits(0, 10);
        p.bars("", new double[] {1, 2}, new double[] {2, 3}, new double[] {9, 9});
        p.line("", new double[] {7, 9}, new double[] {5, 5});
        BufferedImage img = decode(p.png(400, 300));
        int mid = img.getWidth() / 2 + 20;
        assertTrue(countNear(img, PlotCanvas.color(0), 0, mid, 0, 300) > 200, "bars left");
        assertEquals(0, countNear(img, PlotCanvas.color(0), mid, 400, 0, 300), "no bar right");
        assertTrue(countNear(img, PlotCanvas.color(1), mid, 400, 0, 300) > 50, "line right");
        assertEquals(0, countNear(img, PlotCanvas.color(1), 0, mid - 40, 0, 300), "no line left");
    }

    @Test
    void ellipseAndHangingBarsAndNonFiniteValuesDraw() throws IOException {
        Plot p = Plot.of("rootogram", "count", "sqrt(frequency)");
        p.hangingBars("observed", new double[] {-0.4, 0.6, 1.6}, new double[] {0.4, 1.4, 2.4},
                new double[] {3, 2, Double.NaN}, new double[] {-0.5, 0.2, 0});
        p.line("expected", new double[] {0, 1, Double.NaN, 2}, new double[] {3, 2, 1, Double.POSITIVE_INFINITY});
        p.ellipse("2 sd", 1, 1, new double[][] {{0.3, 0.1}, {0.1, 0.2}}, 2);
        BufferedImage img = decode(p.png(320, 240));
        assertTrue(countNear(img, PlotCanvas.color(2), 0, 320, 0, 240) > 50, "ellipse drawn");
    }

    @Test
    void emptyOrAllNonFinitePlotStillRenders() throws IOException {
        Plot p = Plot.of("nothing", "x", "y");
        p.line("nan", new double[] {Double.NaN}, new double[] {1});
        assertEquals(160, decode(p.png(160, 120)).getWidth());
    }

    @Test
    void badArgumentsAreRefused() {
        Plot p = Plot.of("t", "x", "y");
        double[] two = {1, 2};
        double[] three = {1, 2, 3};
        assertThrows(IllegalArgumentException.class, () -> p.line("a", two, three));
        assertThrows(IllegalArgumentException.class, () -> p.points("a", three, two));
        assertThrows(IllegalArgumentException.class, () -> p.bars("a", two, two, three));
        assertThrows(IllegalArgumentException.class, () -> p.hangingBars("a", two, two, two, three));
        assertThrows(IllegalArgumentException.class, () -> p.line(null, two, two));
        assertThrows(IllegalArgumentException.class, () -> p.line("a", null, two));
        assertThrows(IllegalArgumentException.class, () -> p.ellipse("e", 0, 0, new double[][] {{1, 2}, {2, 1}}, 1));
        assertThrows(IllegalArgumentException.class, () -> p.ellipse("e", 0, 0, new double[][] {{1, 0}}, 1));
        assertThrows(IllegalArgumentException.class, () -> p.ellipse("e", 0, 0, new double[][] {{1, 0}, {0, 1}}, -1));
        assertThrows(IllegalArgumentException.class, () -> p.yLimits(1, 1));
        assertThrows(IllegalArgumentException.class, () -> p.png(10, 10));
        assertThrows(IllegalArgumentException.class, () -> Plot.of(null, "x", "y"));
    }

    @Test
    void ticksAreNiceAndLabelledWithEnoughDecimals() {
        assertEquals(0.2, Ticks.step(0, 1, 5), 1e-15);
        assertEquals(50, Ticks.step(0, 230, 5), 1e-12);
        double[] v = Ticks.values(-0.05, 1.05, 0.2);
        assertEquals(6, v.length);
        assertEquals(0.0, v[0]);
        assertEquals("0.4", Ticks.label(v[2], 0.2));
        assertEquals("150", Ticks.label(150, 50));
        assertEquals("2.00e+07", Ticks.label(2e7, 5e6));
    }
}
