package org.elbo4j.dist.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Laplace;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Support;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The registry: most-specific dispatch over the class hierarchy, clear failures, the fallback. */
class KlDispatchTest {

    /** A tiny hierarchy of test-only families: Derived extends Base, Other extends Base. */
    private static class Base implements Distribution {
        @Override public Tensor logProb(Tensor x) { return x.mul(0.0); }
        @Override public Tensor sample(RandomGenerator rng, int... shape) { return Tensor.zeros(shape); }
        @Override public int[] batchShape() { return new int[0]; }
        @Override public int[] eventShape() { return new int[0]; }
        @Override public Tensor mean() { return Tensor.scalar(0); }
        @Override public Tensor variance() { return Tensor.scalar(0); }
        @Override public Support support() { return Support.REAL; }
    }

    private static final class Derived extends Base {
    }

    private static class Other extends Base {
    }

    private static final class OtherChild extends Other {
    }

    static {
        Kl.register(Base.class, Base.class, (p, q) -> Tensor.scalar(1));
        Kl.register(Derived.class, Base.class, (p, q) -> Tensor.scalar(2));
        Kl.register(Other.class, Base.class, (p, q) -> Tensor.scalar(3));
        Kl.register(Base.class, Other.class, (p, q) -> Tensor.scalar(4));
    }

    @Test
    void theMostSpecificRegisteredPairWins() {
        assertEquals(1.0, Kl.divergence(new Base(), new Base()).item());
        assertEquals(2.0, Kl.divergence(new Derived(), new Base()).item());
        assertEquals(2.0, Kl.divergence(new Derived(), new Derived()).item(), "(Derived, Base) beats (Base, Base)");
        assertEquals(4.0, Kl.divergence(new Base(), new OtherChild()).item(), "(Base, Other) matches a subclass of Other");
    }

    @Test
    void incomparableMatchesAreAnAmbiguityError() {
        // (Other, Base) and (Base, Other) both match (Other, Other); neither is more specific.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Kl.find(new Other(), new Other()));
        assertTrue(e.getMessage().contains("ambiguous") && e.getMessage().contains("(Other, Base)")
                && e.getMessage().contains("(Base, Other)"), e.getMessage());
    }

    @Test
    void unregisteredPairThrowsNamingBothTypesAndTheMonteCarloEstimator() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kl.divergence(Gamma.of(2.0, 1.0), Normal.of(0.0, 1.0)));
        assertTrue(e.getMessage().contains("(Gamma, Normal)") && e.getMessage().contains("MonteCarloKl.estimate"),
                e.getMessage());
        assertTrue(Kl.find(Gamma.of(2.0, 1.0), Normal.of(0.0, 1.0)).isEmpty());
    }

    @Test
    void computeUsesTheClosedFormWhenThereIsOne() {
        KlResult r = Kl.compute(Normal.of(0.0, 1.0), Normal.of(1.0, 1.0), 100, Rng.of(1));
        assertEquals(KlResult.Method.ANALYTIC, r.method());
        assertEquals(0.5, r.value(), 1e-6);
        assertEquals(0.0, r.stderr());
    }

    @Test
    void computeFallsBackToMonteCarlo() {
        KlResult r = Kl.compute(Normal.of(0.0, 1.0), Laplace.of(0.0, 1.0), 20_000, Rng.of(2));
        assertEquals(KlResult.Method.MONTE_CARLO, r.method());
        assertEquals("monte-carlo", r.method().label());
        double exact = Math.sqrt(2 / Math.PI) + Math.log(2) - 0.5 * Math.log(2 * Math.PI * Math.E);
        // 4 standard errors: false-failure rate 6.3e-5 for a random seed.
        assertTrue(Math.abs(r.value() - exact) <= 4 * r.stderr(), r + " vs " + exact);
    }

    @Test
    void independentPairsSumTheBaseKlOverTheReinterpretedDimensions() {
        Tensor muP = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        Tensor muQ = Tensor.zeros(2, 3);
        Tensor one = Tensor.ones(2, 3);
        Tensor kl = Kl.divergence(Independent.of(Normal.of(muP, one), 1), Independent.of(Normal.of(muQ, one), 1));
        // ½ Σ μ² per row: (0 + 1 + 4)/2 and (9 + 16 + 25)/2
        assertEquals(2, kl.size());
        assertEquals(2.5, kl.get(0), 1e-6);
        assertEquals(25.0, kl.get(1), 1e-6);
    }

    @Test
    void independentDeclinesWhenTheDimensionsDifferOrTheBasesHaveNoRule() {
        Tensor one = Tensor.ones(2, 3);
        assertTrue(Kl.find(Independent.of(Normal.of(one, one), 1), Independent.of(Normal.of(one, one), 2)).isEmpty());
        assertTrue(Kl.find(Independent.of(Normal.of(one, one), 1), Independent.of(Gamma.of(one, one), 1)).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kl.divergence(
                Independent.of(Normal.of(one, one), 1), Independent.of(Gamma.of(one, one), 1)));
        assertTrue(e.getMessage().contains("(Independent(Normal, 1), Independent(Gamma, 1))"), e.getMessage());
    }

    @Test
    void analyticKlIsDifferentiable() {
        Tensor loc = Tensor.scalar(0.5).requiresGrad(true);
        Tensor scale = Tensor.scalar(2.0).requiresGrad(true);
        Kl.divergence(Normal.of(loc, scale), Normal.of(0.0, 1.0)).backward();
        // KL = ½(σ² + μ² − 1 − log σ²): ∂/∂μ = μ, ∂/∂σ = σ − 1/σ
        assertEquals(0.5, loc.grad().item(), 1e-6);
        assertEquals(1.5, scale.grad().item(), 1e-6);
    }
}
