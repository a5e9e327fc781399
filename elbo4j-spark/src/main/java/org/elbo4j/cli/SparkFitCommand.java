package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.spark.DataLocation;
import org.elbo4j.spark.FeatureColumn;
import org.elbo4j.spark.JobClock;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.models.LinearRegression;
import org.elbo4j.spark.SparkLinearRegression;
import org.elbo4j.spark.SparkLogisticRegression;
import org.elbo4j.spark.RowSummary;
import org.elbo4j.spark.SparkSources;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j spark fit}: {@code elbo4j fit --model logistic} or {@code --model linear} on rows
 * held by Spark ({@link SparkLogisticRegression}, {@link SparkLinearRegression}), with the local command's options, printout and fit.json.
 * The input checks are the local command's ({@link PredictorRanges}: constant predictors; for
 * logistic, labels all equal and a predictor that separates them), on ranges summed over the
 * partitions in the Spark job that builds the model ({@link RowSummary}): the rows are read once.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit a Bayesian logistic or linear regression to data on Spark and report it as elbo4j fit does.",
            "The models and the fit of elbo4j fit --model logistic: y ~ Bernoulli(sigmoid(intercept + x.beta)),"
                + " and --model linear: y ~ N(intercept + x.beta, sigma^2) with sigma ~ --noise-prior;"
                + " beta_j, intercept ~ N(0, prior-scale^2); the Laplace start (Newton), the variational steps"
                + " and the importance-sampled evidence and khat evaluate the log density as Spark jobs summed"
                + " over the partitions. The meanfield, fullrank, lowrank or flow guides (flow: full data only), on the full data or, with --batch B,"
                + " on B rows per step (log-likelihood scaled by N/B; evidence and khat on the full data). Data: a CSV"
                + " file with a header line or Parquet, a local path or a Hadoop URI (hdfs://, s3a://, file://;"
                + " --out is a local path, written by the driver); the predictors are every column but --target, or the"
                + " vector or array column --features."},
        optionListHeading = "What to fit:%n",
        footer = {"  elbo4j spark fit --model logistic --data data.csv --guide fullrank --out fit1",
            "  elbo4j spark fit --model logistic --data rows.parquet --features x --target y",
            "  elbo4j spark fit --model linear --data data.csv --noise-prior lognormal",
            "  elbo4j spark fit --model logistic --data rows.csv --batch 10000"})
