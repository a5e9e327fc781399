package org.elbo4j.dist.kl;

import java.util.Optional;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Independent;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * The Kullback–Leibler divergence {@code KL(p || q) = E_p[log p(x) − log q(x)]}: ≥ 0, 0 iff
 * p = q almost everywhere, not symmetric.
 *
 * <p>Analytic rules are kept in a registry of (type of p, type of q) pairs, dispatched to the
 * most specific registered pair over the class hierarchy (see {@link KlRegistry}); the standard
 * pairs are registered when this class loads and more can be added with {@link #register}.
 * {@link #divergence} is analytic only and differentiable; {@link #compute} falls back to the
 * Monte Carlo estimator {@link MonteCarloKl} when no rule exists.
 */
public final class Kl {

    private static final KlRegistry REGISTRY = new KlRegistry();

    static {
        UnivariateKlRules.registerAll();
        DiscreteKlRules.registerAll();
        DirichletKlRule.register();
        GaussianKlRules.registerAll();
        IndependentKlRule.register();
    }

    private Kl() {
    }

    /**
     * Registers the closed form of KL(p || q) for p of type {@code pType} and q of type
     * {@code qType} (replacing an earlier rule for exactly this pair).
     */
    public static <P extends Distribution, Q extends Distribution> void register(
            Class<P> pType, Class<Q> qType, KlRule<? super P, ? super Q> rule) {
        KlRule<Distribution, Distribution> cast = (p, q) -> rule.divergence(pType.cast(p), qType.cast(q));
        REGISTRY.register(pType, qType, (p, q) -> Optional.of(cast));
    }

    /** Registers a rule that may decline for some instances (used for pairs built from other pairs). */
    static void registerResolver(Class<?> pType, Class<?> qType, KlRegistry.Resolver resolver) {
        REGISTRY.register(pType, qType, resolver);
    }

    /** The analytic rule for (p, q), most specific first, or empty when none is registered. */
    public static Optional<KlRule<Distribution, Distribution>> find(Distribution p, Distribution q) {
        return REGISTRY.find(p, q);
    }

    /**
     * The analytic KL(p || q), shape {@code broadcast(p.batchShape(), q.batchShape())},
     * differentiable in the parameters of both.
     *
     * @throws IllegalArgumentException when no analytic rule is registered for the pair
     */
    public static Tensor divergence(Distribution p, Distribution q) {
        return find(p, q).orElseThrow(() -> new IllegalArgumentException("Kl: no analytic KL divergence is"
                + " registered for (" + name(p) + ", " + name(q) + "); estimate it by Monte Carlo with"
                + " MonteCarloKl.estimate(p, q, samples, rng) or Kl.compute(p, q, samples, rng)"))
                .divergence(p, q);
    }

    /**
     * KL(p || q) as a number: analytic when a rule is registered (stderr 0), otherwise a Monte
     * Carlo estimate from {@code samples} draws of p (stderr its standard error). Batches are
     * summed. Not differentiable.
     */
    public static KlResult compute(Distribution p, Distribution q, int samples, RandomGenerator rng) {
        Optional<KlRule<Distribution, Distribution>> rule = find(p, q);
        if (rule.isPresent()) {
            try (GradMode scope = GradMode.noGrad()) {
                Tensor kl = rule.get().divergence(p, q);
                double total = 0;
                for (float v : kl.data()) {
                    total += v;
                }
                return new KlResult(total, KlResult.Method.ANALYTIC, 0.0);
            }
        }
        MonteCarloEstimate mc = MonteCarloKl.estimate(p, q, samples, rng);
        return new KlResult(mc.value(), KlResult.Method.MONTE_CARLO, mc.stderr());
    }

    /** The family's name, with the base for an Independent ({@code Independent(Gamma, 1)}). */
    static String name(Distribution d) {
        if (d instanceof Independent i) {
            return "Independent(" + name(i.base()) + ", " + i.reinterpretedBatchDims() + ")";
        }
        return d.getClass().getSimpleName();
    }
}
