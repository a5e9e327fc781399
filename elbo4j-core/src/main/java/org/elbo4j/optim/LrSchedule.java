package org.elbo4j.optim;

/**
 * A learning rate as a function of the update number k = 0, 1, 2, … (the optimizer's
 * {@link Optimizer#stepCount()} before the update). The factories mirror PyTorch's schedulers
 * stepped once per update:
 * <ul>
 *   <li>{@link #constant}: {@code η}</li>
 *   <li>{@link #stepDecay} ({@code StepLR}): {@code η · γ^⌊k / stepSize⌋}</li>
 *   <li>{@link #exponential} ({@code ExponentialLR}): {@code η · γ^k}</li>
 *   <li>{@link #cosine} ({@code CosineAnnealingLR}):
 *       {@code η_min + (η − η_min)(1 + cos(π·min(k, T)/T)) / 2}, staying at η_min after T
 *       (PyTorch's version rises again after T)</li>
 *   <li>{@link #warmup}: {@code after.rate(0) · (k + 1) / W} for {@code k < W}, then
 *       {@code after.rate(k − W)}: the schedule that follows starts counting after the warm-up</li>
 *   <li>{@link #stanDecay} (Stan's ADVI, Kucukelbir et al. 2017, eq. 10):
 *       {@code η · (k + 1)^(−1/2 + 10⁻¹⁶)}</li>
 *   <li>{@link #robbinsMonro} (online LDA, Hoffman, Blei &amp; Bach 2010, eq. 10):
 *       {@code (τ₀ + k)^(−κ)}</li>
 * </ul>
 * A schedule is the fixed strategy of {@link StepSizePolicy}: it ignores window comparisons.
 */
@FunctionalInterface
public interface LrSchedule extends StepSizePolicy {

    /** The learning rate of update number {@code step} (>= 0). */
    @Override
    double rate(long step);

    /** {@code η} at every step. */
    static LrSchedule constant(double lr) {
        checkRate("constant", "lr", lr);
        return step -> lr;
    }

    /** {@code η · γ^⌊k / stepSize⌋}. */
    static LrSchedule stepDecay(double lr, long stepSize, double gamma) {
        checkRate("stepDecay", "lr", lr);
        if (stepSize < 1) {
            throw new IllegalArgumentException("LrSchedule.stepDecay: stepSize must be >= 1, got " + stepSize);
        }
        checkGamma("stepDecay", gamma);
        return step -> lr * Math.pow(gamma, (double) (step / stepSize));
    }

    /** {@code η · γ^k}. */
    static LrSchedule exponential(double lr, double gamma) {
        checkRate("exponential", "lr", lr);
        checkGamma("exponential", gamma);
        return step -> lr * Math.pow(gamma, (double) step);
    }

    /** Cosine annealing from {@code lr} to {@code minLr} over {@code totalSteps}, then {@code minLr}. */
    static LrSchedule cosine(double lr, long totalSteps, double minLr) {
        checkRate("cosine", "lr", lr);
        checkRate("cosine", "minLr", minLr);
        if (totalSteps < 1) {
            throw new IllegalArgumentException("LrSchedule.cosine: totalSteps must be >= 1, got " + totalSteps);
        }
        return step -> minLr + (lr - minLr) * 0.5
                * (1.0 + Math.cos(Math.PI * Math.min(step, totalSteps) / totalSteps));
    }

    /** A linear ramp over {@code warmupSteps} updates up to {@code after}'s first rate, then {@code after}. */
    static LrSchedule warmup(long warmupSteps, LrSchedule after) {
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("LrSchedule.warmup: warmupSteps must be >= 1, got " + warmupSteps);
        }
        return step -> step < warmupSteps
                ? after.rate(0) * (step + 1) / warmupSteps
                : after.rate(step - warmupSteps);
    }

    /**
     * Stan's ADVI step-size decay {@code η · (k + 1)^(−1/2 + ε)}, ε = 10⁻¹⁶ (iteration k + 1 counted
     * from 1): the scalar part of Stan's sequence {@code ρ = η (k+1)^(−1/2+ε) / (τ + √s)}.
     */
    static LrSchedule stanDecay(double eta) {
        checkRate("stanDecay", "eta", eta);
        return step -> eta * Math.pow(step + 1, -0.5 + 1e-16);
    }

    /**
     * The Robbins–Monro rate of online variational Bayes, {@code ρ_k = (τ₀ + k)^(−κ)}: with
     * κ ∈ (0.5, 1] the rates sum to infinity and their squares do not; τ₀ ≥ 1 keeps ρ_k ≤ 1 and
     * slows the early updates (Hoffman, Blei &amp; Bach 2010, §2.2).
     */
    static LrSchedule robbinsMonro(double tau0, double kappa) {
        if (!(tau0 >= 1) || Double.isInfinite(tau0)) {
            throw new IllegalArgumentException("LrSchedule.robbinsMonro: tau0 must be finite and >= 1, got " + tau0);
        }
        if (!(kappa > 0.5 && kappa <= 1)) {
            throw new IllegalArgumentException("LrSchedule.robbinsMonro: kappa must be in (0.5, 1], got " + kappa);
        }
        return step -> Math.pow(tau0 + step, -kappa);
    }

    private static void checkRate(String factory, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("LrSchedule." + factory + ": " + name
                    + " must be finite and >= 0, got " + value);
        }
    }

    private static void checkGamma(String factory, double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("LrSchedule." + factory + ": gamma must be in (0, 1], got " + gamma);
        }
    }
}
