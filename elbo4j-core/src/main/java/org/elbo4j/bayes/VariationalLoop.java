package org.elbo4j.bayes;

import java.util.Arrays;
import java.util.LinkedHashMap;

import java.util.Map;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * The optimisation loop of a Gaussian-guide fit: each step draws M particles
 * {@code u = μ + A ε}, evaluates {@code ELBO ≈ (1/M) Σ_m [log p(D_B, f(u_m)) + log |det J_f(u_m)|]
 * + H[q]} (log-likelihood scaled by N/|B|), and takes an Adam or Stan step on −ELBO; the
 * {@link ConvergenceMonitor} decides when to stop. Also: NON_FINITE when the ELBO, a gradient or a
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

    private VariationalLoop(BayesModel model, UnconstrainedLayout layout, FitConfig config) {
        this.model = model;
        this.layout = layout;
        this.config = config;
        this.permutation = new int[model.observationCount()];
        Arrays.setAll(permutation, i -> i);
    }

    static Optimisation run(BayesModel model, UnconstrainedLayout layout, FitConfig config, double[] init, Rng rng) {
        VariationalLoop loop = new VariationalLoop(model, layout, config);
        double eta = config.optimizer() == OptimizerKind.STAN_ADAPTIVE ? loop.adaptEta(init, rng.child("adapt")) : 0;
        return loop.optimise(init, rng, eta);
    }

    /** Stan's η adaptation: a short run from the start per candidate, keeping the best ELBO. */
    private double adaptEta(double[] init, Rng rng) {
        double bestEta = StanStepSequence.ETA_CANDIDATES[StanStepSequence.ETA_CANDIDATES.length - 1];
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < StanStepSequence.ETA_CANDIDATES.length; c++) {
            double eta = StanStepSequence.ETA_CANDIDATES[c];
            GaussianGuide guide = GaussianGuide.create(config.guide(), init, config.rank(), rng.child("guide"));
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
        GaussianGuide guide = GaussianGuide.create(config.guide(), init, config.rank(), rng.child("guide"));
        Map<String, Tensor> params = guide.params();
        Adam adam = eta == 0 ? Adam.of(params, AdamConfig.adam().withLr(config.learningRate())) : null;
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
            verdict = monitor.add(value);
            reason = monitor.reason();
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
            reason = "step budget of " + config.maxSteps() + " used up; last check: " + monitor.reason();
        }
        if (config.averageIterates() && lastWindowAverage != null && verdict != Verdict.DIVERGING) {
            restore(params, lastWindowAverage);
            reason += "; guide parameters averaged over the last " + config.window() + " steps";
        }
        return new Optimisation(verdict, reason, Arrays.copyOf(trace, step), step,
                guide.snapshot(layout.coordinateNames()));
    }

    /** The ELBO estimate with m particles on a batch (a scalar tensor). */
    private Tensor elbo(GaussianGuide guide, Rng rng, int m, Minibatch batch) {
        Tensor u = guide.rsample(rng, m);
        UnconstrainedLayout.Constrained c = layout.constrain(u);
        Tensor logDensity = model.logJoint(c.values(), batch).add(c.logAbsDetJacobian());
        return logDensity.mean().add(guide.entropy());
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
