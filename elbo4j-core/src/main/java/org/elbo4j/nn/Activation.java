package org.elbo4j.nn;

import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.kernel.UnaryFn;

/**
 * Elementwise activation functions of neural-network layers, each the {@link Functions} op of
 * the same name:
 * <ul>
 *   <li>{@code RELU(x) = max(x, 0)}</li>
 *   <li>{@code TANH(x) = tanh x}</li>
 *   <li>{@code SOFTPLUS(x) = log(1 + eˣ)} (evaluated as {@code max(x, 0) + log1p(e^−|x|)})</li>
 *   <li>{@code SIGMOID(x) = 1 / (1 + e^−x)}</li>
 *   <li>{@code IDENTITY(x) = x} (no activation)</li>
 * </ul>
 * {@link Linear#forward(Tensor, Activation)} fuses an activation into the layer's operation.
 */
public enum Activation {
    RELU(UnaryFn.RELU),
    TANH(UnaryFn.TANH),
    SOFTPLUS(UnaryFn.SOFTPLUS),
    SIGMOID(UnaryFn.SIGMOID),
    IDENTITY(null);

    private final UnaryFn fn;

    Activation(UnaryFn fn) {
        this.fn = fn;
    }

    /** Applies the activation elementwise (IDENTITY returns {@code x} itself). */
    public Tensor apply(Tensor x) {
        return fn == null ? x : Functions.apply(fn, x);
    }

    /** The elementwise function, or null for IDENTITY. */
    public UnaryFn unaryFn() {
        return fn;
    }

    /**
     * The activation named {@code name}, ignoring case ("relu", "Tanh", ...).
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("Activation: unknown name '" + name
                + "', expected one of relu, tanh, softplus, sigmoid, identity");
    }
}
