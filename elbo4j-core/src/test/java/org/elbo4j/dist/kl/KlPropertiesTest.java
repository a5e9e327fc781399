package org.elbo4j.dist.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Beta;
import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.Dirichlet;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Laplace;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.OneHotCategorical;
import org.elbo4j.dist.Poisson;
import org.elbo4j.dist.Uniform;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Properties every KL must have, on 50 random parameter pairs per family: KL(p, q) ≥ 0 and
 * KL(p, p) = 0 (up to float32 rounding: 1e-5 relative to the terms), and Pinsker's inequality
 * TV(p, q) ≤ sqrt(KL(p, q)/2) on discrete pairs, with TV summed over the support (for Poisson,
 * truncated where both tails are below 1e-15, and the tails added to the bound so it stays exact).
 */
class KlPropertiesTest {

    private static final int PAIRS = 50;

    /** A family drawn at random parameters. */
    private static final List<Function<RandomGenerator, Distribution>> FAMILIES = List.of(
            r -> Normal.of(r.nextDouble(-3, 3), r.nextDouble(0.1, 4)),
            r -> Laplace.of(r.nextDouble(-3, 3), r.nextDouble(0.1, 4)),
            r -> Exponential.of(r.nextDouble(0.1, 5)),
            r -> uniform(r),
            r -> Gamma.of(r.nextDouble(0.1, 50), r.nextDouble(0.1, 10)),
            r -> Beta.of(r.nextDouble(0.1, 50), r.nextDouble(0.1, 50)),
            r -> Poisson.of(r.nextDouble(0.1, 100)),
            r -> Bernoulli.of(r.nextDouble()),
            r -> Bernoulli.ofLogits(Tensor.scalar(r.nextDouble(-30, 30))),
            r -> Categorical.of(simplex(r, 4)),
            r -> OneHotCategorical.of(simplex(r, 3)),
            r -> Dirichlet.of(Tensor.vector(r.nextDouble(0.1, 20), r.nextDouble(0.1, 20), r.nextDouble(0.1, 20))),
            r -> mvn(r),
            r -> Independent.of(Normal.of(Tensor.vector(r.nextDouble(-2, 2), r.nextDouble(-2, 2)),
                    Tensor.vector(r.nextDouble(0.2, 3), r.nextDouble(0.2, 3))), 1));

    @Test
    void divergenceIsNonNegativeAndZeroFromADistributionToItself() {
        Rng rng = Rng.of(41);
        for (int f = 0; f < FAMILIES.size(); f++) {
            for (int i = 0; i < PAIRS; i++) {
                Distribution p = FAMILIES.get(f).apply(rng);
                Distribution q = FAMILIES.get(f).apply(rng);
                double kl = Kl.divergence(p, q).sum().item();
                assertTrue(kl >= -1e-5, "KL(" + p + " || " + q + ") = " + kl);
                double self = Kl.divergence(p, p).sum().item();
                assertEquals(0.0, self, 1e-5, "KL(p || p) for " + p);
            }
        }
    }

    @Test
    void pinskerHoldsForBernoulliPairs() {
        Rng rng = Rng.of(42);
        for (int i = 0; i < PAIRS; i++) {
            double a = rng.nextDouble();
            double b = rng.nextDouble();
            double kl = Kl.divergence(Bernoulli.of(a), Bernoulli.of(b)).item();
            assertPinsker(Math.abs(a - b), kl, "Bernoulli(" + a + "), Bernoulli(" + b + ")");
        }
    }

    @Test
    void pinskerHoldsForCategoricalPairs() {
        Rng rng = Rng.of(43);
        for (int i = 0; i < PAIRS; i++) {
            Tensor a = simplex(rng, 5);
            Tensor b = simplex(rng, 5);
            double tv = 0;
            for (int k = 0; k < 5; k++) {
                tv += 0.5 * Math.abs(a.data()[k] - b.data()[k]);
            }
            assertPinsker(tv, Kl.divergence(Categorical.of(a), Categorical.of(b)).item(), a + " vs " + b);
        }
    }

    @Test
    void pinskerHoldsForPoissonPairs() {
        Rng rng = Rng.of(44);
        for (int i = 0; i < PAIRS; i++) {
            double a = rng.nextDouble(0.1, 30);
            double b = rng.nextDouble(0.1, 30);
            // Σ_{k ≤ K} of the exact masses in double, with K far in both tails (mass beyond < 1e-15).
            int last = (int) (Math.max(a, b) + 20 * Math.sqrt(Math.max(a, b)) + 40);
            double tv = 0;
            double massA = 0;
            double massB = 0;
            for (int k = 0; k <= last; k++) {
                double pa = Math.exp(k * Math.log(a) - a - org.apache.commons.numbers.gamma.LogGamma.value(k + 1.0));
                double pb = Math.exp(k * Math.log(b) - b - org.apache.commons.numbers.gamma.LogGamma.value(k + 1.0));
                tv += 0.5 * Math.abs(pa - pb);
                massA += pa;
                massB += pb;
            }
            double tailBound = 0.5 * (Math.max(0, 1 - massA) + Math.max(0, 1 - massB));
            double kl = Kl.divergence(Poisson.of(a), Poisson.of(b)).item();
            assertPinsker(tv + tailBound, kl, "Poisson(" + a + "), Poisson(" + b + ")");
        }
    }

    private static void assertPinsker(double tv, double kl, String what) {
        assertTrue(tv <= Math.sqrt(Math.max(kl, 0) / 2) + 1e-6, what + ": TV " + tv + " > sqrt(KL/2) with KL " + kl);
    }

    private static Distribution uniform(RandomGenerator r) {
        double lo = r.nextDouble(-3, 3);
        return Uniform.of(lo, lo + r.nextDouble(0.1, 4));
    }

    private static Tensor simplex(RandomGenerator r, int k) {
        double[] v = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            v[i] = -Math.log(r.nextDouble());
            s += v[i];
        }
        for (int i = 0; i < k; i++) {
            v[i] /= s;
        }
        return Tensor.vector(v);
    }

    private static Distribution mvn(RandomGenerator r) {
        double a = r.nextDouble(0.3, 2);
        double c = r.nextDouble(-0.9, 0.9);
        double d = r.nextDouble(0.3, 2);
        return MultivariateNormal.ofScaleTril(new double[] {r.nextDouble(-2, 2), r.nextDouble(-2, 2)},
                new double[][] {{a, 0}, {c, d}});
    }
}
