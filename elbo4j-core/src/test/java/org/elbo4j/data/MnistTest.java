package org.elbo4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.elbo4j.io.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {

    @TempDir
    Path dir;

    /** A miniature MNIST: 20 training and 5 test images of 4×4, gzip, with labels. */
    private static void writeMiniMnist(Path d) throws IOException {
        Files.createDirectories(d);
        IdxFiles.write(d, "train-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(20, 4, 4)));
        IdxFiles.write(d, "train-labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(20)));
        IdxFiles.write(d, "t10k-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(5, 4, 4)));
        IdxFiles.write(d, "t10k-labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(5)));
    }

    @Test
    void loadsGzipAndPlainFilesWithOptionalLabels() throws IOException {
        IdxFiles.write(dir, "train-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(20, 4, 4)));
        IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(20));
        IdxFiles.write(dir, "t10k-images-idx3-ubyte", IdxFiles.images(5, 4, 4));
        Mnist mnist = Mnist.load(dir);
        assertEquals(20, mnist.train().n());
        assertEquals(16, mnist.train().d());
        assertEquals(5, mnist.test().n());
        assertEquals(9, mnist.train().labels().orElseThrow()[19]);
        assertFalse(mnist.test().labels().isPresent());
    }

    @Test
    void namesEveryMissingImageFile() throws IOException {
        IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(20));
        assertEquals(dir + ": missing MNIST files train-images-idx3-ubyte[.gz] and t10k-images-idx3-ubyte[.gz]"
                        + " (MnistDownload.download fetches them)",
                assertThrows(DataFileException.class, () -> Mnist.load(dir)).getMessage());
        IdxFiles.write(dir, "train-images-idx3-ubyte", IdxFiles.images(20, 4, 4));
        assertEquals(dir + ": missing MNIST file t10k-images-idx3-ubyte[.gz] (MnistDownload.download fetches them)",
                assertThrows(DataFileException.class, () -> Mnist.load(dir)).getMessage());
        Path nowhere = dir.resolve("nowhere");
        assertTrue(assertThrows(DataFileException.class, () -> Mnist.load(nowhere)).getMessage()
                .startsWith(nowhere + ": no such directory"));
    }

    @Test
    void downloadCopiesVerifiesAndRenamesFromAFileUrl() throws IOException {
        Path mirror = dir.resolve("mirror");
        writeMiniMnist(mirror);
        Path target = dir.resolve("data");
        List<Path> files = MnistDownload.download(target, List.of(mirror.toUri()));
        assertEquals(4, files.size());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(mirror.resolve(f.getFileName())), Files.readAllBytes(f));
        }
        assertOnlyFiles(target, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        Mnist mnist = Mnist.load(target);
        assertEquals(20, mnist.train().n());
        // files already present and valid are kept: a mirror list that serves nothing still succeeds
        MnistDownload.download(target, List.of(dir.resolve("empty-mirror").toUri()));
    }

    @Test
    void fallsBackToTheNextMirror() throws IOException {
        Path partial = dir.resolve("partial");
        Files.createDirectories(partial);
        IdxFiles.write(partial, "train-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(20, 4, 4)));
        Path full = dir.resolve("full");
        writeMiniMnist(full);
        Path target = dir.resolve("data");
        MnistDownload.download(target, List.of(partial.toUri(), URI.create(full.toUri() + "/")));
        assertEquals(5, Mnist.load(target).test().n());
    }

    @Test
    void rejectsAnInvalidDownloadAndLeavesNothingBehind() throws IOException {
        Path mirror = dir.resolve("mirror");
        writeMiniMnist(mirror);
        byte[] truncated = IdxFiles.gzip(java.util.Arrays.copyOf(IdxFiles.images(5, 4, 4), 40));
        IdxFiles.write(mirror, "t10k-images-idx3-ubyte.gz", truncated);
        Path target = dir.resolve("data");
        IOException e = assertThrows(IOException.class, () -> MnistDownload.download(target, List.of(mirror.toUri())));
        assertTrue(e.getMessage().startsWith("MnistDownload: could not fetch t10k-images-idx3-ubyte.gz from any mirror: "
                + mirror.toUri().resolve("t10k-images-idx3-ubyte.gz") + ": not a valid t10k-images-idx3-ubyte.gz"
                + " (data: truncated: expected 80 bytes of pixels, found 24)"), e.getMessage());
        assertFalse(Files.exists(target.resolve("t10k-images-idx3-ubyte.gz")));
        // the files fetched before the bad one, and no temporary file of any name
        assertOnlyFiles(target, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
    }

    @Test
    void loadsBundledResources() throws IOException {
        Path root = dir.resolve("classes");
        writeMiniMnist(root.resolve("org/example/mnist"));
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {root.toUri().toURL()}, null)) {
            Mnist mnist = Mnist.loadResources(loader, "org/example/mnist");
            assertEquals(20, mnist.train().n());
            assertEquals(4, mnist.test().labels().orElseThrow()[4]);
            assertEquals("missing MNIST resources elsewhere/train-images-idx3-ubyte[.gz] and"
                            + " elsewhere/t10k-images-idx3-ubyte[.gz]",
                    assertThrows(DataFileException.class, () -> Mnist.loadResources(loader, "elsewhere")).getMessage());
        }
    }

    private static void assertOnlyFiles(Path d, String... names) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(List.of(names), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
