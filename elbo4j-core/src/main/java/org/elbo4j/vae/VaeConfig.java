package org.elbo4j.vae;

import java.util.List;
import java.util.Objects;
import org.elbo4j.nn.Activation;

/**
 * The architecture and objective of a {@link Vae}.
 *
 * @param inputDim D, the number of pixels (784 for 28×28 images)
 * @param hidden the hidden layer sizes of the encoder; the decoder mirrors them
 * @param latent L, the dimension of z
 * @param activation the hidden activation
 * @param likelihood the observation model {@code p(x | z)}
 * @param samples K, the number of reparameterized samples per example in the training ELBO
 *     (averaged: {@code (1/K) Σ_k log p(x | z_k) − β·KL})
 * @param beta β, the weight of the KL term (1 for the ELBO)
 * @param klAnnealEpochs A: the KL weight ramps linearly {@code β·min(1, e/A)} over the first A
 *     epochs (epoch e counted from 1); 0 for no annealing
 */
public record VaeConfig(int inputDim, List<Integer> hidden, int latent, Activation activation,
        Likelihood likelihood, int samples, double beta, int klAnnealEpochs) {

    /** Validates every field; messages name the field, the constraint and the value. */
    public VaeConfig {
        Objects.requireNonNull(hidden, "VaeConfig: hidden must not be null");
        Objects.requireNonNull(activation, "VaeConfig: activation must not be null");
        Objects.requireNonNull(likelihood, "VaeConfig: likelihood must not be null");
        if (inputDim < 1) {
            throw new IllegalArgumentException("VaeConfig: inputDim must be >= 1, got " + inputDim);
        }
        hidden = List.copyOf(hidden);
        for (Integer h : hidden) {
            if (h == null || h < 1 || h > 1 << 16) {
                throw new IllegalArgumentException("VaeConfig: hidden sizes must be in [1, 65536], got " + hidden);
            }
        }
        if (latent < 1 || latent > 4096) {
            throw new IllegalArgumentException("VaeConfig: latent must be in [1, 4096], got " + latent);
        }
        if (samples < 1 || samples > 10_000) {
            throw new IllegalArgumentException("VaeConfig: samples (K) must be in [1, 10000], got " + samples);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("VaeConfig: beta must be finite and >= 0, got " + beta);
        }
        if (klAnnealEpochs < 0) {
            throw new IllegalArgumentException("VaeConfig: klAnnealEpochs must be >= 0, got " + klAnnealEpochs);
        }
    }

    /** The classic MLP VAE: D-400-L, ReLU, Bernoulli, K = 1, β = 1, no annealing. */
    public static VaeConfig of(int inputDim, int hidden, int latent) {
        return new VaeConfig(inputDim, List.of(hidden), latent, Activation.RELU, Likelihood.BERNOULLI, 1, 1.0, 0);
    }

    /** The KL weight used during epoch {@code epoch} (counted from 1). */
    public double klWeight(long epoch) {
        if (klAnnealEpochs == 0) {
            return beta;
        }
        return beta * Math.min(1.0, (double) epoch / klAnnealEpochs);
    }
}
