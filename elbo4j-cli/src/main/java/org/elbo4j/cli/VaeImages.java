package org.elbo4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

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
        return png(img);
    }

    /** A line plot of train (blue) and test (orange) ELBO against the epoch number. */
    static byte[] elboPlot(double[] train, double[] test) {
        return linePlot("ELBO (nats per example) by epoch: train blue, test orange", "epoch",
                new double[][] {train, test}, Double.NaN, Double.NaN);
    }

    /**
     * A line plot of each of {@code series} (blue, orange, green, …) against its index counted
     * from 1, on the y range [lo, hi] (NaN for the range of the finite values; points outside are
     * clipped to the frame). Points are marked with dots when there are at most 200.
     */
    static byte[] linePlot(String title, String xLabel, double[][] series, double lo, double hi) {
        int w = 640;
        int h = 400;
        int left = 70;
        int right = 20;
        int top = 30;
        int bottom = 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (double[] s : series) {
                for (double v : s) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!(hi > lo)) {
            lo = (Double.isFinite(lo) ? lo : 0) - 1;
            hi = lo + 2;
        }
        int n = 0;
        for (double[] s : series) {
            n = Math.max(n, s.length);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(left, top, w - left - right, h - top - bottom);
        g.drawString(title, left, top - 10);
        g.drawString(String.format("%.1f", hi), 5, top + 5);
        g.drawString(String.format("%.1f", lo), 5, h - bottom);
        g.drawString("1", left, h - bottom + 18);
        g.drawString(Integer.toString(n), w - right - 20, h - bottom + 18);
        g.drawString(xLabel, w / 2 - 15, h - 15);
        g.setStroke(new BasicStroke(n > 200 ? 1f : 2f));
        Color[] colors = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44)};
        for (int s = 0; s < series.length; s++) {
            g.setColor(colors[s % colors.length]);
            int px = -1;
            int py = -1;
            for (int i = 0; i < series[s].length; i++) {
                if (!Double.isFinite(series[s][i])) {
                    px = -1;
                    continue;
                }
                int x = left + (n == 1 ? (w - left - right) / 2 : (int) ((long) i * (w - left - right) / (n - 1)));
                double v = Math.max(lo, Math.min(hi, series[s][i]));
                int y = top + (int) Math.round((hi - v) / (hi - lo) * (h - top - bottom));
                if (n <= 200) {
                    g.fillOval(x - 3, y - 3, 6, 6);
                }
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        g.dispose();
        return png(img);
    }

    private static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
