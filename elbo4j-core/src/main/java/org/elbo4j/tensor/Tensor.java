package org.elbo4j.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A dense, row-major, float32 N-dimensional array that records the operations applied to it, so
 * that {@link #backward()} can compute gradients by reverse-mode automatic differentiation.
 *
 * <p>Tensors are immutable values as far as the graph is concerned: every operation returns a new
 * tensor. {@link #reshape} shares storage with its source; the only in-place writes are the
 * optimizer's updates of leaf parameters ({@link #data()} gives the array) and gradient
 * accumulation. Gradients accumulate ({@code grad += ...}) across calls to {@code backward()}
 * until {@link #zeroGrad()}.
 *
 * <p>Operations are grouped by kind: {@link Arith} (arithmetic with broadcasting),
 * {@link Functions} (elementwise functions, where, comparisons), {@link Reductions},
 * {@link LinAlg} (matrix products), {@link Shaping} and {@link Indexing}; the instance methods
 * here are shorthands for them.
 */
public final class Tensor {

    final float[] data;
    final int[] shape;
    private boolean requiresGrad;
    Tensor grad;
    Node node;

    Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- factories

    /** A tensor over {@code data} (copied) with the given shape. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = shape.clone();
        int n = Shape.size(s);
        if (data.length != n) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape "
                    + Shape.str(s) + " (" + n + " elements)");
        }
        return new Tensor(data.clone(), s);
    }

    /** A tensor over {@code data} with the given shape, converted to float32. */
    public static Tensor of(double[] data, int... shape) {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return of(f, shape);
    }

    /** A 1-d tensor. */
    public static Tensor vector(float... values) {
        return of(values, values.length);
    }

    /** A 1-d tensor, converted to float32. */
    public static Tensor vector(double... values) {
        return of(values, values.length);
    }

    /** A 2-d tensor from rows of equal length. */
    public static Tensor matrix(double[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        float[] f = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("Tensor.matrix: row " + i + " has " + rows[i].length
                        + " values, row 0 has " + c);
            }
            for (int j = 0; j < c; j++) {
                f[i * c + j] = (float) rows[i][j];
            }
        }
        return new Tensor(f, new int[] {r, c});
    }

    /** A 0-d (scalar) tensor. */
    public static Tensor scalar(double value) {
        return new Tensor(new float[] {(float) value}, new int[0]);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        int[] s = shape.clone();
        return new Tensor(new float[Shape.size(s)], s);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** A tensor filled with one value. */
    public static Tensor full(double value, int... shape) {
        int[] s = shape.clone();
        float[] f = new float[Shape.size(s)];
        Arrays.fill(f, (float) value);
        return new Tensor(f, s);
    }

    /** Zeros with the shape of {@code t}. */
    public static Tensor zerosLike(Tensor t) {
        return zeros(t.shape);
    }

    /** {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = i;
        }
        return new Tensor(f, new int[] {n});
    }

    /** Independent standard normal draws from {@code rng}, in row-major order. */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        int[] s = shape.clone();
        float[] f = new float[Shape.size(s)];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rng.nextGaussian();
        }
        return new Tensor(f, s);
    }

    /** Independent uniform draws on [low, high) from {@code rng}, in row-major order. */
    public static Tensor rand(RandomGenerator rng, double low, double high, int... shape) {
        int[] s = shape.clone();
        float[] f = new float[Shape.size(s)];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (low + (high - low) * rng.nextDouble());
        }
        return new Tensor(f, s);
    }

    /** A result tensor of an operation; links it into the graph when any input needs gradients. */
    static Tensor result(float[] data, int[] shape, String op, Node.Backward backward, Tensor... inputs) {
        Tensor out = new Tensor(data, shape);
        if (backward != null && GradMode.isEnabled()) {
            for (Tensor in : inputs) {
                if (in.requiresGrad) {
                    out.requiresGrad = true;
                    out.node = new Node(op, inputs, backward);
                    break;
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- accessors

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of dimension {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return shape[Shape.axis("dim", axis, shape.length)];
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The backing array (row-major). Writing to it bypasses autodiff: for optimizers and loaders. */
    public float[] data() {
        return data;
    }

    /** A copy of the values. */
    public float[] toFloatArray() {
        return data.clone();
    }

    /** The values as doubles. */
    public double[] toDoubleArray() {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i];
        }
        return d;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalArgumentException("item: tensor of shape " + Shape.str(shape)
                    + " has " + data.length + " elements, not 1");
        }
        return data[0];
    }

    /** The element at a full index. */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: index of rank " + index.length
                    + " for tensor of shape " + Shape.str(shape));
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IllegalArgumentException("get: index " + Arrays.toString(index)
                        + " is out of bounds for shape " + Shape.str(shape));
            }
            off = off * shape[i] + index[i];
        }
        return data[off];
    }

    // ---------------------------------------------------------------- autodiff

    /** True when gradients flow to (or through) this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks a leaf as a parameter whose gradient {@link #backward()} computes.
     *
     * @throws IllegalArgumentException on a non-leaf (use {@link #detach()} first)
     */
    public Tensor requiresGrad(boolean on) {
        if (node != null) {
            throw new IllegalArgumentException("requiresGrad: only leaf tensors can be marked;"
                    + " this one was computed by " + node.op + " (detach() it first)");
        }
        this.requiresGrad = on;
        return this;
    }

    /** The accumulated gradient, or null when none has been computed. */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Sets the accumulated gradient to a copy of {@code values} (row-major, this tensor's size):
     * for a gradient computed elsewhere, e.g. summed over the partitions of a distributed batch,
     * that an optimizer is to apply.
     *
     * @throws IllegalArgumentException if the length is not this tensor's size
     */
    public void setGrad(float[] values) {
        if (values.length != data.length) {
            throw new IllegalArgumentException("setGrad: " + values.length + " values for a tensor of shape "
                    + java.util.Arrays.toString(shape) + " (" + data.length + " elements)");
        }
        grad = new Tensor(values.clone(), shape.clone());
    }

    /** The same values, cut from the graph: gradients do not flow through the result. */
    public Tensor detach() {
        return new Tensor(data, shape);
    }

    /** The operation that computed this tensor, or null for a leaf. */
    public String op() {
        return node == null ? null : node.op;
    }

    /** Computes d(this)/d(leaf) for every leaf that requires gradients; this must be a scalar. */
    public void backward() {
        Autograd.backward(this);
    }

    // ---------------------------------------------------------------- shorthands

    public Tensor add(Tensor o) { return OpHook.report(OpHook.Op.ADD, () -> Arith.add(this, o), this, o, 0, 0, null); }
    public Tensor add(double c) {
        return OpHook.report(OpHook.Op.ADD_SCALAR, () -> Arith.add(this, scalar(c)),
                this, null, c, 0, null);
    }
    public Tensor sub(Tensor o) { return OpHook.report(OpHook.Op.SUB, () -> Arith.sub(this, o), this, o, 0, 0, null); }
    public Tensor sub(double c) {
        return OpHook.report(OpHook.Op.SUB_SCALAR, () -> Arith.sub(this, scalar(c)),
                this, null, c, 0, null);
    }
    public Tensor mul(Tensor o) { return OpHook.report(OpHook.Op.MUL, () -> Arith.mul(this, o), this, o, 0, 0, null); }
    public Tensor mul(double c) { return OpHook.report(OpHook.Op.SCALE, () -> Arith.scale(this, c), this, null, c, 0, null); }
    public Tensor div(Tensor o) { return OpHook.report(OpHook.Op.DIV, () -> Arith.div(this, o), this, o, 0, 0, null); }
    public Tensor div(double c) {
        return OpHook.report(OpHook.Op.SCALE, () -> Arith.scale(this, 1.0 / c),
                this, null, 1.0 / c, 0, null);
    }
    public Tensor pow(Tensor o) { return OpHook.report(OpHook.Op.POW, () -> Arith.pow(this, o), this, o, 0, 0, null); }
    public Tensor pow(double p) {
        return OpHook.report(OpHook.Op.POW_SCALAR, () -> Functions.pow(this, p),
                this, null, p, 0, null);
    }
    public Tensor neg() { return OpHook.report(OpHook.Op.SCALE, () -> Arith.scale(this, -1.0), this, null, -1.0, 0, null); }
    public Tensor exp() { return OpHook.report(OpHook.Op.EXP, () -> Functions.exp(this), this, null, 0, 0, null); }
    public Tensor log() { return OpHook.report(OpHook.Op.LOG, () -> Functions.log(this), this, null, 0, 0, null); }
    public Tensor log1p() { return OpHook.report(OpHook.Op.LOG1P, () -> Functions.log1p(this), this, null, 0, 0, null); }
    public Tensor expm1() { return OpHook.report(OpHook.Op.EXPM1, () -> Functions.expm1(this), this, null, 0, 0, null); }
    public Tensor sqrt() { return OpHook.report(OpHook.Op.SQRT, () -> Functions.sqrt(this), this, null, 0, 0, null); }
    public Tensor square() { return OpHook.report(OpHook.Op.SQUARE, () -> Functions.square(this), this, null, 0, 0, null); }
    public Tensor abs() { return OpHook.report(OpHook.Op.ABS, () -> Functions.abs(this), this, null, 0, 0, null); }
    public Tensor tanh() { return OpHook.report(OpHook.Op.TANH, () -> Functions.tanh(this), this, null, 0, 0, null); }
    public Tensor sigmoid() { return OpHook.report(OpHook.Op.SIGMOID, () -> Functions.sigmoid(this), this, null, 0, 0, null); }
    public Tensor logSigmoid() {
        return OpHook.report(OpHook.Op.LOG_SIGMOID, () -> Functions.logSigmoid(this),
                this, null, 0, 0, null);
    }
    public Tensor softplus() {
        return OpHook.report(OpHook.Op.SOFTPLUS, () -> Functions.softplus(this),
                this, null, 0, 0, null);
    }
    public Tensor relu() { return OpHook.report(OpHook.Op.RELU, () -> Functions.relu(this), this, null, 0, 0, null); }
    public Tensor lgamma() { return OpHook.report(OpHook.Op.LGAMMA, () -> Functions.lgamma(this), this, null, 0, 0, null); }
    public Tensor digamma() { return Functions.digamma(this); }
    public Tensor clamp(double min, double max) {
        return OpHook.report(OpHook.Op.CLAMP, () -> Functions.clamp(this, min, max),
                this, null, min, max, null);
    }
    public Tensor sum() { return OpHook.report(OpHook.Op.SUM_ALL, () -> Reductions.sum(this), this, null, 0, 0, null); }
    public Tensor sum(int axis, boolean keepDim) {
        return OpHook.report(OpHook.Op.SUM, () -> Reductions.sum(this, axis, keepDim),
                this, null, 0, 0, new int[] {axis, keepDim ? 1 : 0});
    }
    public Tensor mean() { return OpHook.report(OpHook.Op.MEAN_ALL, () -> Reductions.mean(this), this, null, 0, 0, null); }
    public Tensor mean(int axis, boolean keepDim) {
        return OpHook.report(OpHook.Op.MEAN, () -> Reductions.mean(this, axis, keepDim),
                this, null, 0, 0, new int[] {axis, keepDim ? 1 : 0});
    }
    public Tensor max(int axis, boolean keepDim) { return Reductions.max(this, axis, keepDim); }
    public Tensor logSumExp(int axis, boolean keepDim) { return Reductions.logSumExp(this, axis, keepDim); }
    public Tensor matmul(Tensor o) { return LinAlg.matmul(this, o, false, false); }
    public Tensor reshape(int... newShape) {
        return OpHook.report(OpHook.Op.RESHAPE, () -> Shaping.reshape(this, newShape),
                this, null, 0, 0, null);
    }
    public Tensor transpose(int a, int b) {
        return OpHook.report(OpHook.Op.TRANSPOSE, () -> Shaping.transpose(this, a, b),
                this, null, 0, 0, new int[] {a, b});
    }
    public Tensor permute(int... axes) {
        return OpHook.report(OpHook.Op.PERMUTE, () -> Shaping.permute(this, axes),
                this, null, 0, 0, axes.clone());
    }
    public Tensor slice(int axis, int start, int end) {
        return OpHook.report(OpHook.Op.SLICE, () -> Shaping.slice(this, axis, start, end),
                this, null, 0, 0, new int[] {axis, start, end});
    }
    public Tensor indexSelect(int axis, int[] index) {
        return OpHook.report(OpHook.Op.INDEX_SELECT, () -> Indexing.indexSelect(this, axis, index),
                this, null, axis, 0, index.clone());
    }
    public Tensor unsqueeze(int axis) {
        return OpHook.report(OpHook.Op.RESHAPE, () -> Shaping.unsqueeze(this, axis),
                this, null, 0, 0, null);
    }
    public Tensor squeeze(int axis) {
        return OpHook.report(OpHook.Op.RESHAPE, () -> Shaping.squeeze(this, axis),
                this, null, 0, 0, null);
    }
    public Tensor expand(int... newShape) {
        return OpHook.report(OpHook.Op.EXPAND, () -> Shaping.expand(this, newShape),
                this, null, 0, 0, null);
    }

    /** Concatenates along an axis. */
    public static Tensor concat(List<Tensor> parts, int axis) { return Shaping.concat(parts, axis); }

    /** Stacks along a new axis. */
    public static Tensor stack(List<Tensor> parts, int axis) { return Shaping.stack(parts, axis); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shape.str(shape)).append(' ');
        int n = Math.min(data.length, 8);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(data[i]);
        }
        if (data.length > n) {
            sb.append(", ...");
        }
        sb.append(']');
        if (node != null) {
            sb.append(" op=").append(node.op);
        }
        return sb.toString();
    }
}
