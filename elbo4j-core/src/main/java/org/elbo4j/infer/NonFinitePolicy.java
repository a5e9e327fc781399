package org.elbo4j.infer;

/**
 * What a step loop ({@link Svi}, {@code vae.VaeTrainer}) does when a step's loss or gradient is not
 * finite. Both check the loss and the gradients before the update is applied ({@link Svi} also
 * checks the parameters after it).
 */
public enum NonFinitePolicy {

    /**
     * Throw an IllegalStateException naming the step ("Svi: loss is NaN at step 17"), the update
     * not applied.
     */
    STOP,

    /**
     * Drop the step (put back the parameters and optimizer state from before it), halve the
     * learning rate and go on (throwing after {@link Svi#MAX_CONSECUTIVE_ROLLBACKS} rollbacks in a row).
     */
    ROLLBACK
}
