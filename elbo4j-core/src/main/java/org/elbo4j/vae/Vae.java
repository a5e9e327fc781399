package org.elbo4j.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.elbo4j.infer.IwaeGradient;
import org.elbo4j.nn.Mlp;
import org.elbo4j.nn.ParameterStore;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * A variational autoencoder (Kingma &amp; Welling, 2014) with a diagonal Gaussian encoder and a
 * standard normal prior.
 * <pre>
 *   encoder:  x ↦ (μ, log σ²) = MLP_φ(x)            [D, h…, 2L]
 *   sample:   z = μ + σ ⊙ ε,  ε ~ N(0, I)            (reparameterization)
 *   decoder:  z ↦ o = MLP_θ(z),  p_θ(x | z) = {@link Likelihood}(o)   [L, …h, D]
 *   loss:     −ELBO_β(x) = −(1/K) Σ_k log p_θ(x | z_k) + β · ½ Σ_j (μ_j² + σ_j² − 1 − log σ_j²)
 * </pre>
 * The KL term is analytic; {@link #loss(Tensor, RandomGenerator, double, VaeObjective)} also
 * offers the IWAE bound and the STL / DReG gradients ({@link VaeObjective}). Reparameterization, KL,
 * log-likelihood and the K-sample bounds are fused operations of this package ({@link EncoderOps},
 * {@link LikelihoodOps}, {@link ImportanceBound}, written on {@link org.elbo4j.tensor.FusedOp});
 * each layer with its activation is one fused linear operation.
 *
 * <p>Parameters are named "encoder.0.weight", …, "decoder.1.bias" (weights stored [in, out]).
 */
public final class Vae {

    private final VaeConfig config;
    private final Mlp encoder;
    private final Mlp decoder;
    private final ParameterStore parameters;

    private Vae(VaeConfig config, Mlp encoder, Mlp decoder) {
        this.config = config;
        this.encoder = encoder;
        this.decoder = decoder;
        this.parameters = ParameterStore.builder().add("encoder", encoder).add("decoder", decoder).build();
    }

    /** A freshly initialised model (encoder layers first, then decoder, drawn from {@code rng}). */
    public static Vae of(VaeConfig config, RandomGenerator rng) {
        Objects.requireNonNull(config, "Vae: config must not be null");
        List<Integer> enc = new ArrayList<>();
        enc.add(config.inputDim());
        enc.addAll(config.hidden());
        enc.add(2 * config.latent());
        List<Integer> dec = new ArrayList<>();
        dec.add(config.latent());
        for (int i = config.hidden().size() - 1; i >= 0; i--) {
            dec.add(config.hidden().get(i));
        }
        dec.add(config.inputDim());
        Mlp encoder = Mlp.of(enc, config.activation(), rng);
        Mlp decoder = Mlp.of(dec, config.activation(), rng);
        return new Vae(config, encoder, decoder);
    }

    public VaeConfig config() {
        return config;
    }

    /** The named parameters (live tensors). */
    public ParameterStore parameters() {
        return parameters;
    }

    /** {@code (μ, log σ²)} as one matrix {@code [B, 2L]}: columns 0…L−1 then L…2L−1. */
    public Tensor encode(Tensor x) {
        checkInput(x);
        return encoder.forward(x);
    }

    /** The decoder output {@code o [B, D]} for latents {@code z [B, L]} (logits for Bernoulli). */
    public Tensor decode(Tensor z) {
        return decoder.forward(z);
    }

    /**
     * The summed negative ELBO over the rows of {@code x [B, D]}, with KL weight {@code klWeight}
     * and K = {@code config.samples()} samples per row drawn from {@code rng}; a scalar to call
     * {@code backward()} on. With weight 1 its value is {@code −Σ_rows ELBO(x)}.
     */
    public Tensor loss(Tensor x, RandomGenerator rng, double klWeight) {
        return loss(x, rng, klWeight, VaeObjective.ELBO);
    }

    /**
     * The summed negative objective over the rows of {@code x [B, D]} (see {@link VaeObjective}):
     * {@code −Σ_rows L(x)} with K = {@code config.samples()} samples per row, sample-major
     * (noise row {@code s·B + b} for sample s of example b), drawn by {@link VaeNoise} (antithetic
     * pairs when the objective asks for them).
     *
     * @throws IllegalArgumentException if the objective has no analytic KL and klWeight is not 1
     */
    public Tensor loss(Tensor x, RandomGenerator rng, double klWeight, VaeObjective objective) {
        if (!objective.analyticKl() && klWeight != 1.0) {
            throw new IllegalArgumentException("Vae: a KL weight (beta, annealing) needs objective elbo with"
                    + " estimator reparam, got weight " + klWeight + " with " + objective.objectiveName() + "/"
                    + objective.estimatorName());
        }
        checkInput(x);
        return loss(x, VaeNoise.of(rng, x.dim(0), config.samples(), config.latent(), objective.antithetic()), klWeight,
                objective);
    }

    /**
     * As {@link #loss(Tensor, RandomGenerator, double, VaeObjective)} with the noise given:
     * {@code eps [B·K, L]}, sample-major (row {@code s·B + b} for sample s of example b); the
     * method above draws it with {@link VaeNoise#of} and calls this one.
     *
     * @throws IllegalArgumentException as there, or if eps is not {@code [B·K, L]}
     */
    public Tensor loss(Tensor x, Tensor eps, double klWeight, VaeObjective objective) {
        if (!objective.analyticKl() && klWeight != 1.0) {
            throw new IllegalArgumentException("Vae: a KL weight (beta, annealing) needs objective elbo with"
                    + " estimator reparam, got weight " + klWeight + " with " + objective.objectiveName() + "/"
                    + objective.estimatorName());
        }
        Tensor enc = encode(x);
        int rows = x.dim(0);
        int k = config.samples();
        if (eps.rank() != 2 || eps.dim(0) != rows * k || eps.dim(1) != config.latent()) {
            throw new IllegalArgumentException("Vae: noise must be [" + rows * k + ", " + config.latent()
                    + "] (B·K, L), got " + java.util.Arrays.toString(eps.shape()));
        }
        Tensor encK = enc;
        Tensor xK = x;
        if (k > 1) {
            int[] index = new int[rows * k];
            for (int s = 0; s < k; s++) {
                for (int r = 0; r < rows; r++) {
                    index[s * rows + r] = r;
                }
            }
            encK = enc.indexSelect(0, index);
            try (GradMode ignored = GradMode.noGrad()) {
                xK = x.indexSelect(0, index);
            }
        }
        Tensor z = EncoderOps.reparameterize(encK, eps);
        if (objective.analyticKl()) {
            Tensor logLik = config.likelihood().logProb(decode(z), xK).sum();
            Tensor kl = EncoderOps.gaussianKl(enc).sum();
            return kl.mul(klWeight).sub(k == 1 ? logLik : logLik.div(k));
        }
        IwaeGradient mode = objective.estimator();
        float[] weights = mode == IwaeGradient.DREG ? new float[rows * k] : null;
        Tensor zDecoder = weights != null ? ImportanceBound.scaleRowGradient(z, weights) : z;
        Tensor logLik = config.likelihood().logProb(decode(zDecoder), xK);
        return ImportanceBound.of(logLik, z, encK, k, objective.iwae(), mode, weights).sum().neg();
    }

    /** The decoder network (for the fast evaluation in this package). */
    Mlp decoder() {
        return decoder;
    }

    /** Throws when {@code x} is not {@code [B, D]} with this model's D. */
    public void checkInput(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != config.inputDim()) {
            throw new IllegalArgumentException("Vae: input must be [B, " + config.inputDim() + "] (the model's"
                    + " input size), got " + java.util.Arrays.toString(x.shape()));
        }
    }
}
