package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.elbo4j.spark.DataLocation;
import org.elbo4j.spark.SparkBagOfWords;
import org.elbo4j.spark.SparkSources;
import org.elbo4j.topics.BagOfWords;
import org.elbo4j.topics.UciBagOfWords;
import org.elbo4j.topics.VocabularyFilter;
import picocli.CommandLine.Option;

/**
 * The input options of {@code spark topics fit}: those of {@code topics fit} (lines, uci, read on
 * the driver) and {@code --format parquet}, a Parquet corpus read by the executors
 * ({@link SparkBagOfWords}) from a text column or a term-count column with a vocabulary file.
 */
final class SparkTopicsInput extends TopicsFitCommand.Filter {

    @Option(names = "--format", defaultValue = "lines", paramLabel = "NAME",
            description = "lines (plain text, one document per line), uci (docword file with vocab.txt next to it),"
                    + " both read by the driver, or parquet (a Parquet file or directory read by the executors:"
                    + " --text, or --counts with --vocab) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--vocab", paramLabel = "FILE", converter = DataLocationConverter.class,
            description = "The vocabulary, one word per line, word id i on line i + 1: the vocab.txt of a UCI corpus"
                    + " (default: next to the docword file), or the words of --counts; a local path.")
    DataLocation vocab;

    @Option(names = "--text", paramLabel = "COLUMN",
            description = "Parquet: the string column of each document's text, tokenized and filtered as lines are.")
    String textColumn;

    @Option(names = "--counts", paramLabel = "COLUMN",
            description = "Parquet: the column of each document's term counts: a vector (CountVectorizer's output) or"
                    + " an array of length V, or with --ids an array of the counts of those ids.")
    String countsColumn;

    @Option(names = "--ids", paramLabel = "COLUMN",
            description = "Parquet: the array column of each document's term ids (0 to V - 1), counted in --counts.")
    String idsColumn;

    /** True for --format parquet. */
    boolean parquet() {
        return "parquet".equals(format);
    }

    /** Checks the format and the column options before Spark starts. */
    void check() {
        DataLocationConverter.requireLocal("--vocab", vocab, DataLocationConverter.VOCAB_LOCAL_ONLY);
        if (!parquet()) {
            if (!format.equals("lines") && !format.equals("uci")) {
                throw new UserError("--format must be lines, uci or parquet, got '" + format + "'");
            }
            for (String[] o : new String[][] {{"--text", textColumn}, {"--counts", countsColumn},
                {"--ids", idsColumn}}) {
                if (o[1] != null) {
                    throw new UserError(o[0] + " is for --format parquet, got --format " + format);
                }
            }
            return;
        }
        if ((textColumn == null) == (countsColumn == null)) {
            throw new UserError("--format parquet needs one of --text and --counts");
        }
        if (textColumn != null && (vocab != null || idsColumn != null)) {
            throw new UserError((vocab != null ? "--vocab" : "--ids")
                    + " goes with --counts; --text builds its own vocabulary");
        }
        if (countsColumn != null && vocab == null) {
            throw new UserError("--counts needs --vocab (the words of the term ids)");
        }
        if (vocab != null && !Files.isRegularFile(vocab.local())) {
            throw new UserError("--vocab " + vocab + ": no such file");
        }
    }

    /** These options for the local command (the format and vocabulary as given). */
    TopicsFitCommand.Input local() {
        TopicsFitCommand.Input in = new TopicsFitCommand.Input();
        copyTo(in);
        in.format = format;
        in.vocab = vocab == null ? null : vocab.local();
        return in;
    }

    /** The report's settings of the Parquet columns (none for lines and uci). */
    Map<String, Object> settings() {
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        if (textColumn != null) {
            s.put("text_column", textColumn);
        }
        if (countsColumn != null) {
            s.put("counts_column", countsColumn);
        }
        if (idsColumn != null) {
            s.put("ids_column", idsColumn);
        }
        return s;
    }

    /** The Parquet corpus {@code docs}, read by the executors of {@code spark}. */
    BagOfWords read(SparkSession spark, DataLocation docs, VocabularyFilter filter) throws IOException {
        if (docs.isHadoop() ? !docs.exists(spark) : !Files.exists(docs.local())) {
            throw new UserError("--docs " + docs + ": no such file or directory");
        }
        Dataset<Row> frame;
        try {
            frame = SparkSources.parquet(spark, docs);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new UserError("--docs " + docs + ": cannot read it as Parquet ("
                    + String.valueOf(root.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
        if (textColumn != null) {
            return SparkBagOfWords.text(frame, textColumn, filter);
        }
        var words = UciBagOfWords.readVocabulary(vocab.local());
        return idsColumn == null ? SparkBagOfWords.counts(frame, countsColumn, words)
                : SparkBagOfWords.termIds(frame, idsColumn, countsColumn, words);
    }
}
