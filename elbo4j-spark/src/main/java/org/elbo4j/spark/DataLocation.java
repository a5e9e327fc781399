package org.elbo4j.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.sql.SparkSession;

/**
 * Where a Spark command's input is: a path on the driver's file system, or a Hadoop file-system
 * URI ({@code hdfs://}, {@code s3a://}, {@code file://}, {@code abfs://}, {@code gs://}, ...) that
 * Spark reads and whose checks go through {@code org.apache.hadoop.fs.FileSystem} with the
 * session's Hadoop configuration.
 *
 * <p>The rule: a text that starts with a scheme of two or more characters (a letter, then letters,
 * digits, {@code +}, {@code -} or {@code .}; RFC 3986 section 3.1) followed by {@code ://} is a
 * Hadoop location; any other text (a relative or absolute path, a Windows-like {@code C:\x} whose
 * "scheme" is one letter, {@code ./x:y.csv}) is a local path, exactly as a {@link Path} option.
 */
public final class DataLocation {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+)://.*", Pattern.DOTALL);

    private final String text;
    private final String scheme;
    private final Path local;

    private DataLocation(String text, String scheme, Path local) {
        this.text = text;
        this.scheme = scheme;
        this.local = local;
    }

    /**
     * The location written {@code text}: Hadoop when it starts with {@code scheme://} (scheme of two
     * or more characters), else the local path {@code Path.of(text)}.
     *
     * @throws IllegalArgumentException if text is null or blank
     */
    public static DataLocation of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("DataLocation: text must be a path or URI, got '" + text + "'");
        }
        Matcher m = SCHEME.matcher(text);
        return m.matches() ? new DataLocation(text, m.group(1).toLowerCase(Locale.ROOT), null) : of(Path.of(text));
    }

    /** The local path {@code path}. */
    public static DataLocation of(Path path) {
        return new DataLocation(path.toString(), null, path);
    }

    /** True for a Hadoop URI, false for a local path. */
    public boolean isHadoop() {
        return local == null;
    }

    /** The URI's scheme in lower case (null for a local path). */
    public String scheme() {
        return scheme;
    }

    /**
     * The local path.
     *
     * @throws IllegalStateException for a Hadoop URI
     */
    public Path local() {
        if (local == null) {
            throw new IllegalStateException("DataLocation: " + text + " is a Hadoop URI, not a local path");
        }
        return local;
    }

    /** The last name of the location (its file name), in lower case: what tells CSV, Parquet and IDX apart. */
    public String name() {
        String n = local != null ? String.valueOf(local.getFileName()) : new org.apache.hadoop.fs.Path(text).getName();
        return n.toLowerCase(Locale.ROOT);
    }

    /** The text Spark's readers take: the URI as given, or the local path. */
    public String uri() {
        return local != null ? local.toString() : text;
    }

    /**
     * The Hadoop file system of a URI in the session's Hadoop configuration.
     *
     * @throws IllegalArgumentException naming the scheme when no file system serves it
     */
    private FileSystem fileSystem(SparkSession spark) throws IOException {
        try {
            return hadoopPath().getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (UnsupportedFileSystemException e) {
            throw new IllegalArgumentException(text + ": no Hadoop file system for the scheme '" + scheme
                    + "' on the class path (a connector such as hadoop-aws for s3a is added with spark-submit"
                    + " --packages or --jars)", e);
        }
    }

    private org.apache.hadoop.fs.Path hadoopPath() {
        return new org.apache.hadoop.fs.Path(text);
    }

    /** True when the file or directory exists. */
    public boolean exists(SparkSession spark) throws IOException {
        return local != null ? Files.exists(local) : fileSystem(spark).exists(hadoopPath());
    }

    /** True when it is a directory. */
    public boolean isDirectory(SparkSession spark) throws IOException {
        if (local != null) {
            return Files.isDirectory(local);
        }
        FileSystem fs = fileSystem(spark);
        return fs.exists(hadoopPath()) && fs.getFileStatus(hadoopPath()).isDirectory();
    }

    /** True when it is a directory holding an entry {@code child}. */
    public boolean hasChild(SparkSession spark, String child) throws IOException {
        if (local != null) {
            return Files.isDirectory(local) && Files.exists(local.resolve(child));
        }
        return isDirectory(spark) && fileSystem(spark).exists(new org.apache.hadoop.fs.Path(hadoopPath(), child));
    }

    /**
     * The first non-blank line of the file (UTF-8, a byte-order mark removed).
     *
     * @throws IllegalArgumentException if the file has no non-blank line
     */
    public String firstLine(SparkSession spark) throws IOException {
        try (BufferedReader in = local != null ? Files.newBufferedReader(local, StandardCharsets.UTF_8)
                : new BufferedReader(new InputStreamReader(fileSystem(spark).open(hadoopPath()), StandardCharsets.UTF_8))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                String line = l.startsWith("\uFEFF") ? l.substring(1) : l;
                if (!line.isBlank()) {
                    return line;
                }
            }
        }
        throw new IllegalArgumentException(text + ": no data rows (empty file)");
    }

    /** The URI as given, or the local path (as {@link Path#toString} writes it, as the messages did before). */
    @Override
    public String toString() {
        return text;
    }
}
