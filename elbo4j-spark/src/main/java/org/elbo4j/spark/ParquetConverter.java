package org.elbo4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Converts IDX or CSV data to Parquet (a directory of parts, as Spark writes it), with the
 * columns of {@link SparkSources}: {@code features} ({@code array<float>}) and, for labelled IDX,
 * {@code label}, and {@link SparkSources#INDEX}, the row number, by which {@link SparkSources#read}
 * puts the rows back in their order (Spark reads the part files largest first).
 *
 * <p>The directory appears whole or not at all: Spark writes into a temporary sibling, which is
 * then renamed to {@code out}; an existing {@code out} is an error and stays untouched.
 */
public final class ParquetConverter {

    private ParquetConverter() {
    }

    /**
     * Writes {@code in} (any input of {@link SparkSources#read}) to the Parquet directory
     * {@code out} in {@code partitions} parts (0: as read) and returns the number of rows.
     *
     * @throws IllegalArgumentException if out exists or the input cannot be read
     */
    public static long convert(SparkSession spark, Path in, Path out, int partitions) throws IOException {
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + ": exists (the converter does not overwrite)");
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("ParquetConverter: partitions must be >= 0, got " + partitions);
        }
        Dataset<Row> frame = SparkSources.read(spark, in);
        FeatureColumn.rows(frame, SparkSources.FEATURES).count();
        frame = SparkSources.withRowIndex(spark, frame, SparkSources.INDEX);
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
