package org.elbo4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.elbo4j.io.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    private static void assertImages(Dataset d, int n, int rows, int cols) {
        assertEquals(n, d.n());
        assertEquals(rows * cols, d.d());
        assertArrayEquals(new int[] {rows, cols}, d.sampleShape());
        float[] v = d.values().data();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rows * cols; k++) {
                assertEquals(IdxFiles.pixel(i, k) / 255f, v[i * rows * cols + k], "image " + i + " pixel " + k);
            }
        }
    }

    @Test
    void readsPlainAndGzipImagesWhateverTheirNames() throws IOException {
        byte[] plain = IdxFiles.images(3, 2, 4);
        assertImages(Idx.readImages(IdxFiles.write(dir, "a-idx3-ubyte", plain)), 3, 2, 4);
        assertImages(Idx.readImages(IdxFiles.write(dir, "b-idx3-ubyte.gz", IdxFiles.gzip(plain))), 3, 2, 4);
        // detection is by content: a gzip file without .gz and a plain file named .gz
        assertImages(Idx.readImages(IdxFiles.write(dir, "c", IdxFiles.gzip(plain))), 3, 2, 4);
        assertImages(Idx.readImages(IdxFiles.write(dir, "d.gz", plain)), 3, 2, 4);
    }

    @Test
    void pixelsAreScaledToTheUnitInterval() throws IOException {
        byte[] file = IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {1, 1, 3}, new byte[] {0, (byte) 128, (byte) 255});
        Dataset d = Idx.readImages(new ByteArrayInputStream(file), "mem");
        assertArrayEquals(new float[] {0f, 128 / 255f, 1f}, d.values().data());
    }

    @Test
    void readsLabelsAndPairsThemWithImages() throws IOException {
        Path images = IdxFiles.write(dir, "img", IdxFiles.images(12, 2, 2));
        Path labels = IdxFiles.write(dir, "lab.gz", IdxFiles.gzip(IdxFiles.labels(12)));
        int[] y = Idx.readLabels(labels);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}, y);
        Dataset d = Idx.read(images, labels);
        assertArrayEquals(y, d.labels().orElseThrow());
        Path few = IdxFiles.write(dir, "few", IdxFiles.labels(11));
        assertEquals(few + ": 11 labels for 12 images in " + images,
                assertThrows(DataFileException.class, () -> Idx.read(images, few)).getMessage());
    }

    @Test
    void readsFromAStream() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(2, 3, 3));
        assertImages(Idx.readImages(new ByteArrayInputStream(gz), "bundled"), 2, 3, 3);
        assertArrayEquals(new int[] {0, 1, 2},
                Idx.readLabels(new ByteArrayInputStream(IdxFiles.labels(3)), "bundled-labels"));
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("train-images-idx3-ubyte.gz");
        assertEquals(p + ": no such file", assertThrows(DataFileException.class, () -> Idx.readImages(p)).getMessage());
        assertEquals(dir + ": is a directory, not an IDX file",
                assertThrows(DataFileException.class, () -> Idx.readLabels(dir)).getMessage());
    }

    @Test
    void badMagicNumber() throws IOException {
        Path p = IdxFiles.write(dir, "x.gz", IdxFiles.gzip(IdxFiles.idx(0x1234, new int[] {1, 1, 1}, new byte[1])));
        assertEquals(p + ": bad magic number 0x00001234, expected 0x00000803 (unsigned byte, 3 dimensions)",
                assertThrows(DataFileException.class, () -> Idx.readImages(p)).getMessage());
        Path labels = IdxFiles.write(dir, "labels", IdxFiles.labels(4));
        assertEquals(labels + ": bad magic number 0x00000801 (unsigned byte, 1 dimension), expected 0x00000803"
                        + " (unsigned byte, 3 dimensions)",
                assertThrows(DataFileException.class, () -> Idx.readImages(labels)).getMessage());
        Path text = IdxFiles.write(dir, "text", "hello world, not idx".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(text + ": bad magic number 0x68656C6C, expected 0x00000801 (unsigned byte, 1 dimension)",
                assertThrows(DataFileException.class, () -> Idx.readLabels(text)).getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] full = IdxFiles.images(2, 2, 2);
        Path p = IdxFiles.write(dir, "h", Arrays.copyOf(full, 9));
        assertEquals(p + ": truncated: expected a header of 16 bytes, found 9 bytes",
                assertThrows(DataFileException.class, () -> Idx.readImages(p)).getMessage());
        Path empty = IdxFiles.write(dir, "empty", new byte[0]);
        assertEquals(empty + ": truncated: expected a header of 8 bytes, found 0 bytes",
                assertThrows(DataFileException.class, () -> Idx.readLabels(empty)).getMessage());
    }

    @Test
    void truncatedPixelsAndLabels() throws IOException {
        byte[] header = IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {60000, 28, 28}, new byte[1000]);
        Path p = IdxFiles.write(dir, "train-images-idx3-ubyte.gz", IdxFiles.gzip(header));
        assertEquals(p + ": truncated: expected 47040000 bytes of pixels, found 1000",
                assertThrows(DataFileException.class, () -> Idx.readImages(p)).getMessage());
        byte[] labels = IdxFiles.labels(10);
        Path l = IdxFiles.write(dir, "l", Arrays.copyOf(labels, labels.length - 3));
        assertEquals(l + ": truncated: expected 10 bytes of labels, found 7",
                assertThrows(DataFileException.class, () -> Idx.readLabels(l)).getMessage());
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(50, 10, 10));
        Path p = IdxFiles.write(dir, "cut.gz", Arrays.copyOf(gz, gz.length / 2));
        String message = assertThrows(DataFileException.class, () -> Idx.readImages(p)).getMessage();
        assertTrue(message.startsWith(p + ": corrupt or truncated gzip data ("), message);
    }

    @Test
    void wrongDimensions() throws IOException {
        Path zero = IdxFiles.write(dir, "z", IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {1, 0, 5}, new byte[0]));
        assertEquals(zero + ": bad dimensions: images of 0×5 pixels",
                assertThrows(DataFileException.class, () -> Idx.readImages(zero)).getMessage());
        Path huge = IdxFiles.write(dir, "h", IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {-1, 28, 28}, new byte[0]));
        assertEquals(huge + ": bad dimensions: dimension 0 is 4294967295, more than the 2^31 − 1 supported",
                assertThrows(DataFileException.class, () -> Idx.readImages(huge)).getMessage());
        Path big = IdxFiles.write(dir, "b", IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {100000, 200, 200}, new byte[0]));
        assertEquals(big + ": bad dimensions: 100000 images of 200×200 = 4000000000 pixels exceed the limit of one array",
                assertThrows(DataFileException.class, () -> Idx.readImages(big)).getMessage());
        // the header announces fewer pixels than the file holds
        byte[] extra = IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {1, 2, 2}, new byte[5]);
        Path trailing = IdxFiles.write(dir, "t", extra);
        assertEquals(trailing + ": unexpected data after the 4 bytes of pixels announced by the header (wrong dimensions?)",
                assertThrows(DataFileException.class, () -> Idx.readImages(trailing)).getMessage());
    }
}
