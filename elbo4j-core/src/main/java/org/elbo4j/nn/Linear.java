package org.elbo4j.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Fused;
import org.elbo4j.tensor.Tensor;

/**
 * An affine layer {@code y = x·W + b}, optionally followed by an activation in the same fused
 * operation ({@link Fused#linear}).
 *
 * <p>The weight is stored {@code [in, out]}, so the forward pass is a plain row-major product
 * with no transpose. PyTorch's {@code nn.Linear} stores it {@code [out, in]} and computes
 * {@code x·Wᵀ + b}: a checkpoint exchanged with PyTorch must transpose the weight.
 *
 * <p>Initialisation follows PyTorch's default: every weight and bias element is drawn from
 * {@code U(−1/√in, 1/√in)} (for the weight this is {@code kaiming_uniform_(a = √5)}, whose bound
 * is {@code √(6 / ((1 + a²)·in)) = 1/√in}). The weight is drawn first in row-major
 * {@code [in, out]} order, then the bias, from the injected generator.
 */
public final class Linear implements Module {

    private final Tensor weight;
    private final Tensor bias;

    private Linear(Tensor weight, Tensor bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /**
     * A layer with PyTorch's default initialisation drawn from {@code rng}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static Linear of(int in, int out, RandomGenerator rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear: in and out must be >= 1, got in=" + in + ", out=" + out);
        }
        double bound = 1.0 / Math.sqrt(in);
        Tensor w = Tensor.rand(rng, -bound, bound, in, out).requiresGrad(true);
        Tensor b = Tensor.rand(rng, -bound, bound, out).requiresGrad(true);
        return new Linear(w, b);
    }

    /**
     * A layer over given values: {@code weight [in, out]} and {@code bias [out]} (copied, and
     * marked as requiring gradients).
     *
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static Linear of(Tensor weight, Tensor bias) {
        if (weight.rank() != 2 || bias.rank() != 1 || bias.dim(0) != weight.dim(1)) {
            throw new IllegalArgumentException("Linear: expected weight [in, out] and bias [out], got weight "
                    + Arrays.toString(weight.shape()) + " and bias " + Arrays.toString(bias.shape()));
        }
        return new Linear(Tensor.of(weight.toFloatArray(), weight.shape()).requiresGrad(true),
                Tensor.of(bias.toFloatArray(), bias.shape()).requiresGrad(true));
    }

    /** {@code x·W + b} for {@code x} of shape {@code [..., in]}; the result is {@code [..., out]}. */
    public Tensor forward(Tensor x) {
        return forward(x, Activation.IDENTITY);
    }

    /** {@code f(x·W + b)} for {@code x} of shape {@code [..., in]}, as one fused operation. */
    public Tensor forward(Tensor x, Activation activation) {
        int in = inFeatures();
        if (x.rank() == 0 || x.dim(-1) != in) {
            throw new IllegalArgumentException("Linear: input must have shape [..., " + in + "], got "
                    + Arrays.toString(x.shape()));
        }
        if (x.rank() == 2) {
            return Fused.linear(x, weight, bias, activation.unaryFn());
        }
        int[] outShape = x.shape();
        outShape[outShape.length - 1] = outFeatures();
        Tensor flat = x.reshape(-1, in);
        return Fused.linear(flat, weight, bias, activation.unaryFn()).reshape(outShape);
    }

    /** The weight {@code [in, out]} (the live parameter). */
    public Tensor weight() {
        return weight;
    }

    /** The bias {@code [out]} (the live parameter). */
    public Tensor bias() {
        return bias;
    }

    public int inFeatures() {
        return weight.dim(0);
    }

    public int outFeatures() {
        return weight.dim(1);
    }

    /** {@code {"weight": W, "bias": b}}. */
    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("weight", weight);
        p.put("bias", bias);
        return p;
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures() + " -> " + outFeatures() + ")";
    }
}
