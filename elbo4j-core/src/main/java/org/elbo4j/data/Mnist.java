package org.elbo4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elbo4j.io.DataFileException;

/**
 * The MNIST digits (LeCun, Cortes &amp; Burges): 28×28 grey-level images with pixel values in
 * [0, 1] and, when the label files are present, their classes 0–9.
 *
 * @param train the training images ("train-images-idx3-ubyte", 60,000 in the full set)
 * @param test the test images ("t10k-images-idx3-ubyte", 10,000 in the full set)
 */
public record Mnist(Dataset train, Dataset test) {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /**
     * Loads MNIST from the IDX files in {@code dir}, each plain or gzip-compressed (the
     * {@code .gz} name is tried after the plain one). The image files are required; a labels
     * file is read when present, and its count must match the images.
     *
     * @throws DataFileException naming every missing image file, or what is wrong with a file
     */
    public static Mnist load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir + ": no such directory (expected the MNIST files "
                    + TRAIN_IMAGES + "[.gz] and " + TEST_IMAGES + "[.gz] in it)");
        }
        Path trainImages = find(dir, TRAIN_IMAGES);
        Path testImages = find(dir, TEST_IMAGES);
        List<String> missing = new ArrayList<>();
        if (trainImages == null) {
            missing.add(TRAIN_IMAGES + "[.gz]");
        }
        if (testImages == null) {
            missing.add(TEST_IMAGES + "[.gz]");
        }
        if (!missing.isEmpty()) {
            throw new DataFileException(dir + ": missing MNIST file" + (missing.size() > 1 ? "s " : " ")
                    + String.join(" and ", missing) + " (MnistDownload.download fetches them)");
        }
        return new Mnist(split(trainImages, find(dir, TRAIN_LABELS)), split(testImages, find(dir, TEST_LABELS)));
    }

    /**
     * Loads MNIST bundled as resources {@code folder/train-images-idx3-ubyte[.gz]} etc. of a class
     * loader (the CLI ships a small subset this way), with the same rules as {@link #load}.
     *
     * @throws DataFileException naming every missing image resource, or what is wrong with one
     */
    public static Mnist loadResources(ClassLoader loader, String folder) throws IOException {
        String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        String trainImages = findResource(loader, prefix + TRAIN_IMAGES);
        String testImages = findResource(loader, prefix + TEST_IMAGES);
        List<String> missing = new ArrayList<>();
        if (trainImages == null) {
            missing.add(prefix + TRAIN_IMAGES + "[.gz]");
        }
        if (testImages == null) {
            missing.add(prefix + TEST_IMAGES + "[.gz]");
        }
        if (!missing.isEmpty()) {
            throw new DataFileException("missing MNIST resource" + (missing.size() > 1 ? "s " : " ")
                    + String.join(" and ", missing));
        }
        return new Mnist(resourceSplit(loader, trainImages, findResource(loader, prefix + TRAIN_LABELS)),
                resourceSplit(loader, testImages, findResource(loader, prefix + TEST_LABELS)));
    }

    private static Dataset resourceSplit(ClassLoader loader, String images, String labels) throws IOException {
        Dataset data;
        try (InputStream in = loader.getResourceAsStream(images)) {
            data = Idx.readImages(in, images);
        }
        if (labels == null) {
            return data;
        }
        int[] y;
        try (InputStream in = loader.getResourceAsStream(labels)) {
            y = Idx.readLabels(in, labels);
        }
        if (y.length != data.n()) {
            throw new DataFileException(labels + ": " + y.length + " labels for " + data.n() + " images in " + images);
        }
        return data.withLabels(y);
    }

    private static String findResource(ClassLoader loader, String base) {
        for (String name : new String[] {base, base + ".gz"}) {
            if (loader.getResource(name) != null) {
                return name;
            }
        }
        return null;
    }

    private static Dataset split(Path images, Path labels) throws IOException {
        return labels == null ? Idx.readImages(images) : Idx.read(images, labels);
    }

    /** {@code dir/base} or {@code dir/base.gz}, whichever is a file (plain first), or null. */
    static Path find(Path dir, String base) {
        for (String name : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
