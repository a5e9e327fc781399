package org.elbo4j.infer;

/** What {@link Svi} does when a step's loss or gradient is not finite. */
public enum NonFinitePolicy {

    /** Throw an IllegalStateException naming the step ("Svi: loss is NaN at step 17"). */
    STOP,

    /**
     * Put back the parameters and optimizer state from before the step, halve the learning rate
     * and go on (throwing after {@link Svi#MAX_CONSECUTIVE_ROLLBACKS} rollbacks in a row).
     */
    ROLLBACK
}
