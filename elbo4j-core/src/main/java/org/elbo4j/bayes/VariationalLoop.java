package org.elbo4j.bayes;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.elbo4j.infer.ConvergenceMonitor;
import org.elbo4j.infer.GaussianElbo;
import org.elbo4j.infer.GaussianIwae;
import org.elbo4j.infer.LogDensity;
import org.elbo4j.infer.SubsampledLogDensity;
import org.elbo4j.infer.SviLoop;
import org.elbo4j.infer.Verdict;
import org.elbo4j.optim.AdamUpdate;
import org.elbo4j.optim.FlatParameters;
import org.elbo4j.optim.FlatRule;
import org.elbo4j.optim.LrSchedule;
import org.elbo4j.optim.PlateauDecay;
import org.elbo4j.optim.StanUpdate;
import org.elbo4j.optim.StepSizePolicy;
import org.elbo4j.random.AntitheticPairs;
import org.elbo4j.random.Rng;

/**
 * The optimisation loop of a Gaussian-guide fit, in double. Each step draws M particles
 * {@code v = μ + A ε} as ⌈M/2⌉ antithetic pairs (ε and −ε: the part of the gradient noise that is
 * odd in ε cancels, and for a Gaussian posterior the location gradient of a pair is exact),
 * maps them to {@code u = m₀ + L₀ v} ({@link Whitening}, with a Laplace start; u = v otherwise),
 * evaluates {@code ELBO ≈ (1/M) Σ_m ℓ(u_m) + H[q]} ({@link UnconstrainedDensity}) and its
 * reparameterization gradient ({@link GaussianGuide}), and takes an Adam or Stan step on −ELBO.
 *
 * <p>With a whitened guide (and without STL) the estimate carries the zero-mean control variate
 * {@code c = (1/M) Σ_m ½||v_m||² − ½ E_q||v||²} with weight a ({@link ControlVariateWeight}):
 * it cancels the quadratic part of {@code ℓ(m₀ + L₀ v) ≈ const − ½||v||²}, exactly when the
 * posterior equals its Laplace approximation (Miller et al. 2017, "Reducing reparameterization
 * gradient variance"); its gradient adds {@code a v_m / M} to each particle's v-gradient and
 * {@code −(a/2) ∇_λ E_q||v||²}.
 *
 * <p>The steps are the library's {@link SviLoop}: for Adam, the {@link ConvergenceMonitor}'s
 * window comparisons drive {@link PlateauDecay} (halve the learning rate on no progress;
 * CONVERGED or PLATEAU once the rate is small enough, or, in whitened coordinates, once the
 * window-averaged guide parameters have stopped moving); for Stan's sequence the monitor decides
 * alone. Also: NON_FINITE when the ELBO or a gradient is not finite (checked before the update,
 * so the guide is that of the step before); DIVERGING on a blow-up of the guide parameters;
 * Polyak averaging of the parameters over the last complete window when asked.
 *
 * <p>Started at the Laplace approximation, the loop first asks the {@link StartCheck} whether any
 * step could gain more than a negligible ELBO (the start guide's KL to the posterior, importance-
 * sampled): when not, it takes no step (CONVERGED, the start guide is the fit).
 */
final class VariationalLoop {

    /**
     * Adam's gradient clamp in whitened coordinates, where the ELBO gradient of a guide near the
     * posterior is of order 1 per coordinate (Pyro's {@code ClippedAdam} default).
     */
    static final double WHITENED_GRADIENT_CLIP = 10;
    private static final int STAN_ADAPT_STEPS = 50;
    private static final int STAN_ADAPT_ELBO_DRAWS = 100;

