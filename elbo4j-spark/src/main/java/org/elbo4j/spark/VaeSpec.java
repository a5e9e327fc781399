package org.elbo4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elbo4j.nn.Activation;
import org.elbo4j.random.Rng;
import org.elbo4j.vae.Likelihood;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeConfig;
import org.elbo4j.vae.VaeObjective;

/**
 * What an executor needs to rebuild the driver's VAE: its {@link VaeConfig} and objective as
 * plain serializable values ({@code VaeConfig} itself is not {@code Serializable}), the objective
 * with its antithetic-noise flag, so that executors draw the same noise as the driver would.
 */
record VaeSpec(int inputDim, int[] hidden, int latent, Activation activation, Likelihood likelihood, int samples,
        double beta, int klAnnealEpochs, boolean iwae, String estimator, boolean antithetic) implements Serializable {

    private static final long serialVersionUID = 1L;

    static VaeSpec of(VaeConfig c, VaeObjective objective) {
        return new VaeSpec(c.inputDim(), c.hidden().stream().mapToInt(Integer::intValue).toArray(), c.latent(),
                c.activation(), c.likelihood(), c.samples(), c.beta(), c.klAnnealEpochs(), objective.iwae(),
                objective.estimatorName(), objective.antithetic());
    }

    VaeConfig config() {
        List<Integer> h = new ArrayList<>();
        for (int x : hidden) {
            h.add(x);
        }
        return new VaeConfig(inputDim, h, latent, activation, likelihood, samples, beta, klAnnealEpochs);
    }

    VaeObjective objective() {
        return VaeObjective.parse(iwae ? "iwae" : "elbo", estimator).withAntithetic(antithetic);
    }

    /** A VAE of this configuration holding {@code weights} (names as in {@link Vae#parameters()}). */
    Vae vae(Map<String, float[]> weights) {
        Vae v = Vae.of(config(), Rng.of(0));
        v.parameters().loadValues(weights);
        return v;
    }
}