final class SparkFitCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "The model: logistic or linear (--noise-scale is not available on Spark).")
    String model;

    @Option(names = "--data", required = true, paramLabel = "PATH|URI", converter = DataLocationConverter.class,
            description = "The data: a CSV file with a header line, or Parquet. " + DataLocationConverter.URIS)
    DataLocation data;

    @Option(names = "--target", defaultValue = "y", paramLabel = "COLUMN",
            description = "The response column, 0 or 1 for logistic (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--features", paramLabel = "COLUMN",
            description = "A vector or array column holding the predictors (default: every column but --target).")
    String features;

    @Option(names = "--guide", defaultValue = "meanfield", paramLabel = "FAMILY",
            description = "The posterior approximation: meanfield, fullrank, lowrank:R or flow (default: ${DEFAULT-VALUE}).")
    String guide;

    @ArgGroup(validate = false, heading = "Model:%n")
    FitCommand.Priors priors = new FitCommand.Priors();

    @ArgGroup(validate = false, heading = "Inference:%n")
    FitCommand.Inference inference = new FitCommand.Inference();

    @ArgGroup(validate = false, heading = "Output:%n")
    FitCommand.Output output = new FitCommand.Output();

    @ArgGroup(validate = false, heading = "Spark:%n")
    SparkOptions spark = new SparkOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DataLocationConverter.requireLocalOut(spec);
        if (!model.equals("logistic") && !model.equals("linear")) {
            throw new UserError("--model: on Spark only logistic and linear are available, got '" + model + "'");
        }
        LinearRegression.NoisePrior noisePrior = switch (priors.noisePrior) {
            case "halfnormal" -> LinearRegression.NoisePrior.HALF_NORMAL;
            case "lognormal" -> LinearRegression.NoisePrior.LOG_NORMAL;
            default -> throw new UserError("--noise-prior: expected halfnormal or lognormal, got '"
                    + priors.noisePrior + "'");
        };
        String g = guide.toLowerCase(Locale.ROOT);
        if (g.equals("map") || g.equals("laplace")) {
            throw new UserError("--guide " + guide + ": on Spark only meanfield, fullrank and lowrank:R are available");
        }
        if (priors.noiseScale != null) {
            throw new UserError(model.equals("linear") ? "--noise-scale: on Spark the noise sd is always fitted"
                    + " (the known-noise conjugate model is local only)" : "--noise-scale applies to --model linear only");
        }
        FitCommand local = new FitCommand();
        local.guide = guide;
        local.inference = inference;
        local.output = output;
        FitConfig config = local.config();
        if (config.optimizer() == org.elbo4j.bayes.OptimizerKind.NATURAL && !model.equals("logistic")) {
            throw new UserError("--optimizer natural: on Spark needs --model logistic, got --model " + model);
        }
        if (output.out != null && Files.exists(output.out) && !Files.isDirectory(output.out)) {
            throw new UserError("--out " + output.out + ": exists and is not a directory");
        }
        if (output.repeat != 1) {
            throw new UserError("--repeat: on Spark only 1 is available, got " + output.repeat);
        }
        if (!data.isHadoop() && !Files.exists(data.local())) {
            throw new UserError("--data " + data + ": no such file or directory");
        }
        spark.check();
        SparkFitTimings timings = new SparkFitTimings();
        SparkSession session = spark.session("elbo4j spark fit");
        timings.mark("session");
        BayesModel m = null;
        JobClock clock = null;
        Runnable release = null;
        try {
            DataLocationConverter.requireExists("--data", data, session);
            Dataset<Row> frame = spark.partitioned(table(session));
            List<String> predictors = new ArrayList<>();
            String column = features;
            if (column == null) {
                List<Column> cells = new ArrayList<>();
                for (String c : frame.columns()) {
                    if (!c.equals(target)) {
                        predictors.add(c);
                        cells.add(functions.col("`" + c + "`").cast(DataTypes.DoubleType));
                    }
                }
                if (!Arrays.asList(frame.columns()).contains(target)) {
                    throw new UserError("--data " + data + ": no column '" + target + "' (the columns are "
                            + Arrays.toString(frame.columns()) + ")");
                }
                if (cells.isEmpty()) {
                    throw new UserError("--data " + data + ": no predictor columns besides '" + target + "'");
                }
                column = "__elbo4j_x";
                frame = frame.select(functions.array(cells.toArray(new Column[0])).as(column),
                        functions.col("`" + target + "`").cast(DataTypes.DoubleType).as(target));
            }
            // read once, in the job that builds the model, which takes the checks' ranges on the way
            PredictorRanges ranges;
            if (model.equals("linear")) {
                JavaRDD<double[]> rows = FeatureColumn.doubles(frame, column, target);
                SparkLinearRegression linear = SparkLinearRegression.of(rows, priors.priorScale, noisePrior,
                        priors.noisePriorScale, priors.intercept, new Ranges());
                m = linear;
                release = linear::release;
                clock = linear.jobClock();
                ranges = linear.summary();
            } else {
                SparkLogisticRegression logistic = SparkLogisticRegression.of(frame, column, target,
                        priors.priorScale, priors.intercept, new Ranges());
                m = logistic;
                release = logistic::release;
                clock = logistic.jobClock();
                ranges = logistic.summary();
            }
            if (predictors.isEmpty()) {
                for (int j = 1; j <= ranges.columns(); j++) {
                    predictors.add(column + "[" + j + "]");
                }
            }
            ranges.checkConstant(data.toString(), predictors);
            if (model.equals("logistic")) {
                ranges.checkLabels(data.toString(), target, predictors);
            }
            timings.mark("read");
            FitResult result = BayesFit.fit(m, config);
            timings.mark("fit");
            // Spark is done: stop it before the report (the draws and summaries are in the result)
            release.run();
            release = null;
            spark.stop(session);
            timings.mark("stop");
            spec.commandLine().getErr().println("elbo4j spark fit: " + timings.line(clock));
            FitReport report = new FitReport(model, guide, result, predictors, null, new double[] {result.seconds()},
                    config.objectiveLabel());
            report.print(spec.commandLine().getOut());
            if (output.out != null) {
                report.write(output.out, timings.json(clock));
            }
            return 0;
        } catch (Exception e) {
            throw SparkOptions.failure(e, data);
        } finally {
            if (release != null) {
                release.run();
            }
            spark.stop(session);
        }
    }

    /** The input checks' ranges ({@link PredictorRanges}) as a summary of the rows taken while the model is built. */
    private static final class Ranges implements RowSummary<PredictorRanges> {
        private static final long serialVersionUID = 1L;

        @Override
        public PredictorRanges zero() {
            return new PredictorRanges();
        }

        @Override
        public PredictorRanges add(PredictorRanges s, double[] row) {
            return s.addRow(row);
        }

        @Override
        public PredictorRanges merge(PredictorRanges a, PredictorRanges b) {
            return a.merge(b);
        }
    }

    /** The table: a CSV file read by the local readers' rule ({@link SparkSources#csvColumns}), or Parquet. */
    private Dataset<Row> table(SparkSession session) throws IOException {
        if (data.name().endsWith(".csv")) {
            return SparkSources.csvColumns(session, data, DataTypes.DoubleType);
        }
        return session.read().parquet(data.uri());
    }
}
