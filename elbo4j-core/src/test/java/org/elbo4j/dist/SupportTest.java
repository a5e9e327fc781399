package org.elbo4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.dist.transform.Bijection;
import org.elbo4j.dist.transform.Bijections;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Membership masks of every support, and that each continuous support's bijection lands in it. */
class SupportTest {

    private static void assertMask(Support s, Tensor x, float... expected) {
        assertArrayEquals(expected, s.check(x).data(), s.name());
    }

    @Test
    void scalarSupports() {
        Tensor x = Tensor.vector(-1.0, 0.0, 0.5, 1.0, 2.0, Double.NaN, Double.POSITIVE_INFINITY);
        assertMask(Support.REAL, x, 1, 1, 1, 1, 1, 0, 0);
        assertMask(Support.POSITIVE, x, 0, 0, 1, 1, 1, 0, 0);
        assertMask(Support.NONNEGATIVE, x, 0, 1, 1, 1, 1, 0, 0);
        assertMask(Support.UNIT_INTERVAL, x, 0, 1, 1, 1, 0, 0, 0);
        assertMask(Support.interval(0.0, 1.5), x, 0, 1, 1, 1, 0, 0, 0);
        assertMask(Support.NONNEGATIVE_INTEGER, x, 0, 1, 0, 1, 1, 0, 0);
        assertMask(Support.BOOLEAN, x, 0, 1, 0, 1, 0, 0, 0);
        assertMask(Support.integerInterval(-1, 1), x, 1, 1, 0, 1, 0, 0, 0);
    }

    @Test
    void intervalWithTensorBoundsBroadcasts() {
        Support s = Support.interval(Tensor.vector(0.0, 1.0), Tensor.vector(1.0, 3.0));
        assertMask(s, Tensor.of(new double[] {0.5, 0.5, 2.0, 2.0}, 2, 2), 1, 0, 0, 1);
    }

    @Test
    void vectorAndMatrixSupportsReduceOverTheEvent() {
        Tensor simplex = Tensor.of(new double[] {0.2, 0.8, 0.0, 0.5, 0.6, -0.1, 1.0, 0.0, 0.0}, 3, 3);
        assertMask(Support.SIMPLEX, simplex, 1, 0, 1);
        assertMask(Support.ONE_HOT, simplex, 0, 0, 1);
        assertMask(Support.REAL_VECTOR, Tensor.of(new double[] {1, 2, Double.NaN, 0}, 2, 2), 1, 0);
        Tensor chol = Tensor.of(new double[] {1, 0, 2, 3, 1, 0.1, 2, 3, -1, 0, 2, 3}, 3, 2, 2);
        assertMask(Support.LOWER_CHOLESKY, chol, 1, 0, 0);
        assertEquals(2, Support.LOWER_CHOLESKY.eventRank());
    }

    @Test
    void discreteSupportsHaveNoBijection() {
        assertTrue(Support.NONNEGATIVE_INTEGER.isDiscrete());
        assertFalse(Bijections.fromUnconstrained(Support.NONNEGATIVE_INTEGER).isPresent());
        assertFalse(Bijections.fromUnconstrained(Support.BOOLEAN).isPresent());
        assertFalse(Bijections.fromUnconstrained(Support.ONE_HOT).isPresent());
        assertFalse(Bijections.fromUnconstrained(Support.integerInterval(0, 3)).isPresent());
    }

    @Test
    void everyContinuousBijectionLandsInItsSupport() {
        Rng rng = Rng.of(17);
        Support[] scalar = {Support.REAL, Support.POSITIVE, Support.NONNEGATIVE, Support.UNIT_INTERVAL,
            Support.interval(-2.0, 5.0)};
        for (Support s : scalar) {
            Bijection b = Bijections.fromUnconstrained(s).orElseThrow();
            assertFalse(s.isDiscrete());
            Tensor x = b.forward(Tensor.randn(rng, 1000).mul(4.0));
            assertEquals(1000.0, s.check(x).sum().item(), s.name());
            if (s != Support.NONNEGATIVE) {
                assertEquals(s, b.codomain()); // exp maps onto (0, ∞), the interior of [0, ∞)
            }
        }
        Tensor simplex = Bijections.fromUnconstrained(Support.SIMPLEX).orElseThrow().forward(Tensor.randn(rng, 200, 4).mul(3.0));
        assertEquals(200.0, Support.SIMPLEX.check(simplex).sum().item());
        Tensor chol = Bijections.fromUnconstrained(Support.LOWER_CHOLESKY).orElseThrow().forward(Tensor.randn(rng, 50, 10));
        assertEquals(50.0, Support.LOWER_CHOLESKY.check(chol).sum().item());
        Tensor vec = Bijections.fromUnconstrained(Support.REAL_VECTOR).orElseThrow().forward(Tensor.randn(rng, 5, 3));
        assertEquals(5.0, Support.REAL_VECTOR.check(vec).sum().item());
    }

    @Test
    void everyFixedSupportHasItsBijectionOrNoneWhenDiscrete() throws IllegalAccessException {
        int continuous = 0;
        for (java.lang.reflect.Field f : Support.class.getFields()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType() != Support.class) {
                continue;
            }
            Support s = (Support) f.get(null);
            java.util.Optional<Bijection> b = Bijections.fromUnconstrained(s);
            assertEquals(!s.isDiscrete(), b.isPresent(), f.getName());
            if (b.isPresent()) {
                continuous++;
                assertTrue(b.get() == Bijections.fromUnconstrained(s).orElseThrow(), f.getName() + ": one shared instance");
                assertEquals(s.eventRank(), b.get().outputEventRank(), f.getName() + ": event rank of the image");
            }
        }
        assertEquals(8, continuous, "REAL, POSITIVE, NONNEGATIVE, UNIT_INTERVAL, REAL_VECTOR, SIMPLEX, LOWER_CHOLESKY,"
                + " CORRELATION_CHOLESKY");
        Support interval = Support.interval(Tensor.vector(0.0, 1.0), Tensor.vector(1.0, 3.0));
        assertTrue(interval.bounds().isPresent());
        assertFalse(Support.POSITIVE.bounds().isPresent());
        Tensor x = Bijections.fromUnconstrained(interval).orElseThrow().forward(Tensor.randn(Rng.of(3), 100, 2).mul(5.0));
        assertEquals(200.0, interval.check(x).sum().item(), "per-element bounds");
    }

    @Test
    void rejectsBadIntervals() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Support.interval(1.0, 1.0));
        assertEquals("Support.interval: bounds must be finite with lo < hi, got lo=1.0, hi=1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Support.interval(0.0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Support.integerInterval(2, 1));
        assertThrows(IllegalArgumentException.class, () -> Support.REAL_VECTOR.check(Tensor.scalar(1.0)));
    }
}
