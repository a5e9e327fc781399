package org.elbo4j.infer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.elbo4j.tensor.Tensor;

/**
 * One estimate of an evidence lower bound.
 *
 * @param elbo the estimate of the bound (for a minibatch: already scaled by N/|B| when the
 *     estimator was given a data size)
 * @param loss a scalar tensor to differentiate: its value is {@code −elbo} and its gradient is
 *     the estimator's estimate of −∇ELBO (for surrogate estimators the value is still −elbo)
 * @param parts named terms of the estimate on the same scale ("reconstruction", "kl", "entropy",
 *     "logJoint", "logGuide"), in insertion order
 */
public record ElboResult(double elbo, Tensor loss, Map<String, Double> parts) {

    /** Validates and copies the parts. */
    public ElboResult {
        Objects.requireNonNull(loss, "ElboResult: loss must not be null");
        if (loss.size() != 1) {
            throw new IllegalArgumentException("ElboResult: loss must be a scalar, got " + loss.size() + " values");
        }
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /**
     * The part named {@code name}.
     *
     * @throws IllegalArgumentException when this estimate has no such part
     */
    public double part(String name) {
        Double v = parts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("ElboResult: no part '" + name + "' (has " + parts.keySet() + ")");
        }
        return v;
    }
}
