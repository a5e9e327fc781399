package org.elbo4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.elbo4j.io.DataFileException;
import org.elbo4j.tensor.Tensor;

/**
 * Reader of IDX files, the format of MNIST (LeCun et al.): a big-endian 32-bit magic number
 * {@code 0x0000TTDD} (TT the element type, 0x08 for unsigned bytes; DD the number of
 * dimensions), DD big-endian 32-bit dimensions, then the elements in row-major order.
 *
 * <p>Images are {@code 0x00000803}: count, rows, cols, then count·rows·cols pixel bytes, read as
 * floats {@code pixel / 255} in [0, 1] (as torchvision's {@code ToTensor}). Labels are
 * {@code 0x00000801}: count, then count bytes. Files may be gzip-compressed: that is detected from
 * the gzip magic bytes {@code 1f 8b}, not from the file name. Every problem (missing file, bad
 * magic number, bad dimensions, truncation, trailing data, corrupt gzip) is a
 * {@link DataFileException} whose message names the file.
 */
public final class Idx {

    /** Magic number of unsigned-byte images: 3 dimensions (count, rows, cols). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of unsigned-byte labels: 1 dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int CHUNK = 1 << 16;

    private Idx() {
    }

    /** Reads an images file (plain or gzip) into a dataset {@code [count, rows·cols]} of sample shape [rows, cols]. */
    public static Dataset readImages(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readImages(in, file.toString());
        }
    }

    /** Reads images from a stream (plain or gzip); {@code name} is used in error messages. */
    public static Dataset readImages(InputStream stream, String name) throws IOException {
        try {
            InputStream in = decompressIfGzip(stream);
            int[] dims = readHeader(in, name, IMAGES_MAGIC);
            int n = dims[0];
            int rows = dims[1];
            int cols = dims[2];
            if (rows < 1 || cols < 1) {
                throw new DataFileException(name + ": bad dimensions: images of " + Integer.toUnsignedString(rows)
                        + "×" + Integer.toUnsignedString(cols) + " pixels");
            }
            long total = (long) n * rows * cols;
            if (total > Integer.MAX_VALUE - 8) {
                throw new DataFileException(name + ": bad dimensions: " + n + " images of " + rows + "×" + cols
                        + " = " + total + " pixels exceed the limit of one array");
            }
            byte[] bytes = in.readNBytes((int) total);
            if (bytes.length < total) {
                throw new DataFileException(name + ": truncated: expected " + total + " bytes of pixels, found "
                        + bytes.length);
            }
            checkEnd(in, name, total + " bytes of pixels");
            Tensor pixels = Tensor.zeros(n, rows * cols);
            float[] out = pixels.data();
            for (int i = 0; i < out.length; i++) {
                out[i] = (bytes[i] & 0xff) / 255f;
            }
            return Dataset.of(pixels, new int[] {rows, cols}, null);
        } catch (EOFException | ZipException e) {
            throw new DataFileException(name + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a labels file (plain or gzip). */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString());
        }
    }

    /** Reads labels from a stream (plain or gzip); {@code name} is used in error messages. */
    public static int[] readLabels(InputStream stream, String name) throws IOException {
        try {
            InputStream in = decompressIfGzip(stream);
            int n = readHeader(in, name, LABELS_MAGIC)[0];
            byte[] bytes = in.readNBytes(n);
            if (bytes.length < n) {
                throw new DataFileException(name + ": truncated: expected " + n + " bytes of labels, found "
                        + bytes.length);
            }
            checkEnd(in, name, n + " bytes of labels");
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        } catch (EOFException | ZipException e) {
            throw new DataFileException(name + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads an images file and its labels file.
     *
     * @throws DataFileException also when the counts differ
     */
    public static Dataset read(Path images, Path labels) throws IOException {
        Dataset data = readImages(images);
        int[] y = readLabels(labels);
        if (y.length != data.n()) {
            throw new DataFileException(labels + ": " + y.length + " labels for " + data.n() + " images in " + images);
        }
        return data.withLabels(y);
    }

    /** Opens a file, turning "missing" into a one-line message. */
    static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataFileException(file + ": is a directory, not an IDX file");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new DataFileException(file + ": permission denied", e);
        }
    }

    private static InputStream decompressIfGzip(InputStream stream) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, CHUNK);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, CHUNK) : in;
    }

    /** Reads and checks the magic number; returns the dimensions (each checked to be below 2³¹). */
    private static int[] readHeader(InputStream in, String name, int expectedMagic) throws IOException {
        int rank = expectedMagic & 0xff;
        int headerBytes = 4 + 4 * rank;
        byte[] header = in.readNBytes(headerBytes);
        if (header.length >= 4) {
            int magic = intAt(header, 0);
            if (magic != expectedMagic) {
                throw new DataFileException(name + ": bad magic number " + describe(magic) + ", expected "
                        + describe(expectedMagic));
            }
        }
        if (header.length < headerBytes) {
            throw new DataFileException(name + ": truncated: expected a header of " + headerBytes + " bytes, found "
                    + header.length + (header.length == 1 ? " byte" : " bytes"));
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = intAt(header, 4 + 4 * i);
            if (dims[i] < 0) {
                throw new DataFileException(name + ": bad dimensions: dimension " + i + " is "
                        + Integer.toUnsignedString(dims[i]) + ", more than the 2^31 − 1 supported");
            }
        }
        return dims;
    }

    private static void checkEnd(InputStream in, String name, String what) throws IOException {
        if (in.read() != -1) {
            throw new DataFileException(name + ": unexpected data after the " + what
                    + " announced by the header (wrong dimensions?)");
        }
    }

    private static int intAt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** {@code 0x00000803 (unsigned byte, 3 dimensions)}, or just the hex when it is no IDX magic number. */
    static String describe(int magic) {
        String hex = String.format("0x%08X", magic);
        if ((magic >>> 16) != 0) {
            return hex;
        }
        String type = switch ((magic >>> 8) & 0xff) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> null;
        };
        if (type == null) {
            return hex;
        }
        int dims = magic & 0xff;
        return hex + " (" + type + ", " + dims + (dims == 1 ? " dimension)" : " dimensions)");
    }
}
