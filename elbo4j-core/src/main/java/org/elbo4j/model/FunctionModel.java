package org.elbo4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * A {@link ModelFunction} compiled to the low-level {@link BayesModel} interface, so that
 * {@link BayesFit} fits it with every guide (mean-field, full-rank, low-rank, MAP, Laplace).
 *
 * <p>{@link #of} runs the function once with every sample site drawn from its prior (seeded, no
 * gradients; redrawn when a draw makes a distribution reject its arguments) and derives from that
 * trace:
 * <ul>
 *   <li>the parameters, in the order of their sample sites: the name of the site, the shape of
 *       the open plates followed by the prior's event shape, the prior's support;</li>
 *   <li>P, the deepest plate nesting, which fixes where the particle dimension goes;</li>
 *   <li>the subsampled plate, if any: its size is N ({@link #observationCount()}), the fit's
 *       minibatches are drawn from its elements, its observe sites are scaled by N / |B|.</li>
 * </ul>
 * Every evaluation then runs the function once for all M particles ({@link ModelContext}):
 * {@code log p(D, θ) = log p(θ) + Σ_sites s_site log p(data_site | θ)}, shape {@code [M]}.
 *
 * <p>Precision: {@link #of} also compiles the function to a double-precision target
 * ({@link #doublePrecision()}): each evaluation runs the function with its tensor operations
 * replayed on an {@code org.elbo4j.autodiff} tape, so ℓ, its gradient (one reverse sweep) and its
 * Hessian (forward-over-reverse) are exact in double, as for the built-in models with
 * {@code ExactCurvature}. {@link #fit} uses it for every full-data evaluation (the Laplace start's
 * Newton steps, full-data variational steps, the evidence and the summaries) and for minibatch
 * steps (the same tape with the data sites scaled by N/|B|, {@code infer.SubsampledLogDensity}); the
 * {@code BayesModel} methods here stay on the float32 tensor path. A model using an operation
 * or family the tape does not have is fitted on the float32 path as before
 * ({@link #doublePrecisionUnavailable()} says why).
 *
 * <p>Non-finite values: a parameter outside its prior's support gives −∞ for its particle. When a
 * distribution rejects its arguments during an evaluation (a float32 overflow such as
 * {@code exp(eta) = +∞} fed to {@code Poisson.of}), the M particles are evaluated one at a time
 * and the particles that fail get −∞ (the fit's non-finite policy then applies); structural errors
 * ({@code ModelContext}'s checks) are thrown as they are. Implementation note: this catch stands
 * in for the distributions' argument-validation switch, which is not yet on this branch; with it,
 * the fit would turn validation off and the overflow would surface as a non-finite log density
 * directly.
 */
public final class FunctionModel implements BayesModel {

    /** The seed of the tracing run's prior draws (they fix shapes only). */
    static final long TRACE_SEED = 20_261_206L;
    /** Prior draws retried per particle in {@link #samplePrior} when a draw makes a distribution reject its arguments. */
    static final int PRIOR_ATTEMPTS = 100;

    private final ModelFunction function;
    private final List<Parameter> parameters;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private final int plateRank;
    private final String dataPlate;
    private final int observationCount;
    private final int subsampleSize;
    private final TapeDensity tape;
    private final String tapeUnavailable;

    private FunctionModel(ModelFunction function, ModelContext trace) {
        this.function = function;
        this.parameters = List.copyOf(trace.parameters());
        for (Parameter p : parameters) {
            byName.put(p.name(), p);
        }
        this.plateRank = trace.maxDepth();
        this.dataPlate = trace.subsampledPlate();
        this.observationCount = dataPlate == null ? 1 : trace.subsampledSize();
        this.subsampleSize = dataPlate == null ? 1 : trace.subsampleSize();
        TapeDensity t = null;
        String why;
        try {
            t = new TapeDensity(function, parameters, byName, plateRank, observationCount);
            why = TapeDensity.probe(t).orElse(null);
        } catch (RuntimeException e) {
            why = e.getMessage();
        }
        this.tape = why == null ? t : null;
        this.tapeUnavailable = why;
    }

    /**
     * The full-data log density of the unconstrained posterior in double precision, with its exact
     * gradient and Hessian by automatic differentiation (the {@code autodiff} tape): empty when the
     * model uses an operation, a distribution family or a support the tape does not have
     * ({@link #doublePrecisionUnavailable()} says which), in which case fits use the float32 tensor
     * path with a finite-difference Hessian.
     */
    public Optional<LogDensityHessian> doublePrecision() {
        return Optional.ofNullable(tape);
    }

    /** Why {@link #doublePrecision()} is empty; empty when it is not. */
    public Optional<String> doublePrecisionUnavailable() {
        return Optional.ofNullable(tapeUnavailable);
    }

    /**
     * This model with {@link #doublePrecision()} as its {@link org.elbo4j.bayes.ExactCurvature}
     * capability when there is one (else this model): what {@link #fit} fits.
     */
    public BayesModel forFitting() {
        return tape == null ? this : new ExactFunctionModel(this, tape);
    }

    /**
     * Traces {@code function} and compiles it.
     *
     * @throws IllegalArgumentException for a structural error of the model (see {@link ModelContext})
     *     or a model without sample sites
     */
    public static FunctionModel of(ModelFunction function) {
        Objects.requireNonNull(function, "FunctionModel: function must not be null");
        ModelContext trace;
        try (GradMode g = GradMode.noGrad()) {
            trace = drawOnce(function, Rng.of(TRACE_SEED));
        }
        if (trace.parameters().isEmpty()) {
            throw new IllegalArgumentException("FunctionModel: the model has no sample sites (nothing to fit)");
        }
        return new FunctionModel(function, trace);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** N, the size of the subsampled plate (1 when no plate is subsampled: every step sees all data). */
    @Override
    public int observationCount() {
        return observationCount;
    }

    /** The subsampled plate's name, if any. */
    public Optional<String> dataPlate() {
        return Optional.ofNullable(dataPlate);
    }

    /** |B| as declared by the subsampled plate (1 when none is subsampled). */
    public int subsampleSize() {
        return subsampleSize;
    }

    /** The deepest plate nesting P: a value has {@code 1 + P − depth} leading dimensions before its plates. */
    public int plateRank() {
        return plateRank;
    }

    /**
     * Fits the model with {@code config} ({@link #forFitting()}: full-data and minibatch evaluations
     * in double on the autodiff tape when the model runs on it); when the config asks for the full data
     * ({@code batchSize} 0) and the model subsamples a plate, with the plate's subsample size. Except
     * for the importance-weighted bound ({@code iwaeSamples} &gt; 0): L_K needs the full data (a
     * subsampled likelihood inside log-mean-exp is no bound), so the plate is evaluated over all its
     * N rows (subsample size N, scale 1) and the fit is that of the same model without subsampling.
     */
    public FitResult fit(FitConfig config) {
        Objects.requireNonNull(config, "FunctionModel: config must not be null");
        FitConfig c = config.batchSize() == 0 && config.iwaeSamples() == 0 && dataPlate != null
                && subsampleSize < observationCount ? config.withBatchSize(subsampleSize) : config;
        return BayesFit.fit(forFitting(), c);
    }

    @Override
    public Tensor logPrior(ParameterValues theta) {
        return terms(theta, Minibatch.full(observationCount))[0];
    }

    /**
     * The observe sites' sum, unscaled, so that {@code logPrior + (N/|B|)·logLikelihood} is
     * {@link #logJoint}: the sites inside the subsampled plate as they are, the others divided by N / |B|.
     */
    @Override
    public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
        Tensor scaled = terms(theta, batch)[1];
        return batch.isFull() ? scaled : scaled.mul(1.0 / batch.scale());
    }

    /** {@code log p(θ) + Σ_sites s_site log p(data_site | θ)}, shape {@code [M]}, one run of the model. */
    @Override
    public Tensor logJoint(ParameterValues theta, Minibatch batch) {
        Tensor[] t = terms(theta, batch);
        return t[0].add(t[1]);
    }

    /** M independent draws from the prior, one run of the model per draw. */
    @Override
    public Optional<ParameterValues> samplePrior(RandomGenerator rng, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("FunctionModel: samplePrior needs m >= 1, got " + m);
        }
        Map<String, List<Tensor>> columns = new LinkedHashMap<>();
        try (GradMode g = GradMode.noGrad()) {
            for (int i = 0; i < m; i++) {
                ModelContext run = drawOnce(function, rng);
                for (Parameter p : parameters) {
                    Tensor v = run.draws().get(p.name());
                    columns.computeIfAbsent(p.name(), k -> new ArrayList<>())
                            .add(v.reshape(SiteShapes.concat(new int[] {1}, p.shape())));
                }
            }
        }
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<Tensor>> e : columns.entrySet()) {
            values.put(e.getKey(), Tensor.concat(e.getValue(), 0));
        }
        return Optional.of(ParameterValues.of(values));
    }

    /**
     * One run of {@code function} with every sample site drawn from its prior; a run in which a
     * distribution rejects its arguments (a draw far in a prior's tail overflowing float32) is
     * redrawn, up to {@link #PRIOR_ATTEMPTS} times, so that the error left is one the data or the
     * model causes whatever the draw.
     */
    private static ModelContext drawOnce(ModelFunction function, RandomGenerator rng) {
        IllegalArgumentException last = null;
        for (int attempt = 0; attempt < PRIOR_ATTEMPTS; attempt++) {
            ModelContext run = ModelContext.forDraws(rng);
            try {
                function.run(run);
            } catch (ModelException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                last = e;
                continue;
            }
            run.finish();
            return run;
        }
        throw new IllegalArgumentException("FunctionModel: the model failed for " + PRIOR_ATTEMPTS
                + " prior draws in a row: " + last.getMessage(), last);
    }

    /** {log p(θ), scaled log-likelihood}, each {@code [M]}. */
    private Tensor[] terms(ParameterValues theta, Minibatch batch) {
        try {
            return run(theta, batch);
        } catch (ModelException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            return particleByParticle(theta, batch, e);
        }
    }

    private Tensor[] run(ParameterValues theta, Minibatch batch) {
        ModelContext c = ModelContext.forEvaluation(theta, batch, plateRank, byName);
        function.run(c);
        c.finish();
        return new Tensor[] {c.logPrior(), c.scaledLikelihood()};
    }

    private Tensor[] particleByParticle(ParameterValues theta, Minibatch batch, IllegalArgumentException cause) {
        int m = theta.count();
        if (m == 1) {
            return new Tensor[] {Tensor.full(Double.NEGATIVE_INFINITY, 1), Tensor.zeros(1)};
        }
        List<Tensor> priors = new ArrayList<>(m);
        List<Tensor> liks = new ArrayList<>(m);
        int failed = 0;
        for (int i = 0; i < m; i++) {
            Map<String, Tensor> one = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : theta.asMap().entrySet()) {
                one.put(e.getKey(), e.getValue().slice(0, i, i + 1));
            }
            try {
                Tensor[] t = run(ParameterValues.of(one), batch);
                priors.add(t[0]);
                liks.add(t[1]);
            } catch (ModelException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                failed++;
                priors.add(Tensor.full(Double.NEGATIVE_INFINITY, 1));
                liks.add(Tensor.zeros(1));
            }
        }
        if (failed == 0) {
            throw new ModelException("FunctionModel: the model fails for " + m + " particles together but runs for"
                    + " each alone: it does not broadcast over the leading particle dimension (" + cause.getMessage()
                    + ")", cause);
        }
        return new Tensor[] {Tensor.concat(priors, 0), Tensor.concat(liks, 0)};
    }
}
