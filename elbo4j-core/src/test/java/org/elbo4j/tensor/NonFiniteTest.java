package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * NaN and ±∞ propagate as IEEE 754 says, and the saturating functions stay finite (values and
 * gradients) at ±100 and ±∞ instead of producing ∞ − ∞ or 0 · ∞.
 */
class NonFiniteTest {

    private static final float INF = Float.POSITIVE_INFINITY;
    private static final float NAN = Float.NaN;

    /** Arguments of the saturation checks: far left, left, right, far right. */
    private static final float[] EXTREMES = {-INF, -100f, 100f, INF};

    /** Tolerance for values that are mathematically e^−100 ≈ 3.7e-44 (subnormal in float32). */
    private static final double TINY = 1e-40;

    private static float[] values(Tensor t) {
        return t.data();
    }

    /** The gradient of {@code Σ f(x)} at {@link #EXTREMES}. */
    private static float[] gradientAtExtremes(GradientCheck.Op f) {
        Tensor x = Tensor.vector(EXTREMES.clone()).requiresGrad(true);
        f.apply(new Tensor[] {x}).sum().backward();
        return x.grad().data();
    }

    @Test
    void expLogAndFriendsFollowIeee() {
        assertArrayEquals(new float[] {INF, 0f}, values(Tensor.vector(INF, -INF).exp()));
        assertArrayEquals(new float[] {-INF, NAN, INF}, values(Tensor.vector(0f, -1f, INF).log()));
        assertArrayEquals(new float[] {-INF, NAN}, values(Tensor.vector(-1f, -2f).log1p()));
        assertArrayEquals(new float[] {-1f, INF}, values(Tensor.vector(-INF, INF).expm1()));
        assertArrayEquals(new float[] {NAN, INF}, values(Tensor.vector(-1f, INF).sqrt()));
        assertArrayEquals(new float[] {-1f, 1f}, values(Tensor.vector(-INF, INF).tanh()));
        assertArrayEquals(new float[] {INF, NAN, -INF}, values(Tensor.vector(1f, 0f, -1f).div(Tensor.vector(0f, 0f, 0f))));
    }

