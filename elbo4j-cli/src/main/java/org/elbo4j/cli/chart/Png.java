package org.elbo4j.cli.chart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** PNG encoding of an in-memory image (ImageIO, headless), the one place the CLI writes PNG bytes. */
public final class Png {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Png() {
    }

    /** The PNG bytes of {@code image}. */
    public static byte[] bytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
