package org.elbo4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/** The named parameter tensors of one optimizer, with the bookkeeping of its per-parameter buffers. */
final class Params {

    final String[] names;
    final Tensor[] tensors;

    private Params(String[] names, Tensor[] tensors) {
        this.names = names;
        this.tensors = tensors;
    }

    /**
     * The parameters of {@code map} in its iteration order.
     *
     * @throws IllegalArgumentException if there are none or a tensor is null
     */
    static Params of(String owner, Map<String, Tensor> map) {
        if (map.isEmpty()) {
            throw new IllegalArgumentException(owner + ": no parameters to optimize");
        }
        String[] names = new String[map.size()];
        Tensor[] tensors = new Tensor[map.size()];
        int i = 0;
        for (Map.Entry<String, Tensor> e : map.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException(owner + ": parameter '" + e.getKey() + "' is null");
            }
            names[i] = e.getKey();
            tensors[i] = e.getValue();
            i++;
        }
        return new Params(names, tensors);
    }

    int size() {
        return tensors.length;
    }

    /** One zero array per parameter, of its size. */
    float[][] zeroBuffers() {
        float[][] b = new float[tensors.length][];
        for (int i = 0; i < b.length; i++) {
            b[i] = new float[tensors[i].size()];
        }
        return b;
    }

    void zeroGrad() {
        for (Tensor t : tensors) {
            t.zeroGrad();
        }
    }

    /** The buffers as named arrays "kind/param"; null entries (not yet created) are left out. */
    void save(Map<String, float[]> out, String kind, float[][] buffers) {
        for (int i = 0; i < names.length; i++) {
            if (buffers[i] != null) {
                out.put(kind + "/" + names[i], buffers[i]);
            }
        }
    }

    /**
     * Reads buffers "kind/param" of {@code state} into arrays (null where absent and
     * {@code optional}); checks the sizes.
     */
    float[][] load(String owner, OptimizerState state, String kind, boolean optional) {
        float[][] out = new float[names.length][];
        Map<String, float[]> all = state.buffers();
        for (int i = 0; i < names.length; i++) {
            String key = kind + "/" + names[i];
            float[] b = all.get(key);
            if (b == null) {
                if (!optional) {
                    throw new IllegalArgumentException(owner + ".restore: state has no buffer '" + key + "'");
                }
                continue;
            }
            if (b.length != tensors[i].size()) {
                throw new IllegalArgumentException(owner + ".restore: buffer '" + key + "' has " + b.length
                        + " values, parameter '" + names[i] + "' has " + tensors[i].size());
            }
            out[i] = b;
        }
        return out;
    }

    /**
     * Checks that the state has a buffer {@code kind/name} of each parameter's size (float32 or
     * float64).
     */
    void checkSizes(String owner, OptimizerState state, String kind) {
        for (int i = 0; i < names.length; i++) {
            String key = kind + "/" + names[i];
            if (!state.names().contains(key)) {
                throw new IllegalArgumentException(owner + ".restore: state has no buffer '" + key + "'");
            }
            int n = state.widened(key).length;
            if (n != tensors[i].size()) {
                throw new IllegalArgumentException(owner + ".restore: buffer '" + key + "' has " + n
                        + " values, parameter '" + names[i] + "' has " + tensors[i].size());
            }
        }
    }

    /** Checks the kind and that every buffer of the state belongs to one of these parameters. */
    void checkState(String owner, OptimizerState state, String kind, List<String> bufferKinds) {
        if (!state.kind().equals(kind)) {
            throw new IllegalArgumentException(owner + ".restore: state is from " + state.kind() + ", not " + kind);
        }
        Map<String, Integer> known = new LinkedHashMap<>();
        for (String k : bufferKinds) {
            for (int i = 0; i < names.length; i++) {
                known.put(k + "/" + names[i], i);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : state.names()) {
            if (!known.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException(owner + ".restore: state has buffers for unknown parameters "
                    + unexpected);
        }
    }
}
