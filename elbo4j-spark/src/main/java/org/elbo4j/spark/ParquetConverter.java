package org.elbo4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.elbo4j.topics.Corpus;
import org.elbo4j.topics.UciBagOfWords;

/**
 * Converts IDX or CSV data to Parquet (a directory of parts, as Spark writes it), with the
 * columns of {@link SparkSources}: {@code features} ({@code array<float>}) and, for labelled IDX,
 * {@code label}, and {@link SparkSources#INDEX}, the row number, by which {@link SparkSources#read}
 * puts the rows back in their order (Spark reads the part files largest first); and text or UCI
 * corpora to the columns {@value #TEXT} or {@value #COUNTS} ({@link #convertCorpus}).
 *
 * <p>The directory appears whole or not at all: Spark writes into a temporary sibling, which is
 * then renamed to {@code out}; an existing {@code out} is an error and stays untouched.
 */
public final class ParquetConverter {

    /** The text column of a corpus of lines. */
    public static final String TEXT = "text";
    /** The term-count column of a UCI corpus. */
    public static final String COUNTS = "counts";

    private ParquetConverter() {
    }

    /**
     * Writes {@code in} (any input of {@link SparkSources#read}) to the Parquet directory
     * {@code out} in {@code partitions} parts (0: as read) and returns the number of rows.
     *
     * @throws IllegalArgumentException if out exists or the input cannot be read
     */
    public static long convert(SparkSession spark, Path in, Path out, int partitions) throws IOException {
        return convert(spark, DataLocation.of(in), out, partitions);
    }

    /** {@link #convert(SparkSession, Path, Path, int)} of a local path or a Hadoop URI (CSV or Parquet). */
    public static long convert(SparkSession spark, DataLocation in, Path out, int partitions) throws IOException {
        checkOut(out, partitions);
        Dataset<Row> frame = SparkSources.read(spark, in);
        FeatureColumn.rows(frame, SparkSources.FEATURES).count();
        return write(spark, frame, out, partitions);
    }

    /**
     * Writes a corpus for {@code spark topics fit --format parquet} to the Parquet directory
     * {@code out}: a text file of one document per line as the string column {@value #TEXT}, or a
     * UCI docword file (and its vocabulary, which stays the vocabulary of the term ids) as the
     * vector column {@value #COUNTS} ({@code SparseVector}s of length W, ids increasing, as
     * MLlib's {@code CountVectorizer} writes them). The text is read by Spark; the docword file
     * by {@link UciBagOfWords} on the driver.
     *
     * @param vocab the UCI vocabulary (null for lines)
     * @return the number of documents
     * @throws IllegalArgumentException if out exists or the input cannot be read
     */
    public static long convertCorpus(SparkSession spark, Path in, Path vocab, Path out, int partitions)
            throws IOException {
        return convertCorpus(spark, DataLocation.of(in), vocab, out, partitions);
    }

    /**
     * {@link #convertCorpus(SparkSession, Path, Path, Path, int)} of a local path or, for a corpus of
     * lines (read by Spark), a Hadoop URI; a UCI docword file is read on the driver, so it must be local.
     */
    public static long convertCorpus(SparkSession spark, DataLocation in, Path vocab, Path out, int partitions)
            throws IOException {
        checkOut(out, partitions);
        if (vocab != null && in.isHadoop()) {
            throw new IllegalArgumentException(in + ": a UCI docword file is read on the driver and must be a local"
                    + " path; copy it to the driver's file system");
        }
        if (!in.exists(spark) || in.isDirectory(spark)) {
            throw new IllegalArgumentException(in + ": no such file");
        }
        Dataset<Row> frame;
        if (vocab == null) {
            frame = spark.read().text(in.uri()).withColumnRenamed("value", TEXT);
        } else {
            Corpus corpus = UciBagOfWords.read(in.local(), vocab).corpus();
            List<Row> rows = new ArrayList<>(corpus.docs());
            for (int d = 0; d < corpus.docs(); d++) {
                TreeMap<Integer, Double> entries = new TreeMap<>();
                for (int i = corpus.start(d); i < corpus.end(d); i++) {
                    entries.merge(corpus.wordId(i), corpus.count(i), Double::sum);
                }
                int[] ids = entries.keySet().stream().mapToInt(Integer::intValue).toArray();
                double[] counts = entries.values().stream().mapToDouble(Double::doubleValue).toArray();
                rows.add(RowFactory.create(Vectors.sparse(corpus.vocabSize(), ids, counts)));
            }
            frame = spark.createDataFrame(rows, new StructType().add(COUNTS, new VectorUDT(), false));
        }
        return write(spark, frame, out, partitions);
    }

    private static void checkOut(Path out, int partitions) {
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + ": exists (the converter does not overwrite)");
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("ParquetConverter: partitions must be >= 0, got " + partitions);
        }
    }

    private static long write(SparkSession spark, Dataset<Row> rows, Path out, int partitions) throws IOException {
        Dataset<Row> frame = SparkSources.withRowIndex(spark, rows, SparkSources.INDEX);
        if (partitions > 0) {
            frame = frame.coalesce(partitions);
        }
        Path abs = out.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        deleteTree(tmp);
        try {
            frame.write().mode(SaveMode.ErrorIfExists).parquet(tmp.toString());
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
        return spark.read().parquet(abs.toString()).count();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
