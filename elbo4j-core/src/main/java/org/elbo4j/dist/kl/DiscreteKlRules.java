package org.elbo4j.dist.kl;

import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.OneHotCategorical;
import org.elbo4j.dist.Poisson;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * Closed-form KL divergences between discrete families.
 *
 * <pre>  KL(Bern(p) || Bern(q)) = p log(p/q) + (1 − p) log((1 − p)/(1 − q))
 *   KL(Cat(p) || Cat(q))   = Σ_k p_k (log p_k − log q_k)
 *   KL(Poi(λp) || Poi(λq)) = λp log(λp/λq) − λp + λq</pre>
 *
 * with the conventions 0·log(0/·) = 0 and p·log(p/0) = +∞ for p > 0.
 *
 * <p>Implementation note: both are sums over outcomes of {@code P(x)(log P(x) − log Q(x))}
 * written with the families' own exact log-masses (the softplus form for logits, so nothing
 * underflows); the log-masses are clamped to the most negative float before the product, so that
 * a zero probability contributes 0 (and a zero gradient) instead of 0·∞ = NaN, and the infinite
 * cases are then set with a selection. The Poisson form is evaluated in double (∂/∂λp = log(λp/λq), ∂/∂λq = 1 − λp/λq),
 * since at large rates its two terms cancel in float32.
 */
final class DiscreteKlRules {

    private static final Tensor ZERO = Tensor.scalar(0.0);
    private static final Tensor INFINITY = Tensor.scalar(Double.POSITIVE_INFINITY);
    private static final Tensor MINUS_INFINITY = Tensor.scalar(Double.NEGATIVE_INFINITY);

    private DiscreteKlRules() {
    }

    static void registerAll() {
        Kl.register(Bernoulli.class, Bernoulli.class, DiscreteKlRules::bernoulli);
        Kl.register(Categorical.class, Categorical.class, DiscreteKlRules::categorical);
        Kl.register(OneHotCategorical.class, OneHotCategorical.class,
                (p, q) -> categorical(p.categorical(), q.categorical()));
        Kl.register(Poisson.class, Poisson.class, DiscreteKlRules::poisson);
    }

    static Tensor bernoulli(Bernoulli p, Bernoulli q) {
        Tensor one = Tensor.scalar(1.0);
        Tensor zero = Tensor.scalar(0.0);
        Tensor logP1 = p.logProb(one);
        Tensor logP0 = p.logProb(zero);
        return outcome(logP1, q.logProb(one)).add(outcome(logP0, q.logProb(zero)));
    }

    static Tensor categorical(Categorical p, Categorical q) {
        return outcome(p.logits(), q.logits()).sum(-1, false);
    }

    /**
     * {@code P(x)·(log P(x) − log Q(x))} from the two log-masses: 0 where P(x) = 0, +∞ where
     * P(x) > 0 = Q(x).
     */
    private static Tensor outcome(Tensor logP, Tensor logQ) {
        Tensor mass = logP.exp();
        Tensor diff = logP.clamp(-Float.MAX_VALUE, 0.0).sub(logQ.clamp(-Float.MAX_VALUE, 0.0));
        Tensor cut = Functions.gt(mass, ZERO).mul(Functions.eq(logQ, MINUS_INFINITY));
        return Functions.where(cut, INFINITY, mass.mul(diff));
    }

    static Tensor poisson(Poisson p, Poisson q) {
        return DoubleKernel.apply("klPoissonPoisson", (a, d) -> {
            double lp = a[0];
            double lq = a[1];
            double logRatio = Math.log(lp / lq);
            d[0] = logRatio;
            d[1] = 1.0 - lp / lq;
            return lp * logRatio - lp + lq;
        }, p.rate(), q.rate());
    }

}
