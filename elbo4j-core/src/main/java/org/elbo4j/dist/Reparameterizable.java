package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * A family whose draws can be written as a differentiable function of its parameters and
 * parameter-free noise, so that gradients of E[f(x)] pass through the sample (the
 * reparameterization trick; for Gamma, Beta and Dirichlet the implicit reparameterization of
 * Figurnov et al. 2018).
 */
public interface Reparameterizable extends Distribution {

    /** Draws like {@link #sample} whose result is differentiable in the parameters. */
    Tensor rsample(RandomGenerator rng, int... sampleShape);
}