    private final LogDensity target;
    private final UnconstrainedDensity minibatched;
    private final int dim;
    private final List<String> names;
    private final FitConfig config;
    private final int[] permutation;
    private final Optional<LaplaceStart> laplace;
    private final Whitening whitening;
    /** Whether the whitening comes from a mean-field pre-fit rather than a Laplace approximation. */
    private boolean meanFieldStart;
    /** The diagnostics of a guide on the full data, for the {@link StartCheck}. */
    private final Function<UnconstrainedGaussian, Diagnostics> diagnostics;
    /** The evidence draws' stream for the {@link StartCheck}; null: no check. */
    private final Rng evidenceRng;
    private final ControlVariateWeight controlWeight = new ControlVariateWeight();
    private double lastF;
    private double lastC;
    private int bufferCount = -1;
    private double[] eps;
    private double[] v;
    private double[] u;
    private double[] values;
    private double[] gu;
    private double[] noise;
    private double[] vi;
    private double[] ui;
    private double[] gi;
    private double[] gv;
    private GaussianElbo elboEstimator;
    private GaussianIwae iwaeEstimator;

    /**
     * A fit and, when it stopped at its start ({@link StartCheck}), the start's diagnostics, which
     * are then the fit's (the same draws of the evidence stream).
     */
    record Fitted(Optimisation optimisation, Optional<Diagnostics.Report> report) {
    }

    private VariationalLoop(LogDensity target, UnconstrainedDensity minibatched, List<String> names,
            int observations, FitConfig config, Optional<LaplaceStart> laplace,
            Function<UnconstrainedGaussian, Diagnostics> diagnostics, Rng evidenceRng) {
        this.target = target;
        this.diagnostics = diagnostics;
        this.evidenceRng = evidenceRng;
        this.minibatched = minibatched;
        this.names = names;
        this.dim = names.size();
        this.config = config;
        this.laplace = laplace;
        this.whitening = laplace.isPresent() ? whitening(laplace.get()) : null;
        this.permutation = new int[observations];
        for (int i = 0; i < observations; i++) {
            permutation[i] = i;
        }
    }

    /**
     * The fit of a model: random streams {@code rng} for the steps and {@code evidenceRng} for the
     * {@link StartCheck}'s draws (the stream of the fit's evidence).
     */
    static Fitted run(BayesModel model, UnconstrainedLayout layout, FitConfig config, double[] init,
            Optional<LaplaceStart> laplace, Rng rng, Rng evidenceRng) {
        UnconstrainedDensity density = UnconstrainedDensity.of(model, layout);
        VariationalLoop loop = new VariationalLoop(density, density, layout.coordinateNames(),
                model.observationCount(), config, laplace, q -> Diagnostics.of(model, layout, q), evidenceRng);
        return loop.start(init, rng);
    }

    /**
     * The loop on {@code target}: coordinates named by {@code names}, the guide family, particles,
     * optimiser and stopping rule of {@code config}; minibatches of {@code config.batchSize()} rows
     * when it is positive and the target is a {@link SubsampledLogDensity}, the full data otherwise.
     */
    static Fitted run(LogDensity target, List<String> names, FitConfig config, double[] init,
            Optional<LaplaceStart> laplace, Rng rng, Rng evidenceRng) {
        int observations = target instanceof SubsampledLogDensity s ? s.observationCount() : 1;
        return new VariationalLoop(target, null, names, observations, config, laplace,
                q -> Diagnostics.of(target, false, observations, null, q), evidenceRng).start(init, rng);
    }

    /**
     * The fit; a full-rank or low-rank guide without a Laplace start first fits a mean-field guide
     * from {@code init} (random stream {@code rng.child("mean-field start")}) and, when that fit is
     * usable, starts whitened by it: {@code u = μ_mf + diag(σ_mf) v}, the guide over v at 0 with
     * L = I (full rank) or D = I and a small random factor W (low rank). Unwhitened, Adam moves every entry of L by about the learning rate per step whatever
     * the posterior scale of its row, so a coordinate with a small posterior sd (a log σ of 0.03)
     * gains a variance of order (row length) · lr² from the off-diagonal entries; its draws then
     * reach tiny σ, the ELBO noise explodes, and the plateau rule only halves the rate (seen on
     * crossed group-level regressions started at u = 0: σ mean 17551, k̂ 137). The low-rank factor W
     * has the same problem (each entry moves by about the learning rate whatever its row's scale):
     * unwhitened, the low-rank fit of the epilepsy benchmark ended 1 nat below the mean-field ELBO
     * although its family contains the mean-field one (see LowRankStartTest).
     */
    private Fitted start(double[] init, Rng rng) {
        if (config.guide() == GuideFamily.FLOW) {
            return new Fitted(startFlow(init, rng), Optional.empty());
        }
        if (whitening != null && evidenceRng != null) {
            UnconstrainedGaussian q0 = snapshot(newGuide(init, rng.child("guide")));
            Optional<StartCheck.Stop> stop = StartCheck.run(diagnostics.apply(q0), config.evidenceSamples(),
                    rng.child("start check"), evidenceRng);
            if (stop.isPresent()) {
                return new Fitted(new Optimisation(Verdict.CONVERGED, startNote() + stop.get().reason(),
                        new double[0], 0, q0), Optional.of(stop.get().report()));
            }
        }
        return new Fitted(fit(init, rng), Optional.empty());
    }

