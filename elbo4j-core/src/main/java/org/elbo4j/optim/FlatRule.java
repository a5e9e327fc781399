package org.elbo4j.optim;

/**
 * A first-order update rule on {@link FlatParameters}: one step of λ against the loss gradient
 * the view holds, with the learning rate η the caller's {@link StepSizePolicy} gives for this
 * update. The library's rules are {@link AdamUpdate} (double moments, optional clipping) and
 * {@link StanUpdate} (Stan's ADVI sequence). The rule's state (moments, step count) is changed
 * only by {@link #step}.
 */
public interface FlatRule {

    /** One update of {@code params} with learning rate η. */
    void step(FlatParameters params, double learningRate);

    /** The number of updates applied (the step number k a schedule is evaluated at). */
    long stepCount();
}
