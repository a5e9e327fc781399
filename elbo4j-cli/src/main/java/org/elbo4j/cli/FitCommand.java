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
import org.elbo4j.bayes.GaussianExpectations;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.InitStrategy;
import org.elbo4j.bayes.OptimizerKind;
import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.elbo4j.bayes.models.EightSchools;
import org.elbo4j.bayes.models.LinearRegression;
import org.elbo4j.bayes.models.LogisticRegression;
import org.elbo4j.infer.IwaeGradient;
import picocli.CommandLine.ArgGroup;
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
        description = {"Fit the posterior of a Bayesian model to the rows of a CSV file and report it.",
            "Prints the posterior summary, the verdict of the fit and the Pareto khat in plain words; with --out"
                + " it also writes fit.json and elbo.png. The CSV file needs a header line. The guide starts at the"
                + " Laplace approximation at the mode and is learned in its whitened coordinates.",
            "Models (--model):",
            "  linear         y ~ N(intercept + x.beta, sigma^2)",
            "                 beta_j, intercept ~ N(0, prior-scale^2)",
            "                 sigma = --noise-scale if given (conjugate: exact evidence),",
            "                 else sigma ~ --noise-prior with scale --noise-prior-scale",
            "  logistic       y ~ Bernoulli(sigmoid(intercept + x.beta)), y in {0, 1}",
            "                 the same priors as linear",
            "  eight-schools  y_j ~ N(theta_j, sigma_j^2), columns y and sigma (> 0)",
            "                 theta_j = mu + tau * thetaTilde_j, thetaTilde_j ~ N(0, 1)",
            "                 mu ~ N(0, 5^2), tau ~ half-Cauchy(0, 5) (non-centred)",
            "Verdicts: CONVERGED; PLATEAU means the objective (the ELBO, or L_K with --iwae) stopped improving but"
                + " convergence is NOT confirmed;"
                + " DIVERGING, MAX_STEPS and NON_FINITE mean the fit failed. Pareto khat of the importance weights:"
                + " below 0.5 good, 0.5 to 0.7 ok, above 0.7 do not trust the posterior."},
        optionListHeading = "What to fit:%n",
        footer = {"  elbo4j fit --model logistic --data data.csv --guide fullrank --out run1",
            "  elbo4j fit --formula \"y ~ x + (1 | g)\" --family poisson --data d.csv",
            "  elbo4j fit --model linear --data data.csv --noise-scale 0.5",
            "  elbo4j fit --model eight-schools --data schools.csv --no-psis",
            "  elbo4j fit --model linear --data d.csv --guide fullrank --iwae 8"})
