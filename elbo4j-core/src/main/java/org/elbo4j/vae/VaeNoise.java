package org.elbo4j.vae;

import java.util.random.RandomGenerator;
import org.elbo4j.random.AntitheticPairs;
import org.elbo4j.tensor.Tensor;

/**
 * The noise ε of one minibatch of a {@link Vae}: {@code [B·K, L]}, sample-major (row
 * {@code s·B + b} for sample s of example b), drawn from the stream of that batch.
 * <ul>
 *   <li>independent: {@code Tensor.randn(rng, B·K, L)}, every row iid N(0, I);</li>
 *   <li>antithetic ({@link VaeObjective#antithetic()}): the rows as {@link AntitheticPairs}, the
 *       first {@code h = ⌈BK/2⌉} rows are the same numbers as the independent draw's and row
 *       {@code h + r} is {@code −ε_r}. With K even, h = (K/2)·B, so sample {@code s + K/2} of
 *       example b is the negation of its sample s: the pairs are two samples of one example
 *       (z = μ ± σ ⊙ ε). With K odd (K = 1 included) pairs join different examples of the batch,
 *       {@code b} and {@code b + ⌈B/2⌉} for K = 1.</li>
 * </ul>
 * Every row is marginally N(0, I), so the ELBO {@code (1/K) Σ_k log p(x | z_k) − KL} (analytic or
 * Monte Carlo KL), an average of per-row terms, keeps its expectation and its gradient stays
 * unbiased; only the pairs' dependence changes the variance. The IWAE bound
 * {@code log (1/K) Σ_k w_k} is not such an average: pairs within an example would change it, so
 * {@link VaeObjective} does not allow the combination.
 */
public final class VaeNoise {

    private VaeNoise() {
    }

    /**
     * The noise {@code [rows·samples, latent]} of a batch of {@code rows} examples, drawn from
     * {@code rng}; antithetic pairs when {@code antithetic} (see the class comment).
     */
    public static Tensor of(RandomGenerator rng, int rows, int samples, int latent, boolean antithetic) {
        int n = Math.multiplyExact(rows, samples);
        if (!antithetic) {
            return Tensor.randn(rng, n, latent);
        }
        return Tensor.of(AntitheticPairs.normalFloats(rng, n, latent), n, latent);
    }
}
