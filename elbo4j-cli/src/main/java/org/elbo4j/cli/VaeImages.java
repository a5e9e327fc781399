package org.elbo4j.cli;

import java.awt.image.BufferedImage;
import java.util.List;
import org.elbo4j.cli.chart.Plot;
import org.elbo4j.cli.chart.Png;

/**
 * The pictures of the VAE report, drawn headless with {@link BufferedImage}: grids of grey-level
 * images and a line plot of the ELBO per epoch; each returned as PNG bytes.
 */
final class VaeImages {

    private static final int SCALE = 2;

    private VaeImages() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * A grid of {@code images} (each D values in [0, 1], shown as a square of side ⌈√D⌉, row-major,
     * padded with black), {@code columns} per row, white = 1.
     */
    static byte[] grid(List<float[]> images, int columns) {
        int d = images.isEmpty() ? 1 : images.get(0).length;
        int side = (int) Math.ceil(Math.sqrt(d));
        int rows = (images.size() + columns - 1) / columns;
        int cell = side * SCALE + 2;
        BufferedImage img = new BufferedImage(Math.max(1, columns * cell), Math.max(1, rows * cell),
                BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < images.size(); i++) {
            float[] px = images.get(i);
            int x0 = (i % columns) * cell + 1;
            int y0 = (i / columns) * cell + 1;
            for (int p = 0; p < px.length; p++) {
                int g = Math.round(255 * Math.max(0f, Math.min(1f, px[p])));
                int rgb = (g << 16) | (g << 8) | g;
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        img.setRGB(x0 + (p % side) * SCALE + dx, y0 + (p / side) * SCALE + dy, rgb);
                    }
                }
            }
        }
        return Png.bytes(img);
    }

    /**
     * A line plot of the training objective (blue; {@code trainLabel}: "ELBO" or "IWAE bound L_K")
     * and the test ELBO (orange) against the epoch number.
     */
    static byte[] elboPlot(double[] train, double[] test, String trainLabel) {
        return linePlot(trainLabel.equals("ELBO") ? "ELBO (nats per example) by epoch: train blue, test orange"
                : "nats per example by epoch: train " + trainLabel + " blue, test ELBO orange", "epoch",
                new double[][] {train, test}, Double.NaN, Double.NaN);
    }

    /**
     * A line plot of each of {@code series} (blue, orange, green, …) against its index counted
     * from 1, on the y range [lo, hi] (NaN for the range of the finite values; points outside are
     * clipped to the frame); drawn by {@link Plot}.
     */
    static byte[] linePlot(String title, String xLabel, double[][] series, double lo, double hi) {
        Plot p = Plot.of(title, xLabel, "");
        for (double[] s : series) {
            double[] x = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                x[i] = i + 1;
            }
            p.line("", x, s);
        }
        if (Double.isFinite(lo) && Double.isFinite(hi) && lo < hi) {
            p.yLimits(lo, hi);
        }
        return p.png(640, 400);
    }
}
