package org.elbo4j.nn;

import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * A part of a model that owns trainable parameters.
 *
 * <p>{@link #parameters()} lists them by name in a fixed order (a {@code LinkedHashMap}), names
 * of sub-modules joined with dots as in PyTorch: a module holding an {@link Mlp} under
 * "encoder" lists "encoder.0.weight", "encoder.0.bias", "encoder.1.weight", ...
 * {@link ParameterStore#of(Module)} collects them for optimizers and checkpoints.
 */
public interface Module {

    /**
     * The trainable parameters, by name, in a fixed order. The tensors are the live leaves (not
     * copies) and require gradients.
     */
    Map<String, Tensor> parameters();
}
