package org.elbo4j.optim;

/**
 * Settings of {@link Sgd}, as in PyTorch's {@code torch.optim.SGD}.
 *
 * @param schedule learning rate per update
 * @param momentum μ >= 0 (0: plain gradient descent)
 * @param dampening τ in [0, 1]: the buffer update is {@code b ← μ·b + (1 − τ)·g}
 * @param nesterov use the Nesterov form {@code g + μ·b} (needs μ > 0 and τ = 0)
 * @param weightDecay λ >= 0: an L2 term λ·p added to the gradient
 */
public record SgdConfig(LrSchedule schedule, double momentum, double dampening, boolean nesterov,
                        double weightDecay) {

    /** Validates the settings. */
    public SgdConfig {
        if (schedule == null) {
            throw new IllegalArgumentException("SgdConfig: schedule must not be null");
        }
        if (!(momentum >= 0) || Double.isInfinite(momentum)) {
            throw new IllegalArgumentException("SgdConfig: momentum must be finite and >= 0, got " + momentum);
        }
        if (!(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException("SgdConfig: dampening must be in [0, 1], got " + dampening);
        }
        if (nesterov && !(momentum > 0 && dampening == 0)) {
            throw new IllegalArgumentException("SgdConfig: nesterov needs momentum > 0 and dampening = 0, got momentum "
                    + momentum + ", dampening " + dampening);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("SgdConfig: weightDecay must be finite and >= 0, got " + weightDecay);
        }
    }

    /** Plain SGD with a constant learning rate. */
    public static SgdConfig of(double lr) {
        return new SgdConfig(LrSchedule.constant(lr), 0.0, 0.0, false, 0.0);
    }

    /** SGD with heavy-ball momentum μ and a constant learning rate. */
    public static SgdConfig of(double lr, double momentum) {
        return new SgdConfig(LrSchedule.constant(lr), momentum, 0.0, false, 0.0);
    }

    public SgdConfig withSchedule(LrSchedule s) {
        return new SgdConfig(s, momentum, dampening, nesterov, weightDecay);
    }

    public SgdConfig withNesterov(boolean on) {
        return new SgdConfig(schedule, momentum, dampening, on, weightDecay);
    }

    public SgdConfig withDampening(double tau) {
        return new SgdConfig(schedule, momentum, tau, nesterov, weightDecay);
    }

    public SgdConfig withWeightDecay(double lambda) {
        return new SgdConfig(schedule, momentum, dampening, nesterov, lambda);
    }
}