public final class FitCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "NAME",
            description = "A built-in model: linear, logistic or eight-schools (see above); or give --formula.")
    String model;

    @ArgGroup(validate = false, heading = "Formula model (instead of --model):%n")
    FormulaOptions formula = new FormulaOptions();

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "The data: a CSV file with a header line.")
    Path data;

    @Option(names = "--target", defaultValue = "y", paramLabel = "COLUMN",
            description = "The response column; every other column is a predictor (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--guide", defaultValue = "meanfield", paramLabel = "FAMILY",
            description = "The posterior approximation: meanfield, fullrank, lowrank:R (a rank-R factor plus a"
                    + " diagonal), flow (the full-rank Gaussian, then --flow-layers affine autoregressive layers"
                    + " trained on it; full data only), nested (--formula only: coefficients and group-level"
                    + " effects by their Laplace approximation given the group sds, correlations and sigma/shape,"
                    + " which are drawn from a Student t around their Laplace marginal's mode; importance"
                    + " weighted; full data only), map or laplace (default: ${DEFAULT-VALUE}).")
    String guide;

    @ArgGroup(validate = false, heading = "Model:%n")
    Priors priors = new Priors();

    @ArgGroup(validate = false, heading = "Inference:%n")
    Inference inference = new Inference();

    @ArgGroup(validate = false, heading = "Output:%n")
    Output output = new Output();

    /** A regression given by a formula. */
    static final class FormulaOptions {
        @Option(names = "--formula", paramLabel = "FORMULA",
                description = "An lme4/brms formula, e.g. \"y ~ x1 * x2 + (1 + x1 | g)\" (see 'Regression formulas'"
                        + " in the README).")
        String formula;

        @Option(names = "--family", defaultValue = "gaussian", paramLabel = "FAMILY",
                description = "The response family: gaussian, student, bernoulli, binomial (with y | trials(n)),"
                        + " poisson, negbinomial, gamma or beta; a link in parentheses, e.g. bernoulli(probit)"
                        + " (default: ${DEFAULT-VALUE}).")
        String family;

        @Option(names = "--prior", paramLabel = "SPEC",
                description = "Replace a default prior, e.g. \"normal(0, 1) on b\"; classes b, Intercept, sd, cor"
                        + " (lkj), sigma, shape, phi, nu; repeatable.")
        java.util.List<String> priors = new java.util.ArrayList<>();

        @Option(names = "--centring", defaultValue = "auto", paramLabel = "FORM",
                description = "How group-level effects are parametrised: auto (per term: centred where the data pin"
                        + " each level, from a mean-field pilot fit), centred or noncentred (default: ${DEFAULT-VALUE}).")
        String centring;

        @Option(names = "--group-effects", defaultValue = "false",
                description = "Also report every group-level effect r_g[level,coef] (default: ${DEFAULT-VALUE}).")
        boolean groupEffects;
    }

    /** The priors of the regressions. */
    static final class Priors {
        @Option(names = "--prior-scale", defaultValue = "1", paramLabel = "TAU",
                description = "The prior sd of the coefficients and the intercept (default: ${DEFAULT-VALUE}).")
        double priorScale;

        @Option(names = "--intercept", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Fit an intercept; --no-intercept leaves it out (default: ${DEFAULT-VALUE}).")
        boolean intercept;

        @Option(names = "--noise-scale", paramLabel = "SIGMA",
                description = "For linear: the known noise sd, which makes the model conjugate with an exact"
                        + " evidence.")
        Double noiseScale;

        @Option(names = "--noise-prior", defaultValue = "halfnormal", paramLabel = "NAME",
                description = "For linear without --noise-scale: the prior of sigma, halfnormal or lognormal"
                        + " (default: ${DEFAULT-VALUE}).")
        String noisePrior;

        @Option(names = "--noise-prior-scale", defaultValue = "1", paramLabel = "S",
                description = "The scale of the prior of sigma (default: ${DEFAULT-VALUE}).")
        double noisePriorScale;
    }

    /** How the guide is fitted. */
    static final class Inference {
        @Option(names = "--init", defaultValue = "laplace", paramLabel = "NAME",
                description = "Where the guide starts: laplace, the Laplace approximation at the mode (whitened);"
                        + " prior-median, the median of prior draws; feasible, uniform(-2, 2) in unconstrained"
                        + " space; or zero, 0 in unconstrained space (default: ${DEFAULT-VALUE}).")
        String init;

        @Option(names = "--steps", defaultValue = "10000", paramLabel = "N",
                description = "The step budget (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--particles", defaultValue = "1", paramLabel = "N",
                description = "Draws per ELBO gradient; a --formula model with group-level terms fitted with"
                        + " --guide fullrank, lowrank or flow uses 8 (and 200-step convergence windows) unless this is"
                        + " given (default: ${DEFAULT-VALUE}).")
        int particles;

        @Option(names = "--batch", defaultValue = "0", paramLabel = "N",
                description = "Observations per step; 0 means all of them (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "NAME",
                description = "adam; stan for Stan's adaptive step-size sequence; or natural: exact natural-gradient"
                        + " steps on the exact ELBO (Gauss-Hermite quadrature), for --model logistic or linear with"
                        + " --noise-scale, --guide fullrank, full data (default: ${DEFAULT-VALUE}).")
        String optimizer;

        @Option(names = "--lr", paramLabel = "RATE",
                description = "Adam's initial learning rate, halved whenever a window shows no progress, in the"
                        + " whitened coordinates of the Laplace start (default: 0.05).")
        Double learningRate;

        @Option(names = "--tol", paramLabel = "REL",
                description = "Convergence tolerance on the ELBO change per window, relative to max(1, |ELBO|)"
                        + " (default: 1e-3).")
        Double tolerance;

        @Option(names = "--average", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Average the guide parameters over the last window (Polyak); --no-average keeps the"
                        + " last iterate (default: ${DEFAULT-VALUE}).")
        boolean average;

        @Option(names = "--stl", negatable = true, defaultValue = "false", fallbackValue = "true",
                description = "Sticking-the-landing gradients (Roeder et al. 2017; default: ${DEFAULT-VALUE}).")
        boolean stl;

        @Option(names = "--iwae", defaultValue = "0", paramLabel = "K",
                description = "Maximise the importance-weighted bound L_K of K draws per step (Burda et al. 2016)"
                        + " instead of the ELBO; full data only; 0 means the ELBO (default: ${DEFAULT-VALUE}).")
        int iwae;

        @Option(names = "--gradient", paramLabel = "NAME",
                description = "The gradient of L_K with --iwae: plain, stl (biased for K > 1) or dreg, doubly"
                        + " reparameterized (Tucker et al. 2018) (default: dreg).")
        String gradient;

        @Option(names = "--flow-layers", paramLabel = "L",
                description = "With --guide flow: the masked affine autoregressive layers (inverse autoregressive"
                        + " flow with linear conditioners) on the full-rank Gaussian, each d(d+1) parameters"
                        + " (default: 2).")
        Integer flowLayers;

        @Option(names = "--flow-skew", negatable = true, fallbackValue = "true",
                description = "With --guide flow: an elementwise sinh-arcsinh layer (a skew and a tail weight per"
                        + " coordinate, Jones & Pewsey 2009) before each affine layer, so that marginals can be"
                        + " skewed (default: false).")
        Boolean flowSkew;

        @Option(names = "--flow-softplus", negatable = true, fallbackValue = "true",
                description = "With --guide flow: the affine layers' shifts and log-scales also depend on softplus"
                        + " features of the earlier coordinates (nonlinear conditioners, d(d-1) more parameters a"
                        + " layer) (default: false).")
        Boolean flowSoftplus;

        @Option(names = "--flow-lr", paramLabel = "RATE",
                description = "With --guide flow: the first Adam rate of the flow's layers, halved like --lr's; they"
                        + " start from the identity on a converged full-rank fit, so a smaller rate (e.g. 0.0125)"
                        + " saves the first halvings (default: the --lr value).")
        Double flowLr;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
                description = "The seed of every random choice (default: ${DEFAULT-VALUE}).")
        long seed;
    }

    /** What is reported and written. */
    static final class Output {
        @Option(names = "--out", paramLabel = "DIR", description = "Write fit.json and elbo.png to this directory.")
        Path out;

        @Option(names = "--evidence-samples", defaultValue = "1000", paramLabel = "N",
                description = "Draws for the evidence and khat (at least 25; 0 skips them); a --formula model"
                        + " with group-level terms on at most 10,000 rows goes on to 4000 when khat of the first 1000 is below 1 and"
                        + " neither this nor --posterior-draws is given (default: ${DEFAULT-VALUE}).")
        int evidenceSamples;

        @Option(names = "--psis", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Summarise the posterior from the evidence draws resampled by their Pareto-smoothed"
                        + " importance weights when khat < 0.7, which corrects the Gaussian towards the posterior"
                        + " (Yao et al. 2018); --no-psis summarises draws of the Gaussian itself"
                        + " (default: ${DEFAULT-VALUE}).")
        boolean psis;

        @Option(names = "--posterior-draws", defaultValue = "1000", paramLabel = "N",
                description = "Draws behind the posterior summaries (means, sds, quantiles): with --no-psis fresh"
                        + " draws of the Gaussian, cheap (no model evaluations), so many make the means precise"
                        + " (Monte Carlo error sd/sqrt(N)); with PSIS resampled from the evidence draws"
                        + "; a --formula model with group-level terms on at most 10,000 rows uses 4000 when"
                        + " it has 4000 evidence draws (see --evidence-samples) unless this is given"
                        + " (default: ${DEFAULT-VALUE}).")
        int posteriorDraws;

        @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
                description = "Run the same fit N times in this process, for timing: the first run pays the JVM's"
                        + " warm-up, later ones show what a long-lived application sees. The output describes the"
                        + " last run (fits are deterministic for a seed); fit.json lists every run's seconds"
                        + " (default: ${DEFAULT-VALUE}).")
        int repeat;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        FitConfig config = config();
        if (output.out != null && Files.exists(output.out) && !Files.isDirectory(output.out)) {
            throw new UserError("--out " + output.out + ": exists and is not a directory");
        }
        if ((model == null) == (formula.formula == null)) {
            throw new UserError(model == null ? "give --model NAME or --formula \"y ~ ...\""
                    : "give either --model or --formula, not both");
        }
        if (formula.formula != null) {
            if (config.optimizer() == OptimizerKind.NATURAL) {
                throw new UserError("--optimizer natural: needs --model logistic, or linear with --noise-scale;"
                        + " not available for --formula");
            }
            boolean parsed = spec.commandLine().getParseResult() != null;
            boolean initGiven = parsed && spec.commandLine().getParseResult().hasMatchedOption("--init");
            boolean particlesGiven = parsed && spec.commandLine().getParseResult().hasMatchedOption("--particles");
            boolean evidenceGiven = parsed && spec.commandLine().getParseResult().hasMatchedOption("--evidence-samples");
            boolean drawsGiven = parsed && spec.commandLine().getParseResult().hasMatchedOption("--posterior-draws");
            return FormulaFitRun.run(formula, data, config, initGiven, particlesGiven, evidenceGiven, drawsGiven,
                    guideLabel(config), output.out,
                    spec.commandLine().getOut());
        }
        if (config.guide() == GuideFamily.NESTED_LAPLACE) {
            throw new UserError("--guide nested: needs --formula (a regression whose group sds, correlations and"
                    + " sigma/shape are the hyperparameters); --model " + model + " has none");
        }
        if (spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--centring")) {
            throw new UserError("--centring applies to --formula fits only");
        }
        if (priors.noiseScale != null && !model.equals("linear")) {
            throw new UserError("--noise-scale applies to --model linear only");
        }
        FitData inputs;
        BayesModel bayesModel;
        ConjugateLinearRegression conjugate = null;
        switch (model) {
            case "linear" -> {
                inputs = FitData.regression(data, target, false);
                if (priors.noiseScale != null) {
                    double[][] x = inputs.x();
                    double[] y = inputs.y();
                    conjugate = CliArguments.checked("--noise-scale/--prior-scale",
                            () -> ConjugateLinearRegression.of(x, y, priors.noiseScale, priors.priorScale,
                                    priors.intercept));
                    bayesModel = conjugate;
                } else {
                    LinearRegression.NoisePrior prior = switch (priors.noisePrior) {
                        case "halfnormal" -> LinearRegression.NoisePrior.HALF_NORMAL;
                        case "lognormal" -> LinearRegression.NoisePrior.LOG_NORMAL;
                        default -> throw new UserError("--noise-prior: expected halfnormal or lognormal, got '"
                                + priors.noisePrior + "'");
                    };
                    bayesModel = CliArguments.checked("--prior-scale/--noise-prior-scale", () -> LinearRegression.of(
                            inputs.x(), inputs.y(), priors.priorScale, prior, priors.noisePriorScale,
                            priors.intercept));
                }
            }
            case "logistic" -> {
                inputs = FitData.regression(data, target, true);
                bayesModel = CliArguments.checked("--prior-scale",
                        () -> LogisticRegression.of(inputs.x(), inputs.y(), priors.priorScale, priors.intercept));
            }
            case "eight-schools" -> {
                inputs = FitData.eightSchools(data, target);
                bayesModel = CliArguments.checked("--data " + data, () -> EightSchools.of(inputs.y(), inputs.sigma()));
            }
            default -> throw new UserError("--model: expected linear, logistic or eight-schools, got '" + model + "'");
        }
        if (config.optimizer() == OptimizerKind.NATURAL && !(bayesModel instanceof GaussianExpectations)) {
            throw new UserError("--optimizer natural: needs --model logistic, or linear with --noise-scale, got --model "
                    + model);
        }
        if (output.repeat < 1) {
            throw new UserError("--repeat: must be >= 1, got " + output.repeat);
        }
        double[] seconds = new double[output.repeat];
        FitResult result = null;
        for (int i = 0; i < output.repeat; i++) {
            result = BayesFit.fit(bayesModel, config);
            seconds[i] = result.seconds();
        }
        FitReport report = new FitReport(model, guideLabel(config), result, inputs.predictors(),
                conjugate == null ? null : exact(conjugate), seconds, config.objectiveLabel());
        report.print(spec.commandLine().getOut());
        if (output.out != null) {
            report.write(output.out);
        }
        return 0;
    }

    /** The fit settings from the options, each error naming its option (also for {@code elbo4j spark fit}). */
    FitConfig config() {
        FitConfig c = FitConfig.defaults().withInit(switch (inference.init.toLowerCase(Locale.ROOT)) {
            case "laplace" -> InitStrategy.laplace();
            case "prior-median" -> InitStrategy.priorMedian();
            case "feasible" -> InitStrategy.feasible();
            case "zero" -> InitStrategy.zero();
            default -> throw new UserError("--init: expected laplace, prior-median, feasible or zero, got '"
                    + inference.init + "'");
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
                case "flow" -> GuideFamily.FLOW;
                case "nested" -> GuideFamily.NESTED_LAPLACE;
                default -> throw new UserError("--guide: expected meanfield, fullrank, lowrank:R, flow, nested, map or laplace,"
                        + " got '" + guide + "'");
            });
        }
        if (c.guide() == GuideFamily.FLOW) {
            int layers = inference.flowLayers == null ? c.flowLayers() : inference.flowLayers;
            FitConfig base = c;
            c = CliArguments.checked("--flow-layers", () -> base.withFlow(layers));
            if (inference.flowSkew != null) {
                c = c.withFlowSkew(inference.flowSkew);
            }
            if (inference.flowSoftplus != null) {
                c = c.withFlowSoftplus(inference.flowSoftplus);
            }
            if (inference.flowLr != null) {
                FitConfig d = c;
                double rate = inference.flowLr;
                if (!(rate > 0)) {
                    throw new UserError("--flow-lr: must be > 0, got " + rate);
                }
                c = CliArguments.checked("--flow-lr", () -> d.withFlowLearningRate(rate));
            }
        } else if (inference.flowLayers != null) {
            throw new UserError("--flow-layers applies to --guide flow only, got --guide " + guide);
        } else if (inference.flowSkew != null || inference.flowSoftplus != null || inference.flowLr != null) {
            throw new UserError((inference.flowSkew != null ? "--flow-skew"
                    : inference.flowSoftplus != null ? "--flow-softplus" : "--flow-lr")
                    + " applies to --guide flow only, got --guide " + guide);
        }
        OptimizerKind kind = switch (inference.optimizer) {
            case "adam" -> OptimizerKind.ADAM;
            case "stan" -> OptimizerKind.STAN_ADAPTIVE;
            case "natural" -> OptimizerKind.NATURAL;
            default -> throw new UserError("--optimizer: expected adam, stan or natural, got '" + inference.optimizer
                    + "'");
        };
        if (kind == OptimizerKind.NATURAL) {
            if (c.guide() != GuideFamily.FULL_RANK) {
                throw new UserError("--optimizer natural: needs --guide fullrank, got --guide " + guide);
            }
            if (inference.batch != 0) {
                throw new UserError("--optimizer natural: needs the full data, got --batch " + inference.batch);
            }
            if (inference.iwae != 0) {
                throw new UserError("--optimizer natural: maximises the ELBO, got --iwae " + inference.iwae);
            }
        }
        if (c.guide() == GuideFamily.NESTED_LAPLACE && inference.iwae != 0) {
            throw new UserError("--iwae: trains a variational guide; --guide nested has no training objective, got --iwae "
                    + inference.iwae);
        }
        FitConfig k = c.withOptimizer(kind).withSeed(inference.seed);
        FitConfig s = CliArguments.checked("--steps", () -> k.withMaxSteps(inference.steps));
        FitConfig p = CliArguments.checked("--particles", () -> s.withParticles(inference.particles));
        FitConfig b = CliArguments.checked("--batch", () -> p.withBatchSize(inference.batch));
        FitConfig v = CliArguments.checked("--evidence-samples", () -> b.withEvidenceSamples(output.evidenceSamples));
        FitConfig e = CliArguments.checked("--posterior-draws", () -> v.withPosteriorDraws(output.posteriorDraws));
        Double rate = inference.learningRate;
        Double tolerance = inference.tolerance;
        FitConfig l = rate == null ? e : CliArguments.checked("--lr", () -> e.withLearningRate(rate));
        FitConfig t = tolerance == null ? l : CliArguments.checked("--tol", () -> l.withRelTolerance(tolerance));
        return iwae(t.withAverageIterates(inference.average).withPsisSummaries(output.psis)
                .withStickingTheLanding(inference.stl));
    }

    /**
     * The guide as fit.json records it: the --guide text, {@code flow:L} for a flow of L layers
     * ({@code flow:L:skew} with sinh–arcsinh layers).
     */
    private String guideLabel(FitConfig config) {
        return config.guide() == GuideFamily.FLOW ? "flow:" + config.flowLayers() + (config.flowSkew() ? ":skew" : "")
                + (config.flowSoftplus() ? ":softplus" : "")
                : guide;
    }

    /** {@code --iwae K --gradient NAME} on top of the rest of the config. */
    private FitConfig iwae(FitConfig c) {
        if (inference.iwae == 0) {
            if (inference.gradient != null) {
                throw new UserError("--gradient applies to --iwae K only (for the ELBO see --stl)");
            }
            return c;
        }
        if (inference.stl) {
            throw new UserError("--stl: with --iwae choose the gradient with --gradient stl");
        }
        if (inference.particles != 1) {
            throw new UserError("--particles: with --iwae K each step draws K samples; leave --particles at 1");
        }
        String name = inference.gradient == null ? "dreg" : inference.gradient;
        IwaeGradient g = switch (name) {
            case "plain" -> IwaeGradient.PLAIN;
            case "stl" -> IwaeGradient.STL;
            case "dreg" -> IwaeGradient.DREG;
            default -> throw new UserError("--gradient: expected plain, stl or dreg, got '" + name + "'");
        };
        return CliArguments.checked("--iwae", () -> c.withIwae(inference.iwae, g));
    }

    /** The closed-form evidence and marginal posterior mean and sd of the conjugate model, by element name. */
    private FitReport.Exact exact(ConjugateLinearRegression m) {
        double[] mean = m.exactPosteriorMean();
        double[][] cov = m.exactPosteriorCovariance();
        Map<String, double[]> byName = new LinkedHashMap<>();
        int offset = priors.intercept ? 1 : 0;
        if (priors.intercept) {
            byName.put("intercept", new double[] {mean[0], Math.sqrt(cov[0][0])});
        }
        for (int j = offset; j < mean.length; j++) {
            byName.put("beta[" + (j - offset) + "]", new double[] {mean[j], Math.sqrt(cov[j][j])});
        }
        return new FitReport.Exact(m.exactLogEvidence(), byName);
    }
}
