package org.elbo4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.elbo4j.tensor.Tensor;

/**
 * The named, ordered parameters of a model: what optimizers update and checkpoints save.
 *
 * <p>Names of sub-modules are joined with dots ("encoder.0.weight"). Every name is unique and
 * every tensor appears once (a tensor registered under two names would be updated twice by an
 * optimizer, so that is rejected). The store holds the live tensors: {@link #copyValues()} and
 * {@link #loadValues(Map)} move their values in and out as float arrays for checkpoints.
 */
public final class ParameterStore implements Module {

    private final Map<String, Tensor> params;

    private ParameterStore(Map<String, Tensor> params) {
        this.params = Collections.unmodifiableMap(params);
    }

    /** The parameters of one module, under their own names. */
    public static ParameterStore of(Module module) {
        return builder().add("", module).build();
    }

    /** A builder that collects modules and tensors under prefixes. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects parameters in the order they are added. */
    public static final class Builder {
        private final LinkedHashMap<String, Tensor> params = new LinkedHashMap<>();
        private final IdentityHashMap<Tensor, String> seen = new IdentityHashMap<>();

        private Builder() {
        }

        /**
         * Adds every parameter of {@code module} as {@code prefix + "." + name} (just the name
         * when the prefix is empty).
         */
        public Builder add(String prefix, Module module) {
            for (Map.Entry<String, Tensor> e : module.parameters().entrySet()) {
                add(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue());
            }
            return this;
        }

        /**
         * Adds one tensor under {@code name}.
         *
         * @throws IllegalArgumentException on an empty or repeated name, or a tensor already added
         */
        public Builder add(String name, Tensor tensor) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("ParameterStore: parameter names must be non-empty");
            }
            if (params.containsKey(name)) {
                throw new IllegalArgumentException("ParameterStore: duplicate parameter name '" + name + "'");
            }
            String other = seen.put(tensor, name);
            if (other != null) {
                throw new IllegalArgumentException("ParameterStore: '" + name + "' is the same tensor as '"
                        + other + "'; a shared parameter must be registered once");
            }
            params.put(name, tensor);
            return this;
        }

        public ParameterStore build() {
            return new ParameterStore(new LinkedHashMap<>(params));
        }
    }

    /** The parameters by name, in order (unmodifiable). */
    @Override
    public Map<String, Tensor> parameters() {
        return params;
    }

    /** The names, in order. */
    public List<String> names() {
        return List.copyOf(params.keySet());
    }

    /** The tensors, in order. */
    public List<Tensor> tensors() {
        return List.copyOf(params.values());
    }

    /**
     * The parameter named {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Tensor get(String name) {
        Tensor t = params.get(name);
        if (t == null) {
            throw new IllegalArgumentException("ParameterStore: no parameter named '" + name + "'");
        }
        return t;
    }

    /** The number of parameter tensors. */
    public int size() {
        return params.size();
    }

    /** The total number of scalar parameters. */
    public long count() {
        long n = 0;
        for (Tensor t : params.values()) {
            n += t.size();
        }
        return n;
    }

    /** Forgets every accumulated gradient. */
    public void zeroGrad() {
        for (Tensor t : params.values()) {
            t.zeroGrad();
        }
    }

    /** Copies of the values, by name, in order. */
    public Map<String, float[]> copyValues() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            out.put(e.getKey(), e.getValue().toFloatArray());
        }
        return out;
    }

    /**
     * Overwrites the parameter values (in place, so optimizers holding the tensors see them).
     * The names must be exactly this store's names and every array must have the parameter's
     * number of elements; nothing is written unless all are valid.
     *
     * @throws IllegalArgumentException naming the missing, unexpected or mis-sized parameters
     */
    public void loadValues(Map<String, float[]> values) {
        Set<String> missing = new TreeSet<>(params.keySet());
        missing.removeAll(values.keySet());
        Set<String> unexpected = new TreeSet<>(values.keySet());
        unexpected.removeAll(params.keySet());
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing " + missing);
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected " + unexpected);
        }
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            float[] v = values.get(e.getKey());
            if (v != null && v.length != e.getValue().size()) {
                problems.add("'" + e.getKey() + "' has " + v.length + " values, expected " + e.getValue().size()
                        + " for shape " + java.util.Arrays.toString(e.getValue().shape()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("ParameterStore.loadValues: " + String.join("; ", problems));
        }
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            float[] v = values.get(e.getKey());
            System.arraycopy(v, 0, e.getValue().data(), 0, v.length);
        }
    }
}
