package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradClipTest {

    /** Relative float32 error of a norm of a few values. */
    private static final double REL_TOL = 1e-6;

    private static List<Tensor> withGradients(double[] g1, double[] g2) {
        Tensor a = Tensor.zeros(g1.length).requiresGrad(true);
        Tensor b = Tensor.zeros(g2.length).requiresGrad(true);
        a.mul(Tensor.vector(g1)).sum().add(b.mul(Tensor.vector(g2)).sum()).backward();
        return List.of(a, b);
    }

    @Test
    void scalesToTheMaxNormAndReportsTheOriginal() {
        List<Tensor> params = withGradients(new double[] {3, 0}, new double[] {0, 4, 12});
        double norm = GradClip.clipNorm(params, 1.3);
        assertEquals(13.0, norm, 13.0 * REL_TOL);
        double after = GradClip.norm(params);
        assertEquals(1.3 * 13.0 / (13.0 + GradClip.NORM_EPS), after, 1.3 * REL_TOL);
        float[] a = params.get(0).grad().data();
        assertEquals(3 * 1.3 / 13.0, a[0], 3 * REL_TOL);
    }

    @Test
    void leavesSmallGradientsUntouched() {
        List<Tensor> params = withGradients(new double[] {0.3, -0.4}, new double[] {0});
        float[] before = params.get(0).grad().toFloatArray();
        assertEquals(0.5, GradClip.clipNorm(params, 1.0), 0.5 * REL_TOL);
        assertArrayEquals(before, params.get(0).grad().data());
    }

    @Test
    void skipsTensorsWithoutGradientAndLeavesNonFiniteGradientsAlone() {
        List<Tensor> params = withGradients(new double[] {Float.MAX_VALUE, Float.MAX_VALUE}, new double[] {1});
        Tensor noGrad = Tensor.zeros(2).requiresGrad(true);
        double norm = GradClip.clipNorm(List.of(params.get(0), params.get(1), noGrad), 1.0);
        assertTrue(Double.isFinite(norm), "double accumulation does not overflow at float max");
        List<Tensor> nan = withGradients(new double[] {Double.NaN}, new double[] {5});
        assertTrue(Double.isNaN(GradClip.clipNorm(nan, 1.0)));
        assertEquals(5f, nan.get(1).grad().data()[0]);
    }

    @Test
    void rejectsABadMaxNorm() {
        assertEquals("GradClip: maxNorm must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> GradClip.clipNorm(List.of(), 0.0)).getMessage());
    }
}