    /** The steps from the start (see {@link #start}). */
    private Optimisation fit(double[] init, Rng rng) {
        if (whitening == null && (config.guide() == GuideFamily.FULL_RANK || config.guide() == GuideFamily.LOW_RANK)) {
            Optimisation meanField = new VariationalLoop(target, minibatched, names, permutation.length,
                    config.withGuide(GuideFamily.MEAN_FIELD), Optional.empty(), diagnostics, null)
                    .fit(init, rng.child("mean-field start"));
            if (meanField.verdict().isUsable()) {
                double[][] cov = meanField.guide().covariance();
                double[] sd = new double[dim];
                for (int i = 0; i < dim; i++) {
                    sd[i] = Math.sqrt(cov[i][i]);
                }
                VariationalLoop whitened = new VariationalLoop(target, minibatched, names, permutation.length,
                        config, Optional.of(LaplaceStart.ofDiagonal(meanField.guide().mean(), sd)), diagnostics, null);
                whitened.meanFieldStart = true;
                return whitened.startPlain(init, rng);
            }
        }
        return startPlain(init, rng);
    }

    /**
     * A {@link GuideFamily#FLOW} fit: the FULL_RANK fit of the same settings and random stream (its steps are
     * those of {@code --guide fullrank}; no start check), then, when that is usable or ran out of steps, the flow's
     * layers trained from the identity on it ({@link FlowLoop}, stream {@code rng.child("flow")}). The
     * trace and step count are those of both stages; the verdict is the flow's.
     */
    private Optimisation startFlow(double[] init, Rng rng) {
        Optimisation base = new VariationalLoop(target, minibatched, names, permutation.length,
                config.withGuide(GuideFamily.FULL_RANK), laplace, diagnostics, null).fit(init, rng);
        if (!base.verdict().isUsable() && base.verdict() != Verdict.MAX_STEPS) {
            return new Optimisation(base.verdict(), "flow not trained, its full-rank start ended " + base.verdict()
                    + ": " + base.reason(), base.trace(), base.steps(), base.guide());
        }
        FlowGuide flow = FlowGuide.of(base.guide(), config.flowLayers(), config.flowSkew(),
                config.flowSoftplus());
        Optimisation trained = FlowLoop.run(target, flow, config, rng.child("flow"));
        double[] trace = Arrays.copyOf(base.trace(), base.steps() + trained.steps());
        System.arraycopy(trained.trace(), 0, trace, base.steps(), trained.steps());
        String reason = "full-rank start (" + base.steps() + " steps, " + base.verdict() + "): " + base.reason()
                + "; then " + config.flowLayers() + (config.flowSkew() ? " skewed" : "")
                + (config.flowSoftplus() ? " softplus" : "") + " flow layers ("
                + flow.params().length + " parameters, "
                + trained.steps() + " steps): " + trained.reason();
        return new Optimisation(trained.verdict(), reason, trace, base.steps() + trained.steps(), base.guide(),
                trained.flow());
    }

    private Optimisation startPlain(double[] init, Rng rng) {
        double eta = config.optimizer() == OptimizerKind.STAN_ADAPTIVE ? adaptEta(init, rng.child("adapt")) : 0;
        return optimise(init, rng, eta);
    }

