package org.elbo4j.cli;

import org.elbo4j.spark.DataLocation;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads an input option of the Spark commands as a {@link DataLocation}: a Hadoop URI
 * ({@code hdfs://namenode:8020/x}, kept as written, where a {@code Path} option would fold the
 * double slash) or a local path.
 */
final class DataLocationConverter implements ITypeConverter<DataLocation> {

    /** What the option descriptions say about Hadoop URIs. */
    static final String URIS = "A Hadoop URI (hdfs://, s3a://, file://) is read by Spark on the cluster.";

    /** Why a vocabulary cannot be a Hadoop URI, and what to do instead. */
    static final String VOCAB_LOCAL_ONLY = "the vocabulary is read on the driver and must be a local path; copy it"
            + " to the driver's file system";

    @Override
    public DataLocation convert(String value) {
        return DataLocation.of(value);
    }

    /**
     * Throws the {@link UserError} of an input that must be a local path (read on the driver) but
     * was given as a Hadoop URI: {@code option location: what must be local; what to do instead}.
     */
    static void requireLocal(String option, DataLocation at, String why) {
        if (at != null && at.isHadoop()) {
            throw new UserError(option + " " + at + ": " + why);
        }
    }

    /**
     * Throws the {@link UserError} {@code option location: no such file or directory} when a
     * Hadoop URI names nothing (a local path is checked before Spark starts, without the session).
     */
    static void requireExists(String option, DataLocation at, org.apache.spark.sql.SparkSession session)
            throws java.io.IOException {
        if (at != null && at.isHadoop() && !at.exists(session)) {
            throw new UserError(option + " " + at + ": no such file or directory");
        }
    }

    /**
     * Throws the {@link UserError} of a {@code --out} given as a Hadoop URI, checked on the text as
     * typed (a {@code Path} option folds {@code hdfs://nn/x} into the local path {@code hdfs:/nn/x}):
     * the driver writes the outputs, so they are local paths.
     */
    static void requireLocalOut(picocli.CommandLine.Model.CommandSpec spec) {
        picocli.CommandLine.ParseResult parsed = spec == null ? null : spec.commandLine().getParseResult();
        picocli.CommandLine.Model.OptionSpec out = parsed == null ? null : parsed.matchedOption("--out");
        if (out == null) {
            return;
        }
        for (String v : out.stringValues()) {
            if (!v.isBlank()) {
                requireLocal("--out", DataLocation.of(v), "outputs are written by the driver and must be a local"
                        + " path; copy them to the cluster's file system afterwards");
            }
        }
    }
}
