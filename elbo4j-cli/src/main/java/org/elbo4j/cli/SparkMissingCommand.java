package org.elbo4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code elbo4j spark} when Spark is not on the class path: the Spark commands live in the
 * elbo4j-spark module ({@code org.elbo4j.cli.SparkCommand}), which this module does not depend
 * on; the launcher runs them with that module's jar and Spark's jars, {@code spark-submit} with
 * Spark's. Without them this command says so in one line (exit 2).
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = {"Run elbo4j's training on Apache Spark (needs the elbo4j-spark module and Spark's jars).",
            "The Spark commands (vae train, fit, convert) are in the elbo4j-spark module; the ./elbo4j launcher adds"
                + " it and Spark's jars to the class path when the first argument is spark, and spark-submit runs"
                + " them from elbo4j-spark.jar."},
        footer = {"  ./elbo4j spark vae train --data train.parquet --master local[2] --out run1",
            "  spark-submit --class org.elbo4j.cli.SparkMain elbo4j-spark.jar fit --help"})
final class SparkMissingCommand implements Callable<Integer> {

    /** The class of the real command, in elbo4j-spark. */
    static final String SPARK_COMMAND = "org.elbo4j.cli.SparkCommand";

    /** The real {@code spark} command when elbo4j-spark is on the class path, else this one. */
    static Object sparkCommand() {
        try {
            return Class.forName(SPARK_COMMAND).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new SparkMissingCommand();
        }
    }

    @CommandLine.Unmatched
    java.util.List<String> rest;

    @Override
    public Integer call() {
        throw new UserError("spark: the Spark commands need the elbo4j-spark module and Spark's jars on the class"
                + " path: run them through the ./elbo4j launcher (./elbo4j spark ...) or spark-submit");
    }
}
