package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.elbo4j.spark.DataLocation;
import org.elbo4j.spark.ParquetConverter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code elbo4j spark convert}: IDX or CSV to Parquet ({@link ParquetConverter}). */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert IDX, CSV or a text corpus to a Parquet directory that the Spark commands read.",
            "Writes the column features (array<float>, a row's values in order), label for labelled IDX, and"
                + " row_index, by which the Spark commands read the rows back in their order. A corpus for spark"
                + " topics fit --format parquet (--format lines or uci) becomes the column text (a document's"
                + " line) or counts (a sparse vector of term counts, the ids of the UCI vocabulary), with"
                + " row_index. An existing --out is left untouched."},
        footer = {"  elbo4j spark convert --data mnist-dir --out mnist-train.parquet",
            "  elbo4j spark convert --data images.csv --out images.parquet --partitions 4",
            "  elbo4j spark convert --data docs.txt --format lines --out docs.parquet",
            "  elbo4j spark convert --data docword.kos.txt --format uci --out kos.parquet"})
final class SparkConvertCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "PATH|URI", converter = DataLocationConverter.class,
            description = "The input: an MNIST directory (its training images), an IDX images file or a CSV file."
                    + " A Hadoop URI (hdfs://, s3a://, file://) is read by Spark for CSV and --format lines;"
                    + " IDX and UCI files are read on the driver and must be local paths.")
    DataLocation data;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The Parquet directory to create, a local path (the driver writes it).")
    Path out;

    @Option(names = "--format", defaultValue = "data", paramLabel = "NAME",
            description = "data (IDX or CSV, told apart by the name), lines (a text corpus, one document per line)"
                    + " or uci (a UCI docword file with vocab.txt next to it, or --vocab) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--vocab", paramLabel = "FILE", converter = DataLocationConverter.class,
            description = "The vocab.txt of a UCI corpus, a local path (default: next to the docword file).")
    DataLocation vocab;

    @ArgGroup(validate = false, heading = "Spark:%n")
    SparkOptions spark = new SparkOptions();

    /** Where the summary line goes (tests may replace it). */
    PrintStream progress = System.err;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DataLocationConverter.requireLocalOut(spec);
        if (!data.isHadoop() && !Files.exists(data.local())) {
            throw new UserError("--data " + data + ": no such file or directory");
        }
        if (Files.exists(out)) {
            throw new UserError("--out " + out + ": exists (convert does not overwrite)");
        }
        if (!format.equals("data") && !format.equals("lines") && !format.equals("uci")) {
            throw new UserError("--format must be data, lines or uci, got '" + format + "'");
        }
        if (vocab != null && !format.equals("uci")) {
            throw new UserError("--vocab is for --format uci, got --format " + format);
        }
        DataLocationConverter.requireLocal("--vocab", vocab, DataLocationConverter.VOCAB_LOCAL_ONLY);
        if (format.equals("uci")) {
            DataLocationConverter.requireLocal("--data", data, "a UCI docword file is read on the driver and must be"
                    + " a local path; copy it to the driver's file system");
        }
        spark.check();
        SparkSession session = spark.session("elbo4j spark convert");
        try {
            DataLocationConverter.requireExists("--data", data, session);
            long rows = format.equals("data") ? ParquetConverter.convert(session, data, out, spark.partitions)
                    : ParquetConverter.convertCorpus(session, data,
                            format.equals("uci") ? TopicsData.vocabFile(data.local(), vocab == null ? null : vocab.local()) : null, out, spark.partitions);
            progress.printf("%d rows written to %s%n", rows, out.toAbsolutePath());
            return 0;
        } catch (Exception e) {
            throw SparkOptions.failure(e, data);
        } finally {
            spark.stop(session);
        }
    }
}