    @Test
    void nanPassesThroughElementwiseFunctions() {
        Tensor nan = Tensor.vector(NAN);
        for (Tensor y : new Tensor[] {nan.exp(), nan.log(), nan.sigmoid(), nan.logSigmoid(), nan.softplus(),
                nan.relu(), nan.abs(), nan.tanh(), nan.clamp(-1, 1), nan.square(), nan.lgamma()}) {
            assertTrue(Float.isNaN(y.data()[0]), y.toString());
        }
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        float[] y = values(Tensor.vector(EXTREMES.clone()).sigmoid());
        assertEquals(0.0, y[0]);
        assertEquals(0.0, y[1], TINY);
        assertEquals(1.0, y[2]);
        assertEquals(1.0, y[3]);
        float[] g = gradientAtExtremes(in -> in[0].sigmoid());
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, g, (float) TINY);
    }

    @Test
    void softplusIsStableAtExtremes() {
        float[] y = values(Tensor.vector(EXTREMES.clone()).softplus());
        assertEquals(0.0, y[0]);
        assertEquals(0.0, y[1], TINY);
        assertTrue(y[1] >= 0f);
        assertEquals(100.0, y[2]);
        assertEquals(INF, y[3]);
        float[] g = gradientAtExtremes(in -> in[0].softplus());
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, g, (float) TINY);
    }

    @Test
    void logSigmoidIsStableAtExtremes() {
        float[] y = values(Tensor.vector(EXTREMES.clone()).logSigmoid());
        assertEquals(-INF, y[0]);
        assertEquals(-100.0, y[1]);
        assertEquals(0.0, y[2], TINY);
        assertTrue(y[2] <= 0f);
        assertEquals(0.0, y[3]);
        float[] g = gradientAtExtremes(in -> in[0].logSigmoid());
        assertArrayEquals(new float[] {1f, 1f, 0f, 0f}, g, (float) TINY);
    }

    @Test
    void logSumExpOfInfinities() {
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.vector(-INF, -INF).logSumExp(0, false).item());
        assertEquals(Double.POSITIVE_INFINITY, Tensor.vector(INF, 1f).logSumExp(0, false).item());
        assertEquals(0.0, Tensor.vector(-INF, 0f).logSumExp(0, false).item());
        assertTrue(Double.isNaN(Tensor.vector(NAN, 1f).logSumExp(0, false).item()));
        assertTrue(Double.isNaN(Tensor.vector(INF, NAN).logSumExp(0, false).item()));
    }

    @Test
    void logSumExpGradientIgnoresMinusInfinity() {
        Tensor x = Tensor.vector(-INF, 0f).requiresGrad(true);
        x.logSumExp(0, false).backward();
        assertArrayEquals(new float[] {0f, 1f}, x.grad().data());
    }

    @Test
    void logSumExpGradientSharesOneAmongInfiniteTies() {
        Tensor allMinusInf = Tensor.vector(-INF, -INF).requiresGrad(true);
        allMinusInf.logSumExp(0, false).backward();
        assertArrayEquals(new float[] {0.5f, 0.5f}, allMinusInf.grad().data());
        Tensor twoInf = Tensor.vector(INF, 1f, INF).requiresGrad(true);
        twoInf.logSumExp(0, false).backward();
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f}, twoInf.grad().data());
    }

    @Test
    void lgammaIsPlusInfinityAtItsPoles() {
        float[] y = values(Tensor.vector(0f, -0f, -1f, -3f, -INF, INF).lgamma());
        assertArrayEquals(new float[] {INF, INF, INF, INF, INF, INF}, y);
        assertEquals(-0.05624371649767412, Tensor.vector(-2.5f).lgamma().item(), 1e-7, "lgamma(-2.5) = log|Γ(-2.5)|");
    }

    @Test
    void digammaIsNaNAtNegativeIntegers() {
        float[] y = values(Tensor.vector(-1f, -4f, -INF).digamma());
        assertArrayEquals(new float[] {NAN, NAN, NAN}, y);
        assertEquals(-INF, Tensor.vector(0f).digamma().item());
        assertEquals(1.1031566406452447, Tensor.vector(-2.5f).digamma().item(), 1e-6, "digamma(-2.5)");
    }

    @Test
    void powGradientIsZeroWhereThePowerIsConstant() {
        Tensor x = Tensor.vector(0f, 2f).requiresGrad(true);
        x.pow(0.0).sum().backward();
        assertArrayEquals(new float[] {0f, 0f}, x.grad().data(), "d/dx x^0");
        x.zeroGrad();
        Arith.pow(x, Tensor.scalar(0)).sum().backward();
        assertArrayEquals(new float[] {0f, 0f}, x.grad().data(), "d/da a^b at b = 0");
        Tensor e = Tensor.vector(2f, 0.5f).requiresGrad(true);
        Arith.pow(Tensor.vector(0f, 0f), e).sum().backward();
        assertArrayEquals(new float[] {0f, 0f}, e.grad().data(), "d/db 0^b for b > 0");
    }

    @Test
    void nanInSumGivesNaN() {
        Tensor x = Tensor.of(new float[] {1, 2, NAN, 4, 5, 6}, 2, 3);
        assertTrue(Double.isNaN(x.sum().item()));
        assertTrue(Double.isNaN(x.mean().item()));
        float[] rows = x.sum(1, false).data();
        assertTrue(Float.isNaN(rows[0]));
        assertEquals(15f, rows[1]);
    }

    @Test
    void maxWithNaNGivesNaN() {
        Tensor nanFirst = Tensor.vector(NAN, 1f, 2f);
        Tensor nanMiddle = Tensor.vector(1f, NAN, 2f);
        Tensor nanLast = Tensor.vector(1f, 3f, NAN);
        for (Tensor x : new Tensor[] {nanFirst, nanMiddle, nanLast}) {
            assertTrue(Double.isNaN(x.max(0, false).item()), x.toString());
        }
        assertEquals(INF, Tensor.vector(1f, INF, 2f).max(0, false).item());
    }

    @Test
    void maximumAndMinimumWithNaNGiveNaN() {
        Tensor a = Tensor.vector(NAN, 1f);
        Tensor b = Tensor.vector(1f, NAN);
        for (Tensor y : new Tensor[] {Arith.maximum(a, b), Arith.maximum(b, a), Arith.minimum(a, b), Arith.minimum(b, a)}) {
            assertTrue(Float.isNaN(y.data()[0]) && Float.isNaN(y.data()[1]), y.toString());
        }
    }
}
