package org.elbo4j.cli.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/** Draws the series of a {@link Plot}: frame, ticks, labels, series in data order, legend. */
final class PlotCanvas {

    private static final Color[] TAB10 = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series;
    private final double[] box;
    private double left;
    private double top;
    private double width;
    private double height;

    PlotCanvas(String title, String xLabel, String yLabel, List<Series> series, double[] xLimits, double[] yLimits) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.series = series;
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Series s : series) {
            s.extend(b);
        }
        double[] x = xLimits != null ? xLimits : padded(b[0], b[1]);
        double[] y = yLimits != null ? yLimits : padded(b[2], b[3]);
        this.box = new double[] {x[0], x[1], y[0], y[1]};
    }

    /** The colour of series {@code i}: tab10, then darker and lighter variants. */
    static Color color(int i) {
        Color c = TAB10[i % TAB10.length];
        int round = i / TAB10.length;
        return round == 0 ? c : round % 2 == 1 ? c.darker() : c.brighter();
    }

    byte[] render(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        double yStep = Ticks.step(box[2], box[3], Math.max(2, h / 80));
        double[] yTicks = Ticks.values(box[2], box[3], yStep);
        int labelWidth = 0;
        for (double v : yTicks) {
            labelWidth = Math.max(labelWidth, fm.stringWidth(Ticks.label(v, yStep)));
        }
        left = 28 + labelWidth;
        top = 28;
        width = w - left - 15;
        height = h - top - 45;
        axes(g, fm, yTicks, yStep);
        g.setClip(new Rectangle2D.Double(left, top, width, height));
        for (int i = 0; i < series.size(); i++) {
            draw(g, series.get(i), color(i));
        }
        g.setClip(null);
        legend(g, fm);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void axes(Graphics2D g, FontMetrics fm, double[] yTicks, double yStep) {
        double xStep = Ticks.step(box[0], box[1], Math.max(2, (int) (width / 90)));
        g.setColor(new Color(235, 235, 235));
        for (double v : Ticks.values(box[0], box[1], xStep)) {
            g.draw(new Line2D.Double(px(v), top, px(v), top + height));
        }
        for (double v : yTicks) {
            g.draw(new Line2D.Double(left, py(v), left + width, py(v)));
        }
        g.setColor(Color.BLACK);
        g.draw(new Rectangle2D.Double(left, top, width, height));
        for (double v : Ticks.values(box[0], box[1], xStep)) {
            String s = Ticks.label(v, xStep);
            g.draw(new Line2D.Double(px(v), top + height, px(v), top + height + 4));
            g.drawString(s, (float) (px(v) - fm.stringWidth(s) / 2.0), (float) (top + height + 17));
        }
        for (double v : yTicks) {
            String s = Ticks.label(v, yStep);
            g.draw(new Line2D.Double(left - 4, py(v), left, py(v)));
            g.drawString(s, (float) (left - 6 - fm.stringWidth(s)), (float) (py(v) + fm.getAscent() / 2.0 - 1));
        }
        g.drawString(title, (float) left, 18f);
        g.drawString(xLabel, (float) (left + width / 2 - fm.stringWidth(xLabel) / 2.0), (float) (top + height + 36));
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, (float) (-(top + height / 2) - fm.stringWidth(yLabel) / 2.0), 14f);
        g.setTransform(saved);
    }

    private void draw(Graphics2D g, Series s, Color c) {
        g.setColor(c);
        g.setStroke(new BasicStroke(s.kind() == Series.Kind.LINE ? 2f : 1f));
        switch (s.kind()) {
            case LINE -> {
                Path2D.Double path = new Path2D.Double();
                boolean open = false;
                for (int i = 0; i < s.size(); i++) {
                    if (!s.finite(i)) {
                        open = false;
                    } else if (open) {
                        path.lineTo(px(s.a()[i]), py(s.b()[i]));
                    } else {
                        path.moveTo(px(s.a()[i]), py(s.b()[i]));
                        open = true;
                    }
                }
                g.draw(path);
            }
            case POINTS -> {
                for (int i = 0; i < s.size(); i++) {
                    if (s.finite(i)) {
                        g.fill(new Ellipse2D.Double(px(s.a()[i]) - 3, py(s.b()[i]) - 3, 6, 6));
                    }
                }
            }
            case BARS, HANGING -> {
                Color fill = new Color(c.getRed(), c.getGreen(), c.getBlue(), 120);
                for (int i = 0; i < s.size(); i++) {
                    if (!s.finite(i)) {
                        continue;
                    }
                    double x0 = Math.min(px(s.a()[i]), px(s.b()[i]));
                    double x1 = Math.max(px(s.a()[i]), px(s.b()[i]));
                    double y0 = Math.min(py(s.c()[i]), py(s.d()[i]));
                    double y1 = Math.max(py(s.c()[i]), py(s.d()[i]));
                    Rectangle2D.Double r = new Rectangle2D.Double(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
                    g.setColor(fill);
                    g.fill(r);
                    g.setColor(c);
                    g.draw(r);
                }
            }
            default -> throw new IllegalStateException("unknown series kind " + s.kind());
        }
    }

    private void legend(Graphics2D g, FontMetrics fm) {
        int named = 0;
        int textWidth = 0;
        for (Series s : series) {
            if (!s.name().isEmpty()) {
                named++;
                textWidth = Math.max(textWidth, fm.stringWidth(s.name()));
            }
        }
        if (named == 0) {
            return;
        }
        int row = fm.getHeight() + 2;
        double w = textWidth + 40;
        double x = left + width - w - 6;
        double y = top + 6;
        g.setColor(new Color(255, 255, 255, 215));
        g.fill(new Rectangle2D.Double(x, y, w, named * row + 6));
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(x, y, w, named * row + 6));
        int k = 0;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.name().isEmpty()) {
                continue;
            }
            double cy = y + 3 + k * row + row / 2.0;
            g.setColor(color(i));
            switch (s.kind()) {
                case LINE -> {
                    g.setStroke(new BasicStroke(2f));
                    g.draw(new Line2D.Double(x + 6, cy, x + 26, cy));
                }
                case POINTS -> g.fill(new Ellipse2D.Double(x + 13, cy - 3, 6, 6));
                default -> {
                    Rectangle2D.Double r = new Rectangle2D.Double(x + 8, cy - 5, 16, 10);
                    Color c = color(i);
                    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 120));
                    g.fill(r);
                    g.setColor(c);
                    g.setStroke(new BasicStroke(1f));
                    g.draw(r);
                }
            }
            g.setColor(Color.BLACK);
            g.drawString(s.name(), (float) (x + 32), (float) (cy + fm.getAscent() / 2.0 - 1));
            k++;
        }
    }

    private double px(double x) {
        return left + (x - box[0]) / (box[1] - box[0]) * width;
    }

    private double py(double y) {
        return top + (box[3] - y) / (box[3] - box[2]) * height;
    }

    /** [lo, hi] widened by 4 % each side, or by 1 around a single value, or [0, 1] without data. */
    private static double[] padded(double lo, double hi) {
        if (!(lo <= hi)) {
            return new double[] {0, 1};
        }
        if (hi - lo <= 1e-12 * Math.max(1, Math.abs(lo))) {
            return new double[] {lo - 1, hi + 1};
        }
        double pad = 0.04 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }
}
