package org.elbo4j.tensor;

/**
 * The gradients of a {@link FusedOp}'s inputs during its backward rule: for input i, whether it
 * needs a gradient and the array to add it into.
 *
 * <p>{@link #array(int)} is the input's gradient (row-major, the input's size): the one already
 * accumulated by other operations, or a new zero-filled array that becomes the gradient. Adding
 * into it ({@code dx[j] += v}) is therefore always right. A kernel that wants to write instead
 * of add where it can (one memory read less, and bit for bit the value computed) asks
 * {@link #accumulating(int)}: false when the array was created for this rule, whichever of the
 * two methods is called first.
 */
public final class InputGradients {

    /** The most inputs a fused operation may have. */
    public static final int MAX_INPUTS = 64;

    private final Tensor[] inputs;
    private long created;

    InputGradients(Tensor[] inputs) {
        this.inputs = inputs;
    }

    /** The number of inputs. */
    public int count() {
        return inputs.length;
    }

    /** True when input i needs a gradient (it is a parameter or depends on one). */
    public boolean required(int i) {
        return inputs[i].requiresGrad();
    }

    /**
     * The gradient array of input i to add into (see the class comment).
     *
     * @throws IllegalStateException if input i needs no gradient
     */
    public float[] array(int i) {
        Tensor t = inputs[i];
        if (!t.requiresGrad()) {
            throw new IllegalStateException("InputGradients: input " + i + " needs no gradient (check required(i))");
        }
        if (t.grad == null) {
            t.grad = new Tensor(new float[t.data.length], t.shape.clone());
            created |= 1L << i;
        }
        return t.grad.data;
    }

    /**
     * True when input i's gradient holds values from other operations, so that the rule must add
     * to it; false when it is (or would be, by {@link #array(int)}) created for this rule.
     */
    public boolean accumulating(int i) {
        return inputs[i].grad != null && (created & (1L << i)) == 0;
    }
}
