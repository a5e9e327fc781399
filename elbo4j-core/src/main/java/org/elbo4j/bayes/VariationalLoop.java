package org.elbo4j.bayes;

import java.util.Arrays;
import java.util.LinkedHashMap;

import java.util.Map;
import java.util.Optional;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * The optimisation loop of a Gaussian-guide fit: each step draws M particles
 * {@code u = μ + A ε} as ⌈M/2⌉ antithetic pairs ({@link GaussianGuide#rsampleAntithetic}),
 * evaluates {@code ELBO ≈ (1/M) Σ_m [log p(D_B, f(u_m)) + log |det J_f(u_m)|] + H[q]}
 * (log-likelihood scaled by N/|B|), and takes an Adam or Stan step on −ELBO. With a Laplace start
 * the guide is a {@link WhitenedGuide}. For Adam, the {@link ConvergenceMonitor}'s window
 * comparisons drive {@link StepSizeDecay} (halve the learning rate on no progress; CONVERGED or
 * PLATEAU once the rate is small enough); for Stan's sequence the monitor decides alone. Also:
 * NON_FINITE when the ELBO, a gradient or a
 * parameter is not finite (the guide is put back to its last finite window); DIVERGING on a
 * blow-up of the guide parameters; Polyak averaging of the parameters over the last complete
 * window when asked.
 */
final class VariationalLoop {

    private static final int STAN_ADAPT_STEPS = 50;
    private static final int STAN_ADAPT_ELBO_DRAWS = 100;

    private final BayesModel model;
    private final UnconstrainedLayout layout;
    private final FitConfig config;
    private final int[] permutation;
    private final Optional<LaplaceStart> laplace;
    private final ControlVariateWeight controlWeight = new ControlVariateWeight();
    private double lastF;
    private double lastC;

    private VariationalLoop(BayesModel model, UnconstrainedLayout layout, FitConfig config,
            Optional<LaplaceStart> laplace) {
        this.model = model;
        this.layout = layout;
        this.config = config;
        this.laplace = laplace;
        this.permutation = new int[model.observationCount()];
        Arrays.setAll(permutation, i -> i);
    }

    static Optimisation run(BayesModel model, UnconstrainedLayout layout, FitConfig config, double[] init,
            Optional<LaplaceStart> laplace, Rng rng) {
        VariationalLoop loop = new VariationalLoop(model, layout, config, laplace);
        double eta = config.optimizer() == OptimizerKind.STAN_ADAPTIVE ? loop.adaptEta(init, rng.child("adapt")) : 0;
        return loop.optimise(init, rng, eta);
    }

    /** Stan's η adaptation: a short run from the start per candidate, keeping the best ELBO. */
    private double adaptEta(double[] init, Rng rng) {
        double bestEta = StanStepSequence.ETA_CANDIDATES[StanStepSequence.ETA_CANDIDATES.length - 1];
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < StanStepSequence.ETA_CANDIDATES.length; c++) {
            double eta = StanStepSequence.ETA_CANDIDATES[c];
            GaussianGuide guide = newGuide(init, rng.child("guide"));
            StanStepSequence seq = new StanStepSequence(guide.params(), eta);
            Rng stepRng = rng.child(c);
            boolean finite = true;
            for (int k = 0; k < STAN_ADAPT_STEPS && finite; k++) {
                seq.zeroGrad();
                Tensor elbo = elbo(guide, stepRng, config.particles(), batch(stepRng));
                finite = Double.isFinite(elbo.item());
                if (finite) {
                    elbo.neg().backward();
                    seq.step();
                    finite = !guide.blownUp();
                }
            }
            if (!finite) {
                continue;
            }
            double value;
            try (GradMode g = GradMode.noGrad()) {
                value = elbo(guide, stepRng, STAN_ADAPT_ELBO_DRAWS, Minibatch.full(model.observationCount())).item();
            }
            if (Double.isFinite(value) && value > best) {
                best = value;
                bestEta = eta;
            }
        }
        return bestEta;
    }

    private Optimisation optimise(double[] init, Rng rng, double eta) {
        GaussianGuide guide = newGuide(init, rng.child("guide"));
        Map<String, Tensor> params = guide.params();
        Adam adam = eta == 0 ? Adam.of(params, AdamConfig.adam().withLr(config.learningRate())) : null;
        StepSizeDecay decay = new StepSizeDecay(config.learningRate(), layout.dim());
        StanStepSequence stan = eta == 0 ? null : new StanStepSequence(params, eta);
        ConvergenceMonitor monitor = ConvergenceMonitor.of(config.window(), config.relTolerance());
        Rng stepRng = rng.child("steps");
        double[] trace = new double[config.maxSteps()];
        Map<String, float[]> lastGood = copy(params);
        Map<String, double[]> windowSum = zerosLike(params);
        Map<String, float[]> lastWindowAverage = null;
        Verdict verdict = null;
        String reason = null;
        int step = 0;
        while (step < config.maxSteps() && verdict == null) {
            if (adam != null) {
                adam.zeroGrad();
            } else {
                stan.zeroGrad();
            }
            Tensor elbo = elbo(guide, stepRng, config.particles(), batch(stepRng));
            double value = elbo.item();
            trace[step] = value;
            String problem = Double.isFinite(value) ? null : "ELBO is " + value;
            if (problem == null) {
                elbo.neg().backward();
                problem = nonFiniteGradient(params);
            }
            if (problem == null) {
                if (adam != null) {
                    adam.step();
                } else {
                    stan.step();
                }
                problem = nonFiniteValue(params);
            }
            step++;
            if (problem != null) {
                restore(params, lastGood);
                return new Optimisation(Verdict.NON_FINITE, problem + " at step " + (step - 1)
                        + "; guide restored to the last finite window", Arrays.copyOf(trace, step), step,
                        guide.snapshot(layout.coordinateNames()));
            }
            accumulate(windowSum, params);
            controlWeight.record(lastF, lastC);
            if (step % config.window() == 0) {
                controlWeight.update();
            }
            verdict = monitor.add(value);
            reason = monitor.reason();
            if (adam != null && verdict != Verdict.DIVERGING) {
                verdict = null;
                if (monitor.compared()) {
                    double lr = decay.learningRate();
                    verdict = decay.afterWindow(monitor.lastChange(), monitor.lastStderr(), monitor.lastTolerance(),
                            guide.smallestScale());
                    reason = decay.reason();
                    if (decay.learningRate() != lr) {
                        Adam slower = Adam.of(params, AdamConfig.adam().withLr(decay.learningRate()));
                        slower.restore(adam.state());
                        adam = slower;
                    }
                }
            }
            if (step % config.window() == 0) {
                lastGood = copy(params);
                lastWindowAverage = average(windowSum, config.window());
                windowSum = zerosLike(params);
                if (guide.blownUp()) {
                    verdict = Verdict.DIVERGING;
                    reason = "guide parameters blew up (|loc| > " + GaussianGuide.MAX_ABS_LOC + " or log-scale > "
                            + GaussianGuide.MAX_LOG_SCALE + ") at step " + step;
                }
            }
        }
        if (verdict == null) {
            verdict = Verdict.MAX_STEPS;
            reason = "step budget of " + config.maxSteps() + " used up; last check: "
                    + (adam != null ? decay.reason() : monitor.reason());
        }
        reason = startNote() + reason;
        if (config.averageIterates() && lastWindowAverage != null && verdict != Verdict.DIVERGING) {
            restore(params, lastWindowAverage);
            reason += "; guide parameters averaged over the last " + config.window() + " steps";
        }
        return new Optimisation(verdict, reason, Arrays.copyOf(trace, step), step,
                guide.snapshot(layout.coordinateNames()));
    }

    /**
     * The guide at the start: with a Laplace start, the family's guide over whitened v (at 0 with
     * unit scales) mapped by {@code u = m₀ + L₀ v}, L₀ = chol(H⁻¹) for full-rank and
     * diag(1/√H_jj) otherwise; without, the family's guide at {@code init} with scale
     * {@link GaussianGuide#INIT_SCALE}.
     */
    private GaussianGuide newGuide(double[] init, Rng rng) {
        if (laplace.isEmpty()) {
            return GaussianGuide.create(config.guide(), init, config.rank(), rng);
        }
        int d = init.length;
        double[][] precision = laplace.get().precision();
        boolean full = config.guide() == GuideFamily.FULL_RANK;
        double[][] factor = new double[d][d];
        if (full) {
            factor = DenseCholesky.of(DenseCholesky.of(precision).inverse()).lower();
        } else {
            for (int i = 0; i < d; i++) {
                factor[i][i] = 1 / Math.sqrt(precision[i][i]);
            }
        }
        GaussianGuide inner = GaussianGuide.create(config.guide(), new double[d], config.rank(), rng, 1.0);
        return WhitenedGuide.of(inner, laplace.get().mode(), factor, !full);
    }

    private String startNote() {
        if (config.init().kind() != InitStrategy.Kind.LAPLACE) {
            return "";
        }
        return laplace.isPresent() ? "started at the Laplace approximation (whitened); "
                : "Laplace start unavailable (d > " + LaplaceStart.MAX_DIM + ", no mode found or Hessian not "
                        + "positive definite), started at u = 0; ";
    }

    /**
     * The ELBO estimate with 2⌈m/2⌉ antithetic particles on a batch (a scalar tensor); for a
     * whitened guide plus its zero-mean control variate ({@link WhitenedGuide#controlVariate})
     * with the weight of {@link ControlVariateWeight}.
     */
    private Tensor elbo(GaussianGuide guide, Rng rng, int m, Minibatch batch) {
        if (guide instanceof WhitenedGuide w) {
            Tensor v = w.whitenedDraws(rng, m);
            Tensor estimate = logDensityMean(w.map(v), batch).add(guide.entropy());
            Tensor control = w.controlVariate(v);
            lastF = estimate.item();
            lastC = control.item();
            return estimate.add(control.mul(Tensor.scalar(controlWeight.weight())));
        }
        return logDensityMean(guide.rsampleAntithetic(rng, m), batch).add(guide.entropy());
    }

    private Tensor logDensityMean(Tensor u, Minibatch batch) {
        UnconstrainedLayout.Constrained c = layout.constrain(u);
        return model.logJoint(c.values(), batch).add(c.logAbsDetJacobian()).mean();
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

    private static String nonFiniteGradient(Map<String, Tensor> params) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor g = e.getValue().grad();
            if (g != null && GaussianGuide.exceeds(g, Double.MAX_VALUE)) {
                return "gradient of '" + e.getKey() + "' is not finite";
            }
        }
        return null;
    }

    private static String nonFiniteValue(Map<String, Tensor> params) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            if (GaussianGuide.exceeds(e.getValue(), Double.MAX_VALUE)) {
                return "guide parameter '" + e.getKey() + "' is not finite after the update";
            }
        }
        return null;
    }

    private static Map<String, float[]> copy(Map<String, Tensor> params) {
        Map<String, float[]> c = new LinkedHashMap<>();
        params.forEach((k, v) -> c.put(k, v.toFloatArray()));
        return c;
    }

    private static void restore(Map<String, Tensor> params, Map<String, float[]> values) {
        values.forEach((k, v) -> System.arraycopy(v, 0, params.get(k).data(), 0, v.length));
    }

    private static Map<String, double[]> zerosLike(Map<String, Tensor> params) {
        Map<String, double[]> z = new LinkedHashMap<>();
        params.forEach((k, v) -> z.put(k, new double[v.size()]));
        return z;
    }

    private static void accumulate(Map<String, double[]> sums, Map<String, Tensor> params) {
        params.forEach((k, v) -> {
            double[] s = sums.get(k);
            float[] x = v.data();
            for (int i = 0; i < s.length; i++) {
                s[i] += x[i];
            }
        });
    }

    private static Map<String, float[]> average(Map<String, double[]> sums, int count) {
        Map<String, float[]> a = new LinkedHashMap<>();
        sums.forEach((k, s) -> {
            float[] v = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                v[i] = (float) (s[i] / count);
            }
            a.put(k, v);
        });
        return a;
    }

}
