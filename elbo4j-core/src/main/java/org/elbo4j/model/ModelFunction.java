package org.elbo4j.model;

/**
 * A probabilistic model written as one function of a {@link ModelContext}: it draws its latent
 * parameters with {@link ModelContext#sample}, scores its data with {@link ModelContext#observe}
 * and declares conditionally independent dimensions with {@link ModelContext#plate}, as a Pyro or
 * NumPyro model does. It is written for one draw of the parameters; {@link FunctionModel} runs it
 * for M particles at once, and derives the parameters, their supports and the subsampling scale.
 *
 * <p>The function must visit the same sites, with the same shapes, on every run (no control flow
 * that depends on the parameter values), and must have no side effects beyond the context.
 */
@FunctionalInterface
public interface ModelFunction {

    /** Runs the model once against {@code m}. */
    void run(ModelContext m);
}
