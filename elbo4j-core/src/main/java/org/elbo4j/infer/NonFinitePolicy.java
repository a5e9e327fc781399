package org.elbo4j.infer;

/**
 * What the step loop ({@link SviLoop}, under {@link Svi}, {@code vae.VaeTrainer} and the
 * {@code bayes} fits) does when a step's loss or gradient is not finite. The check comes before
 * the update is applied, so under either policy the parameters and optimizer state are those from
 * before the step.
 */
public enum NonFinitePolicy {

    /** Stop, naming the step ("Svi: loss is NaN at step 17"), the update not applied. */
    STOP,

    /**
     * Drop the step, halve the learning rate and go on (stopping after
     * {@link SviLoop#MAX_CONSECUTIVE_ROLLBACKS} dropped steps in a row).
     */
    ROLLBACK
}
