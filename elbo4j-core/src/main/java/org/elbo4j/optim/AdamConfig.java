package org.elbo4j.optim;

/**
 * Settings of {@link Adam} and {@link AdamW}, with PyTorch's defaults in one place.
 *
 * @param schedule learning rate per update (default constant {@value #DEFAULT_LR})
 * @param beta1 decay of the first-moment average, in [0, 1) (default {@value #DEFAULT_BETA1})
 * @param beta2 decay of the second-moment average, in [0, 1) (default {@value #DEFAULT_BETA2})
 * @param eps added to √v̂ in the denominator, > 0 (default {@value #DEFAULT_EPS})
 * @param weightDecay λ >= 0: an L2 term λ·p added to the gradient in Adam, a decoupled decay
 *     p ← p·(1 − η·λ) in AdamW (defaults 0 and {@value #DEFAULT_ADAMW_WEIGHT_DECAY})
 */
public record AdamConfig(LrSchedule schedule, double beta1, double beta2, double eps, double weightDecay) {

    public static final double DEFAULT_LR = 1e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;
    public static final double DEFAULT_ADAMW_WEIGHT_DECAY = 1e-2;

    /** Validates the settings. */
    public AdamConfig {
        if (schedule == null) {
            throw new IllegalArgumentException("AdamConfig: schedule must not be null");
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("AdamConfig: beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("AdamConfig: beta2 must be in [0, 1), got " + beta2);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("AdamConfig: eps must be finite and > 0, got " + eps);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("AdamConfig: weightDecay must be finite and >= 0, got " + weightDecay);
        }
    }

    /** PyTorch's {@code torch.optim.Adam} defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static AdamConfig adam() {
        return new AdamConfig(LrSchedule.constant(DEFAULT_LR), DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, 0.0);
    }

    /** PyTorch's {@code torch.optim.AdamW} defaults: as {@link #adam()} with weight decay 1e-2. */
    public static AdamConfig adamW() {
        return adam().withWeightDecay(DEFAULT_ADAMW_WEIGHT_DECAY);
    }

    /** The same settings with a constant learning rate. */
    public AdamConfig withLr(double lr) {
        return withSchedule(LrSchedule.constant(lr));
    }

    public AdamConfig withSchedule(LrSchedule s) {
        return new AdamConfig(s, beta1, beta2, eps, weightDecay);
    }

    public AdamConfig withBetas(double b1, double b2) {
        return new AdamConfig(schedule, b1, b2, eps, weightDecay);
    }

    public AdamConfig withEps(double e) {
        return new AdamConfig(schedule, beta1, beta2, e, weightDecay);
    }

    public AdamConfig withWeightDecay(double lambda) {
        return new AdamConfig(schedule, beta1, beta2, eps, lambda);
    }
}