    /**
     * The whitening of a Laplace start: {@code L₀ = chol(H⁻¹)} for full-rank guides,
     * {@code diag(1/√H_ii)} otherwise.
     */
    private Whitening whitening(LaplaceStart start) {
        int d = dim;
        double[][] precision = start.precision();
        boolean full = config.guide() == GuideFamily.FULL_RANK;
        double[][] factor = new double[d][d];
        if (full) {
            factor = DenseCholesky.of(DenseCholesky.of(precision).inverse()).lower();
        } else {
            for (int i = 0; i < d; i++) {
                factor[i][i] = 1 / Math.sqrt(precision[i][i]);
            }
        }
        return Whitening.of(start.mode(), factor, !full);
    }

    /**
     * The guide at the start: with a Laplace start the family's guide over whitened v at 0 with
     * unit scales; without, the family's guide at {@code init} with scale {@link GaussianGuide#INIT_SCALE}.
     */
    private GaussianGuide newGuide(double[] init, Rng rng) {
        return whitening == null
                ? GaussianGuide.create(config.guide(), init, config.rank(), rng, GaussianGuide.INIT_SCALE)
                : GaussianGuide.create(config.guide(), new double[init.length], config.rank(), rng, 1.0);
    }

    /** Stan's η adaptation: a short run from the start per candidate, keeping the best ELBO. */
    private double adaptEta(double[] init, Rng rng) {
        double[] candidates = StepSizePolicy.stanEtaCandidates();
        double bestEta = candidates[candidates.length - 1];
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates.length; c++) {
            GaussianGuide guide = newGuide(init, rng.child("guide"));
            double[] grad = new double[guide.params().length];
            SviLoop loop = SviLoop.of(FlatParameters.of(guide.params(), grad), StanUpdate.of(grad.length),
                    LrSchedule.stanDecay(candidates[c]));
            Rng stepRng = rng.child(c);
            boolean finite = true;
            for (int k = 0; k < STAN_ADAPT_STEPS && finite; k++) {
                finite = loop.step(step -> -negatedElbo(guide, stepRng, grad)) == SviLoop.Status.APPLIED
                        && !guide.blownUp();
            }
            if (!finite) {
                continue;
            }
            double value = elbo(guide, stepRng, STAN_ADAPT_ELBO_DRAWS, Minibatch.full(permutation.length), null);
            if (Double.isFinite(value) && value > best) {
                best = value;
                bestEta = candidates[c];
            }
        }
        return bestEta;
    }

    /**
     * The objective's estimate of one step (the ELBO, or L_K with {@link FitConfig#iwaeSamples()})
     * with {@code grad} set to the gradient of the loss −objective (the objective itself is returned).
     */
    private double negatedElbo(GaussianGuide guide, Rng stepRng, double[] grad) {
        double value = config.iwaeSamples() > 0 ? iwae(guide, stepRng, grad)
                : elbo(guide, stepRng, config.particles(), batch(stepRng), grad);
        for (int i = 0; i < grad.length; i++) {
            grad[i] = -grad[i];
        }
        return value;
    }

    /**
     * The fit: the {@link SviLoop} with Adam (clamped in whitened coordinates) under
     * {@link PlateauDecay}, or Stan's sequence at η under {@link LrSchedule#stanDecay}; the control
     * variate's weight follows the applied steps; the guide blowing up ends it as DIVERGING.
     */
    private Optimisation optimise(double[] init, Rng rng, double eta) {
        GaussianGuide guide = newGuide(init, rng.child("guide"));
        double[] lambda = guide.params();
        double[] grad = new double[lambda.length];
        FlatRule rule = eta == 0 ? AdamUpdate.of(lambda.length, config.learningRate())
                .withClamp(whitening == null ? Double.POSITIVE_INFINITY : WHITENED_GRADIENT_CLIP)
                : StanUpdate.of(lambda.length);
        StepSizePolicy policy = eta == 0 ? PlateauDecay.of(config.learningRate(), dim) : LrSchedule.stanDecay(eta);
        SviLoop loop = SviLoop.of(FlatParameters.of(lambda, grad), rule, policy)
                .windows(config.window(), config.relTolerance(), guide::smallestScale, whitening != null);
        Rng stepRng = rng.child("steps");
        double[] trace = new double[config.maxSteps()];
        Verdict verdict = null;
        String reason = null;
        int step = 0;
        while (step < config.maxSteps() && verdict == null) {
            int k = step;
            SviLoop.Status status = loop.step(index -> -(trace[k] = negatedElbo(guide, stepRng, grad)));
            step++;
            if (status != SviLoop.Status.APPLIED) {
                String problem = Double.isFinite(trace[k]) ? "gradient of the guide parameters is not finite"
                        : config.objectiveLabel() + " is " + trace[k];
                return new Optimisation(Verdict.NON_FINITE, problem + " at step " + k
                        + "; guide left as before that step", Arrays.copyOf(trace, step), step, snapshot(guide));
            }
            if (config.iwaeSamples() == 0) {
                controlWeight.record(lastF, lastC);
            }
            if (step % config.window() == 0) {
                controlWeight.update();
            }
            verdict = loop.verdict();
            reason = loop.reason();
            if (step % config.window() == 0 && guide.blownUp()) {
                verdict = Verdict.DIVERGING;
                reason = "guide parameters blew up (|loc| > " + GaussianGuide.MAX_ABS_LOC + " or log-scale > "
                        + GaussianGuide.MAX_LOG_SCALE + ") at step " + step;
            }
        }
        if (verdict == null) {
            verdict = Verdict.MAX_STEPS;
            reason = "step budget of " + config.maxSteps() + " used up; last check: " + loop.reason();
        }
        reason = startNote() + reason;
        double[] average = loop.windowAverage();
        if (config.averageIterates() && average != null && verdict != Verdict.DIVERGING) {
            System.arraycopy(average, 0, lambda, 0, lambda.length);
            reason += "; guide parameters averaged over the last " + config.window() + " steps";
        }
        return new Optimisation(verdict, reason, Arrays.copyOf(trace, step), step, snapshot(guide));
    }

    private UnconstrainedGaussian snapshot(GaussianGuide guide) {
        UnconstrainedGaussian q = guide.snapshot(names);
        return whitening == null ? q : whitening.map(q, names);
    }

    private String startNote() {
        if (meanFieldStart) {
            return "started at a mean-field fit (whitened by its sds); ";
        }
        if (config.init().kind() != InitStrategy.Kind.LAPLACE) {
            return "";
        }
        return laplace.isPresent() ? "started at the Laplace approximation (whitened); "
                : "Laplace start unavailable (d > " + LaplaceStart.MAX_DIM + ", no mode found or Hessian not "
                        + "positive definite), started at u = 0; ";
    }

    /**
     * The ELBO estimate with 2⌈m/2⌉ antithetic particles on a batch (with a whitened guide plus
     * a·c, see the class comment); its gradient in λ into {@code grad} when it is not null
     * ({@link GaussianElbo}). With {@link FitConfig#stickingTheLanding()} the entropy's gradient is
     * replaced by the path derivative of −log q at each draw, and the control variate is left out
     * (both remove the same noise, so together they would restore it).
     */
    private double elbo(GaussianGuide guide, Rng rng, int m, Minibatch batch, double[] grad) {
        int e = guide.noiseDim();
        int half = (m + 1) / 2;
        int count = 2 * half;
        ensureBuffers(count, guide.dim(), e);
        for (int i = 0; i < half * e; i++) {
            eps[i] = rng.nextGaussian();
        }
        AntitheticPairs.mirror(eps, count, e);
        double squares = evaluate(guide, count, batch, grad != null);
        double f = GaussianElbo.value(values, count, guide.entropy(), whitening == null ? 0 : whitening.logDet());
        // STL and the Laplace control variate cancel the same noise in ∇ℓ: used together they would add it back
        double a = whitening == null || config.stickingTheLanding() ? 0 : controlWeight.weight();
        double c = whitening == null ? 0 : 0.5 * squares / count - 0.5 * guide.expectedSquaredNorm();
        lastF = f;
        lastC = c;
        if (grad != null) {
            elboEstimator.gradient(guide, eps, v, gv, count, a, config.stickingTheLanding(), grad);
        }
        return f + a * c;
    }

    /**
     * The importance-weighted bound L_K ({@link GaussianIwae}) of K = {@link FitConfig#iwaeSamples()}
     * iid draws on the full data, its gradient by {@link FitConfig#iwaeGradient()} into {@code grad}.
     */
    private double iwae(GaussianGuide guide, Rng rng, double[] grad) {
        int k = config.iwaeSamples();
        int e = guide.noiseDim();
        ensureBuffers(k, guide.dim(), e);
        for (int i = 0; i < k * e; i++) {
            eps[i] = rng.nextGaussian();
        }
        evaluate(guide, k, Minibatch.full(permutation.length), grad != null);
        return iwaeEstimator.estimate(guide, eps, values, whitening == null ? 0 : whitening.logDet(), gv, k,
                config.iwaeGradient(), grad);
    }

    /**
     * The draws of {@code eps} (count rows) into v (and u), ℓ into {@code values} and, when
     * {@code withGradient}, ∇_v ℓ into gv (pulled back through the whitening); returns Σ ||v||².
     */
    private double evaluate(GaussianGuide guide, int count, Minibatch batch, boolean withGradient) {
        int d = guide.dim();
        int e = guide.noiseDim();
        double squares = 0;
        for (int p = 0; p < count; p++) {
            System.arraycopy(eps, p * e, noise, 0, e);
            guide.draw(noise, vi);
            System.arraycopy(vi, 0, v, p * d, d);
            for (int i = 0; i < d; i++) {
                squares += vi[i] * vi[i];
            }
            if (whitening != null) {
                whitening.map(vi, ui);
                System.arraycopy(ui, 0, u, p * d, d);
            }
        }
        double[] gu = withGradient ? this.gu : null;
        Arrays.fill(values, 0);
        if (gu != null) {
            Arrays.fill(gu, 0);
        }
        if (batch.isFull()) {
            target.logDensities(u, count, values, gu);
        } else if (minibatched != null) {
            minibatched.evaluate(u, count, batch, values, gu);
        } else {
            ((SubsampledLogDensity) target).logDensities(u, count, batch.indices(), batch.scale(), values, gu);
        }
        if (gu != null) {
            for (int p = 0; p < count; p++) {
                System.arraycopy(gu, p * d, gi, 0, d);
                if (whitening != null) {
                    whitening.pullBack(gi, vi);
                } else {
                    System.arraycopy(gi, 0, vi, 0, d);
                }
                System.arraycopy(vi, 0, gv, p * d, d);
            }
        }
        return squares;
    }

    /**
     * Sizes the work arrays of {@link #elbo} and {@link #iwae} for {@code count} particles
     * (reallocated only when the count or the guide's dimensions change, so the steps of a fit
     * allocate nothing here).
     */
    private void ensureBuffers(int count, int d, int e) {
        if (count == bufferCount && vi != null && vi.length == d && noise.length == e) {
            return;
        }
        bufferCount = count;
        eps = new double[count * e];
        v = new double[count * d];
        u = whitening == null ? v : new double[count * d];
        values = new double[count];
        gu = new double[count * d];
        gv = new double[count * d];
        noise = new double[e];
        vi = new double[d];
        ui = new double[d];
        gi = new double[d];
        elboEstimator = GaussianElbo.of(d, e);
        iwaeEstimator = GaussianIwae.of(d, e);
    }

    /** The full data, or a subsample without replacement by a partial Fisher–Yates shuffle. */
    private Minibatch batch(Rng rng) {
        int n = permutation.length;
        int b = config.batchSize();
        if (b == 0 || b >= n) {
            return Minibatch.full(n);
        }
        for (int i = 0; i < b; i++) {
            int j = i + rng.nextInt(n - i);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        return Minibatch.of(n, Arrays.copyOf(permutation, b));
    }



}
