package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.InitStrategy;
import org.elbo4j.bayes.OptimizerKind;
import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.elbo4j.bayes.models.EightSchools;
import org.elbo4j.bayes.models.LinearRegression;
import org.elbo4j.bayes.models.LogisticRegression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j fit}: the posterior of a built-in Bayesian model given a CSV file, by
 * {@link BayesFit#fit}. Prints the summary table, the verdict and the Pareto k̂ in plain words,
 * and writes fit.json and elbo.png to {@code --out} ({@link FitReport}). The options, the data
 * and the model are all checked before the fit starts and before anything is written, so a bad
 * invocation leaves an existing output directory as it was. With {@code --model linear
 * --noise-scale S} the model is the conjugate known-noise regression and the exact log evidence
 * and posterior are printed and saved next to the estimates.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit the posterior of a Bayesian model to a CSV file (header line required) and report it.",
            "linear:        y ~ N(intercept + x.beta, sigma^2), beta_j, intercept ~ N(0, prior-scale^2);",
            "               sigma known with --noise-scale (conjugate: exact evidence printed), else",
            "               sigma ~ --noise-prior with --noise-prior-scale.",
            "logistic:      y ~ Bernoulli(sigmoid(intercept + x.beta)), same priors; y must be 0/1.",
            "eight-schools: columns y (effect) and sigma (its standard error > 0); non-centred",
            "               mu ~ N(0, 5^2), tau ~ half-Cauchy(0, 5), theta_j = mu + tau * thetaTilde_j.",
            "The guide starts at the Laplace approximation at the mode and is learned in its whitened",
            "coordinates. Verdicts: CONVERGED; PLATEAU = stopped improving but NOT confirmed converged;",
            "DIVERGING, MAX_STEPS, NON_FINITE = failed.",
            "khat < 0.5 good, 0.5-0.7 ok, > 0.7 do not trust.",
            "Example: elbo4j fit --model logistic --data data.csv --guide fullrank --out run1"})
