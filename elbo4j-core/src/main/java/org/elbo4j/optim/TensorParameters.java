package org.elbo4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.kernel.Reduce;

/**
 * The {@link FlatParameters} of named float32 tensors: coordinate {@code offset(b) + j} is element
 * j of block b (map order). The blocks are cut into tasks of at most {@value #CHUNK} elements so
 * that elementwise updates run in parallel; each element belongs to one task, so the result does
 * not depend on the thread count.
 */
public final class TensorParameters implements FlatParameters {

    /** Elements per parallel task. */
    static final int CHUNK = 1 << 15;

    private final String[] names;
    private final Tensor[] tensors;
    private final int[] offsets;
    private final int size;
    private final int[] taskBlock;
    private final int[] taskFrom;

    private TensorParameters(String[] names, Tensor[] tensors) {
        this.names = names;
        this.tensors = tensors;
        this.offsets = new int[tensors.length];
        long n = 0;
        List<int[]> tasks = new ArrayList<>();
        for (int b = 0; b < tensors.length; b++) {
            offsets[b] = (int) n;
            n += tensors[b].size();
            for (int from = 0; from < tensors[b].size(); from += CHUNK) {
                tasks.add(new int[] {b, from});
            }
        }
        this.size = Math.toIntExact(n);
        this.taskBlock = tasks.stream().mapToInt(t -> t[0]).toArray();
        this.taskFrom = tasks.stream().mapToInt(t -> t[1]).toArray();
    }

    /**
     * The view of {@code tensors} (in map order).
     *
     * @throws IllegalArgumentException if there are none or one is null
     */
    public static TensorParameters of(Map<String, Tensor> tensors) {
        if (tensors == null || tensors.isEmpty()) {
            throw new IllegalArgumentException("TensorParameters: no parameters");
        }
        String[] names = new String[tensors.size()];
        Tensor[] values = new Tensor[tensors.size()];
        int i = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("TensorParameters: parameter '" + e.getKey() + "' is null");
            }
            names[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new TensorParameters(names, values);
    }

    @Override
    public int size() {
        return size;
    }

    /** The number of blocks (tensors). */
    public int blocks() {
        return tensors.length;
    }

    /** The name of block b. */
    public String name(int b) {
        return names[b];
    }

    /** The first coordinate of block b. */
    public int offset(int b) {
        return offsets[b];
    }

    /** Block b's values (live). */
    public float[] values(int b) {
        return tensors[b].data();
    }

    /** Block b's loss gradient (live), or null when it has none. */
    public float[] gradient(int b) {
        Tensor g = tensors[b].grad();
        return g == null ? null : g.data();
    }

    /** Forgets every block's gradient. */
    public void zeroGrad() {
        for (Tensor t : tensors) {
            t.zeroGrad();
        }
    }

    int tasks() {
        return taskBlock.length;
    }

    int taskBlock(int k) {
        return taskBlock[k];
    }

    int taskFrom(int k) {
        return taskFrom[k];
    }

    /**
     * Implementation note: a double sum of at most 2³¹ floats cannot overflow, so it is finite
     * exactly when no value is NaN or ±∞; the vectorized sum checks a block in one pass.
     */
    @Override
    public String nonFiniteGradient() {
        for (int b = 0; b < tensors.length; b++) {
            float[] g = gradient(b);
            if (g != null && !Double.isFinite(Reduce.sum(g, 0, g.length))) {
                return "gradient of '" + names[b] + "' is not finite";
            }
        }
        return null;
    }

    @Override
    public void addTo(double[] sum) {
        for (int b = 0; b < tensors.length; b++) {
            float[] x = values(b);
            for (int j = 0, i = offsets[b]; j < x.length; j++, i++) {
                sum[i] += x[j];
            }
        }
    }

    @Override
    public void set(double[] v) {
        for (int b = 0; b < tensors.length; b++) {
            float[] x = values(b);
            for (int j = 0, i = offsets[b]; j < x.length; j++, i++) {
                x[j] = (float) v[i];
            }
        }
    }
}
