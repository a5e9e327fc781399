package org.elbo4j.bayes;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * Constrained parameter values for a batch of particles (or posterior draws): each parameter
 * {@code name} maps to a tensor of shape {@code [M] ++ parameter.shape()}, where M is
 * {@link #count()}. A model's log density receives one of these and returns one value per
 * particle, shape {@code [M]}.
 */
public final class ParameterValues {

    private final Map<String, Tensor> values;
    private final int count;

    private ParameterValues(Map<String, Tensor> values, int count) {
        this.values = values;
        this.count = count;
    }

    /**
     * Values from a map of tensors that all have the same leading dimension.
     *
     * @throws IllegalArgumentException if the map is empty or the leading dimensions differ
     */
    public static ParameterValues of(Map<String, Tensor> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("ParameterValues: no values");
        }
        int m = -1;
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Tensor t = e.getValue();
            if (t.rank() < 1 || (m >= 0 && t.dim(0) != m)) {
                throw new IllegalArgumentException("ParameterValues: '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + ", expected a leading particle dimension of " + m);
            }
            m = t.dim(0);
        }
        return new ParameterValues(Collections.unmodifiableMap(new LinkedHashMap<>(values)), m);
    }

    /**
     * The values of {@code name}, shape {@code [M] ++ shape}.
     *
     * @throws IllegalArgumentException for an undeclared name
     */
    public Tensor get(String name) {
        Tensor t = values.get(name);
        if (t == null) {
            throw new IllegalArgumentException("ParameterValues: no parameter '" + name + "' (declared: "
                    + values.keySet() + ")");
        }
        return t;
    }

    /** The number of particles M. */
    public int count() {
        return count;
    }

    /** All values by name, in declaration order. */
    public Map<String, Tensor> asMap() {
        return values;
    }
}