public final class FitCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "linear|logistic|eight-schools",
            description = "The model.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "The data, with a header line.")
    Path data;

    @Option(names = "--target", defaultValue = "y", paramLabel = "COLUMN",
            description = "The response column (default y); every other column is a predictor.")
    String target;

    @Option(names = "--guide", defaultValue = "meanfield", paramLabel = "meanfield|fullrank|lowrank:R|map|laplace",
            description = "The posterior approximation (default meanfield).")
    String guide;

    @Option(names = "--steps", defaultValue = "10000", description = "The step budget (default 10000).")
    int steps;

    @Option(names = "--particles", defaultValue = "1", description = "Draws per ELBO gradient (default 1).")
    int particles;

    @Option(names = "--seed", defaultValue = "0", description = "The seed of every random choice (default 0).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write fit.json and elbo.png here.")
    Path out;

    @Option(names = "--prior-scale", defaultValue = "1", paramLabel = "TAU",
            description = "Prior sd of the coefficients and intercept (default 1).")
    double priorScale;

    @Option(names = "--noise-scale", paramLabel = "SIGMA",
            description = "linear: the known noise sd (conjugate model with exact evidence).")
    Double noiseScale;

    @Option(names = "--noise-prior", defaultValue = "halfnormal", paramLabel = "halfnormal|lognormal",
            description = "linear without --noise-scale: the prior of sigma (default halfnormal).")
    String noisePrior;

    @Option(names = "--noise-prior-scale", defaultValue = "1", paramLabel = "S",
            description = "The scale of the sigma prior (default 1).")
    double noisePriorScale;

    @Option(names = "--intercept", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fit an intercept (default; --no-intercept to leave it out).")
    boolean intercept;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "adam|stan",
            description = "Adam (default) or Stan's adaptive step-size sequence.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Adam's initial learning rate (default 0.05; halved whenever a window shows no progress, "
                    + "in the whitened coordinates of the Laplace start).")
    Double learningRate;

    @Option(names = "--tol", paramLabel = "REL",
            description = "Convergence tolerance on the ELBO change per window, relative to max(1, |ELBO|) "
                    + "(default 1e-3).")
    Double tolerance;

    @Option(names = "--average", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Average the guide parameters over the last window (Polyak; default on, "
                    + "--no-average for the last iterate).")
    boolean average;

    @Option(names = "--init", defaultValue = "laplace", paramLabel = "laplace|prior-median|feasible|zero",
            description = "Where the guide starts: the Laplace approximation at the mode (default, whitened), the "
                    + "median of prior draws, uniform(-2, 2) or 0 in unconstrained space.")
    String init;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "Run the same fit N times in this process (default 1). For timing: the first run pays the "
                    + "JVM's warm-up, later ones show what a long-lived application sees. The output describes the "
                    + "last run (fits are deterministic for a seed); fit.json lists every run's seconds.")
    int repeat;

    @Option(names = "--psis", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Summarise the posterior from the evidence draws resampled by their Pareto-smoothed "
                    + "importance weights when khat < 0.7 (corrects the Gaussian towards the posterior, Yao et al. "
                    + "2018; default on, --no-psis for draws of the Gaussian itself).")
    boolean psis;

    @Option(names = "--stl", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Sticking-the-landing gradients (Roeder et al. 2017; default off).")
    boolean stl;

    @Option(names = "--batch", defaultValue = "0", description = "Observations per step; 0 = all (default).")
    int batch;

    @Option(names = "--evidence-samples", defaultValue = "1000",
            description = "Draws for the evidence and khat (default 1000; 0 to skip).")
    int evidenceSamples;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        FitConfig config = config();
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError("--out " + out + ": exists and is not a directory");
        }
        if (noiseScale != null && !model.equals("linear")) {
            throw new UserError("--noise-scale applies to --model linear only");
        }
        FitData inputs;
        BayesModel bayesModel;
        ConjugateLinearRegression conjugate = null;
        switch (model) {
            case "linear" -> {
                inputs = FitData.regression(data, target, false);
                if (noiseScale != null) {
                    double[][] x = inputs.x();
                    double[] y = inputs.y();
                    conjugate = CliArguments.checked("--noise-scale/--prior-scale",
                            () -> ConjugateLinearRegression.of(x, y, noiseScale, priorScale, intercept));
                    bayesModel = conjugate;
                } else {
                    LinearRegression.NoisePrior prior = switch (noisePrior) {
                        case "halfnormal" -> LinearRegression.NoisePrior.HALF_NORMAL;
                        case "lognormal" -> LinearRegression.NoisePrior.LOG_NORMAL;
                        default -> throw new UserError("--noise-prior: expected halfnormal or lognormal, got '"
                                + noisePrior + "'");
                    };
                    bayesModel = CliArguments.checked("--prior-scale/--noise-prior-scale", () -> LinearRegression.of(
                            inputs.x(), inputs.y(), priorScale, prior, noisePriorScale, intercept));
                }
            }
            case "logistic" -> {
                inputs = FitData.regression(data, target, true);
                bayesModel = CliArguments.checked("--prior-scale",
                        () -> LogisticRegression.of(inputs.x(), inputs.y(), priorScale, intercept));
            }
            case "eight-schools" -> {
                inputs = FitData.eightSchools(data, target);
                bayesModel = CliArguments.checked("--data " + data, () -> EightSchools.of(inputs.y(), inputs.sigma()));
            }
            default -> throw new UserError("--model: expected linear, logistic or eight-schools, got '" + model + "'");
        }
        if (repeat < 1) {
            throw new UserError("--repeat: must be >= 1, got " + repeat);
        }
        double[] seconds = new double[repeat];
        FitResult result = null;
        for (int i = 0; i < repeat; i++) {
            result = BayesFit.fit(bayesModel, config);
            seconds[i] = result.seconds();
        }
        FitReport report = new FitReport(model, guide, result, inputs.predictors(),
                conjugate == null ? null : exact(conjugate), seconds);
        report.print(spec.commandLine().getOut());
        if (out != null) {
            report.write(out);
        }
        return 0;
    }

    /** The fit settings from the options, each error naming its option. */
    private FitConfig config() {
        FitConfig c = FitConfig.defaults().withInit(switch (init.toLowerCase(Locale.ROOT)) {
            case "laplace" -> InitStrategy.laplace();
            case "prior-median" -> InitStrategy.priorMedian();
            case "feasible" -> InitStrategy.feasible();
            case "zero" -> InitStrategy.zero();
            default -> throw new UserError("--init: expected laplace, prior-median, feasible or zero, got '" + init
                    + "'");
        });
        String g = guide.toLowerCase(Locale.ROOT);
        if (g.startsWith("lowrank:")) {
            int rank;
            try {
                rank = Integer.parseInt(g.substring("lowrank:".length()));
            } catch (NumberFormatException e) {
                throw new UserError("--guide: expected lowrank:R with an integer R >= 1, got '" + guide + "'");
            }
            FitConfig base = c;
            c = CliArguments.checked("--guide", () -> base.withLowRank(rank));
        } else {
            c = c.withGuide(switch (g) {
                case "meanfield" -> GuideFamily.MEAN_FIELD;
                case "fullrank" -> GuideFamily.FULL_RANK;
                case "map" -> GuideFamily.MAP;
                case "laplace" -> GuideFamily.LAPLACE;
                default -> throw new UserError("--guide: expected meanfield, fullrank, lowrank:R, map or laplace, got '"
                        + guide + "'");
            });
        }
        OptimizerKind kind = switch (optimizer) {
            case "adam" -> OptimizerKind.ADAM;
            case "stan" -> OptimizerKind.STAN_ADAPTIVE;
            default -> throw new UserError("--optimizer: expected adam or stan, got '" + optimizer + "'");
        };
        FitConfig k = c.withOptimizer(kind).withSeed(seed);
        FitConfig s = CliArguments.checked("--steps", () -> k.withMaxSteps(steps));
        FitConfig p = CliArguments.checked("--particles", () -> s.withParticles(particles));
        FitConfig b = CliArguments.checked("--batch", () -> p.withBatchSize(batch));
        FitConfig e = CliArguments.checked("--evidence-samples", () -> b.withEvidenceSamples(evidenceSamples));
        FitConfig l = learningRate == null ? e : CliArguments.checked("--lr", () -> e.withLearningRate(learningRate));
        FitConfig t = tolerance == null ? l : CliArguments.checked("--tol", () -> l.withRelTolerance(tolerance));
        return t.withAverageIterates(average).withPsisSummaries(psis).withStickingTheLanding(stl);
    }

    /** The closed-form evidence and marginal posterior mean and sd of the conjugate model, by element name. */
    private FitReport.Exact exact(ConjugateLinearRegression m) {
        double[] mean = m.exactPosteriorMean();
        double[][] cov = m.exactPosteriorCovariance();
        Map<String, double[]> byName = new LinkedHashMap<>();
        int offset = intercept ? 1 : 0;
        if (intercept) {
            byName.put("intercept", new double[] {mean[0], Math.sqrt(cov[0][0])});
        }
        for (int j = offset; j < mean.length; j++) {
            byName.put("beta[" + (j - offset) + "]", new double[] {mean[j], Math.sqrt(cov[j][j])});
        }
        return new FitReport.Exact(m.exactLogEvidence(), byName);
    }
}
