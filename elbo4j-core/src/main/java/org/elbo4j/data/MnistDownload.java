package org.elbo4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.io.DataFileException;

/**
 * Downloads the four MNIST files into a directory, for {@link Mnist#load}.
 *
 * <p>Each file is fetched from the first mirror that serves a valid copy: it is written to a
 * temporary file in the target directory, parsed completely with {@link Idx} (magic number,
 * dimensions, length), and only then renamed to its final name ({@link AtomicFiles#replace}), so
 * an interrupted download never leaves a partial file under the real name. Files that
 * already exist and parse are kept. Any URL scheme {@link URL#openConnection()} supports works,
 * {@code file:} included.
 */
public final class MnistDownload {

    /** The four gzip files, in the order they are fetched. */
    public static final List<String> FILES = List.of(Mnist.TRAIN_IMAGES + ".gz", Mnist.TRAIN_LABELS + ".gz",
            Mnist.TEST_IMAGES + ".gz", Mnist.TEST_LABELS + ".gz");

    /** torchvision's mirror list: its S3 copy first, then Yann LeCun's original site. */
    public static final List<URI> DEFAULT_MIRRORS = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("http://yann.lecun.com/exdb/mnist/"));

    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int READ_TIMEOUT_MS = 60_000;
    private static final int MAX_REDIRECTS = 5;

    private MnistDownload() {
    }

    /** Downloads from {@link #DEFAULT_MIRRORS}; returns the paths of the four files. */
    public static List<Path> download(Path dir) throws IOException {
        return download(dir, DEFAULT_MIRRORS);
    }

    /**
     * Downloads from the base URLs in order (each file name is resolved against each base);
     * returns the paths of the four files.
     *
     * @throws IOException naming the file and every mirror's failure when no mirror served it
     */
    public static List<Path> download(Path dir, List<URI> mirrors) throws IOException {
        if (mirrors.isEmpty()) {
            throw new IllegalArgumentException("MnistDownload: no mirrors given");
        }
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (String file : FILES) {
            Path target = dir.resolve(file);
            if (!(Files.isRegularFile(target) && isValid(target, file))) {
                fetchFromAny(target, file, mirrors);
            }
            out.add(target);
        }
        return out;
    }

    private static void fetchFromAny(Path target, String file, List<URI> mirrors) throws IOException {
        List<String> failures = new ArrayList<>();
        for (URI base : mirrors) {
            URI source = resolve(base, file);
            try {
                AtomicFiles.replace(target, tmp -> {
                    try (InputStream in = openFollowingRedirects(source.toURL())) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                    verify(tmp, file);
                });
                return;
            } catch (IOException e) {
                failures.add(source + ": " + e.getMessage());
            }
        }
        throw new IOException("MnistDownload: could not fetch " + file + " from any mirror: "
                + String.join("; ", failures));
    }

    private static URI resolve(URI base, String file) {
        String s = base.toString();
        return URI.create(s.endsWith("/") ? s : s + "/").resolve(file);
    }

    /** Parses a downloaded copy completely; the message names the source on failure. */
    private static void verify(Path tmp, String file) throws IOException {
        try {
            read(tmp, file);
        } catch (DataFileException e) {
            throw new DataFileException("not a valid " + file + " (" + e.getMessage().replace(tmp.toString(), "data")
                    + ")", e);
        }
    }

    private static boolean isValid(Path path, String file) {
        try {
            read(path, file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void read(Path path, String file) throws IOException {
        if (file.contains("labels")) {
            Idx.readLabels(path);
        } else {
            Idx.readImages(path);
        }
    }

    /** Opens a URL, following HTTP redirects (also from http to https, which URLConnection will not). */
    private static InputStream openFollowingRedirects(URL url) throws IOException {
        URL current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            URLConnection c = current.openConnection();
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            if (!(c instanceof HttpURLConnection http)) {
                return c.getInputStream();
            }
            http.setInstanceFollowRedirects(false);
            http.setRequestProperty("User-Agent", "elbo4j");
            int code = http.getResponseCode();
            if (code >= 300 && code < 400 && http.getHeaderField("Location") != null) {
                current = URI.create(current.toString()).resolve(http.getHeaderField("Location")).toURL();
                http.disconnect();
                continue;
            }
            if (code != HttpURLConnection.HTTP_OK) {
                http.disconnect();
                throw new IOException("HTTP " + code);
            }
            return http.getInputStream();
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects");
    }
}
