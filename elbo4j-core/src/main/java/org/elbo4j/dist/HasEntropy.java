package org.elbo4j.dist;

import org.elbo4j.tensor.Tensor;

/** A family whose entropy has a closed form. */
public interface HasEntropy extends Distribution {

    /** H = −E[log p(x)], differentiable in the parameters, shape {@code batchShape}. */
    Tensor entropy();
}
