package org.elbo4j.bayes;

import java.util.Arrays;
import java.util.Optional;
import org.elbo4j.infer.LogDensity;
import org.elbo4j.infer.NonFinitePolicy;
import org.elbo4j.infer.SviLoop;
import org.elbo4j.infer.Verdict;
import org.elbo4j.optim.AdamUpdate;
import org.elbo4j.optim.FlatParameters;
import org.elbo4j.optim.PlateauDecay;
import org.elbo4j.random.AntitheticPairs;
import org.elbo4j.random.Rng;

/**
 * The second stage of a {@link GuideFamily#FLOW} fit: the layers of a {@link FlowGuide} trained on
 * the full-data target ℓ from the identity (q = the fitted full-rank Gaussian). Each step draws M
 * particles as ⌈M/2⌉ antithetic pairs (ε, −ε), estimates
 * <pre>
 *   ELBO ≈ (1/M) Σ_m [ℓ(u_m) − log q(u_m)]        (no closed-form entropy: −E[log q] by Monte Carlo)
 *   ∇_θ ELBO ≈ (1/M) Σ_m ∇_θ [ℓ(u(θ, ε_m)) + Σ_k log |det ∂T_k/∂x|]   (the path derivative)
 * </pre>
 * and takes an Adam step (rate {@code config.flowLearningRate()} at first, or
 * {@code config.learningRate()} when that is 0; gradient clamp
 * {@link VariationalLoop#WHITENED_GRADIENT_CLIP}: θ acts on whitened coordinates) under
 * {@link PlateauDecay} with relative scale 1, in the {@link SviLoop} with the fit's windows and
 * tolerance; the window average of θ (Polyak) when {@code config.averageIterates()}. A step whose
 * ELBO or gradient is not finite (a draw far in the flow's tail where ℓ is −∞ or overflows) is
 * dropped and the rate halved ({@link NonFinitePolicy#ROLLBACK}); NON_FINITE after
 * {@value SviLoop#MAX_CONSECUTIVE_ROLLBACKS} such steps in a row (the flow left as before them),
 * DIVERGING on a blow-up of θ, MAX_STEPS when {@code config.maxSteps()} flow steps run out.
 */
final class FlowLoop {

    private final LogDensity target;
    private final FitConfig config;
    private final FlowGuide guide;
    private final int count;
    private final double[] eps;
    private final double[] u;
    private final double[] logQ;
    private final double[] values;
    private final double[] gu;
    private final double[] noise;
    private final double[] point;
    private final double[] gi;
    /** J·d: the layers' inputs of one particle's draw, kept for its pull-back. */
    private final int inputSize;
    private final double[] inputs;

    private FlowLoop(LogDensity target, FitConfig config, FlowGuide guide) {
        this.target = target;
        this.config = config;
        this.guide = guide;
        int d = guide.dim();
        this.count = 2 * ((config.particles() + 1) / 2);
        this.eps = new double[count * d];
        this.u = new double[count * d];
        this.logQ = new double[count];
        this.values = new double[count];
        this.gu = new double[count * d];
        this.noise = new double[d];
        this.point = new double[d];
        this.gi = new double[d];
        this.inputSize = guide.stages() * d;
        this.inputs = new double[count * inputSize];
    }

    /** Trains {@code guide} (in place) on ℓ; the returned Optimisation carries a copy of it. */
    static Optimisation run(LogDensity target, FlowGuide guide, FitConfig config, Rng rng) {
        return new FlowLoop(target, config, guide).optimise(rng);
    }

    private Optimisation optimise(Rng rng) {
        double[] theta = guide.params();
        double[] grad = new double[theta.length];
        double rate = config.flowLearningRate() > 0 ? config.flowLearningRate() : config.learningRate();
        SviLoop loop = SviLoop.of(FlatParameters.of(theta, grad),
                AdamUpdate.of(theta.length, rate).withClamp(VariationalLoop.WHITENED_GRADIENT_CLIP),
                PlateauDecay.of(rate, guide.dim()))
                .windows(config.window(), config.relTolerance(), () -> 1.0, true)
                .onNonFinite(NonFinitePolicy.ROLLBACK);
        double[] trace = new double[config.maxSteps()];
        Verdict verdict = null;
        String reason = null;
        int step = 0;
        while (step < config.maxSteps() && verdict == null) {
            int k = step;
            SviLoop.Status status = loop.step(index -> -(trace[k] = elbo(rng, grad)));
            step++;
            if (status == SviLoop.Status.STOPPED) {
                return result(Verdict.NON_FINITE, loop.problem() + " at flow step " + loop.problemStep() + " after "
                        + loop.rollbacks() + " dropped steps; flow left as before that step", trace, step);
            }
            verdict = loop.verdict();
            reason = loop.reason();
            if (step % config.window() == 0 && guide.blownUp()) {
                verdict = Verdict.DIVERGING;
                reason = "flow parameters blew up (|θ| > " + FlowGuide.MAX_ABS_PARAM + ") at flow step " + step;
            }
        }
        if (verdict == null) {
            verdict = Verdict.MAX_STEPS;
            reason = "flow step budget of " + config.maxSteps() + " used up; last check: " + loop.reason();
        }
        double[] average = loop.windowAverage();
        if (config.averageIterates() && average != null && verdict != Verdict.DIVERGING) {
            System.arraycopy(average, 0, theta, 0, theta.length);
            reason += "; flow parameters averaged over the last " + config.window() + " steps";
        }
        if (loop.rollbacks() > 0) {
            reason += "; " + loop.rollbacks() + " steps dropped (ELBO or gradient not finite), the rate halved at each";
        }
        return result(verdict, reason, trace, step);
    }

    private Optimisation result(Verdict verdict, String reason, double[] trace, int steps) {
        return new Optimisation(verdict, reason, Arrays.copyOf(trace, steps), steps, guide.base(),
                Optional.of(guide.copy()));
    }

    /** The step's ELBO estimate; {@code grad} set to −∇_θ of it. */
    private double elbo(Rng rng, double[] grad) {
        int d = guide.dim();
        int half = count / 2;
        for (int i = 0; i < half * d; i++) {
            eps[i] = rng.nextGaussian();
        }
        AntitheticPairs.mirror(eps, count, d);
        for (int p = 0; p < count; p++) {
            System.arraycopy(eps, p * d, noise, 0, d);
            logQ[p] = guide.draw(noise, point);
            guide.saveInputs(inputs, p * inputSize);
            System.arraycopy(point, 0, u, p * d, d);
        }
        Arrays.fill(values, 0);
        Arrays.fill(gu, 0);
        target.logDensities(u, count, values, gu);
        double value = 0;
        for (int p = 0; p < count; p++) {
            value += values[p] - logQ[p];
        }
        value /= count;
        Arrays.fill(grad, 0);
        if (!Double.isFinite(value)) {
            return value;
        }
        for (int p = 0; p < count; p++) {
            guide.restoreInputs(inputs, p * inputSize);
            for (int i = 0; i < d; i++) {
                gi[i] = -gu[p * d + i] / count;
            }
            guide.pullBack(gi, -1.0 / count, grad);
        }
        return value;
    }
}
