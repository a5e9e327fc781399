package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.elbo4j.spark.ParquetConverter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code elbo4j spark convert}: IDX or CSV to Parquet ({@link ParquetConverter}). */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert IDX or CSV data to a Parquet directory that the Spark commands read.",
            "Writes the column features (array<float>, a row's values in order), label for labelled IDX, and"
                + " row_index, by which the Spark commands read the rows back in their order. An existing --out"
                + " is left untouched."},
        footer = {"  elbo4j spark convert --data mnist-dir --out mnist-train.parquet",
            "  elbo4j spark convert --data images.csv --out images.parquet --partitions 4"})
final class SparkConvertCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "The input: an MNIST directory (its training images), an IDX images file or a CSV file.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The Parquet directory to create.")
    Path out;

    @ArgGroup(validate = false, heading = "Spark:%n")
    SparkOptions spark = new SparkOptions();

    /** Where the summary line goes (tests may replace it). */
    PrintStream progress = System.err;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(data)) {
            throw new UserError("--data " + data + ": no such file or directory");
        }
        if (Files.exists(out)) {
            throw new UserError("--out " + out + ": exists (convert does not overwrite)");
        }
        spark.check();
        SparkSession session = spark.session("elbo4j spark convert");
        try {
            long rows = ParquetConverter.convert(session, data, out, spark.partitions);
            progress.printf("%d rows written to %s%n", rows, out.toAbsolutePath());
            return 0;
        } catch (Exception e) {
            throw SparkOptions.failure(e, data);
        } finally {
            spark.stop(session);
        }
    }
}
