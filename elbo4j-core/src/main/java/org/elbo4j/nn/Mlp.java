package org.elbo4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * A multilayer perceptron: {@link Linear} layers of the given sizes with an activation between
 * consecutive layers, {@code h₀ = x, hᵢ = f(hᵢ₋₁·Wᵢ + bᵢ)}, and the output activation
 * (IDENTITY unless asked) after the last layer. Each layer with its activation is one fused
 * operation.
 *
 * <p>Parameters are named by layer index: "0.weight", "0.bias", "1.weight", ... (PyTorch's
 * {@code nn.Sequential} counts the activation modules too, so its names are 0, 2, 4, ...).
 * Layers are initialised in order from the injected generator.
 */
public final class Mlp implements Module {

    private final List<Integer> sizes;
    private final List<Linear> layers;
    private final Activation hidden;
    private final Activation output;

    private Mlp(List<Integer> sizes, List<Linear> layers, Activation hidden, Activation output) {
        this.sizes = sizes;
        this.layers = layers;
        this.hidden = hidden;
        this.output = output;
    }

    /** An MLP with no activation after the last layer. */
    public static Mlp of(List<Integer> sizes, Activation hidden, RandomGenerator rng) {
        return of(sizes, hidden, Activation.IDENTITY, rng);
    }

    /**
     * An MLP with layer sizes {@code [in, h₁, …, out]}.
     *
     * @throws IllegalArgumentException if fewer than two sizes are given or one is not positive
     */
    public static Mlp of(List<Integer> sizes, Activation hidden, Activation output, RandomGenerator rng) {
        Objects.requireNonNull(hidden, "Mlp: hidden activation must not be null (use IDENTITY)");
        Objects.requireNonNull(output, "Mlp: output activation must not be null (use IDENTITY)");
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("Mlp: sizes must list at least input and output, got " + sizes);
        }
        for (Integer s : sizes) {
            if (s == null || s < 1) {
                throw new IllegalArgumentException("Mlp: sizes must be >= 1, got " + sizes);
            }
        }
        List<Linear> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.size(); i++) {
            layers.add(Linear.of(sizes.get(i), sizes.get(i + 1), rng));
        }
        return new Mlp(List.copyOf(sizes), List.copyOf(layers), hidden, output);
    }

    /** The network applied to {@code x} of shape {@code [..., in]}. */
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h, i + 1 < layers.size() ? hidden : output);
        }
        return h;
    }

    /** The layers, first to last. */
    public List<Linear> layers() {
        return layers;
    }

    /** The layer sizes {@code [in, h₁, …, out]}. */
    public List<Integer> sizes() {
        return sizes;
    }

    public Activation hiddenActivation() {
        return hidden;
    }

    public Activation outputActivation() {
        return output;
    }

    /** "0.weight", "0.bias", "1.weight", ... in layer order. */
    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Tensor> e : layers.get(i).parameters().entrySet()) {
                p.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "Mlp" + sizes + "(" + hidden.name().toLowerCase(java.util.Locale.ROOT)
                + (output == Activation.IDENTITY ? "" : ", output " + output.name().toLowerCase(java.util.Locale.ROOT))
                + ")";
    }
}
