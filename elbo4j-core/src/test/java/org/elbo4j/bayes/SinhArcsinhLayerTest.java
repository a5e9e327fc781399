package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SinhArcsinhLayer} in a one-dimensional skewed {@link FlowGuide} (one sinh–arcsinh layer,
 * then an affine layer, on N(m, ℓ²)) against the sinh–arcsinh density written independently from
 * Jones &amp; Pewsey (2009), eq. (2), in the inverse direction: for y = sinh(δ asinh(z) − ε) with
 * z ~ N(0, 1), z = sinh((asinh(y) + ε)/δ) and p(y) = φ(z) cosh((asinh(y) + ε)/δ) / (δ √(1 + y²)). Then
 * u = m + ℓ(y e^{s} + t) (the affine layer of d = 1: log-scale s = 4 tanh(a/4), shift b). Checks
 * log q against that formula at draws, that q integrates to 1 (trapezoid on a fine grid), and the
 * helper functions asinh and log cosh against their definitions. Deterministic tolerances.
 */
class SinhArcsinhLayerTest {

    private static final double M = 0.3;
    private static final double ELL = 1.7;
    private static final double EPS = 0.8;
    private static final double TAU = 0.5;
    private static final double A = -0.4;
    private static final double B = 0.6;

    private static FlowGuide flow() {
        FlowGuide f = FlowGuide.of(new UnconstrainedGaussian(List.of("u"), new double[] {M},
                new double[][] {{ELL * ELL}}), 1, true, false);
        double[] theta = f.params();
        // sinh–arcsinh: ε, τ; affine (d = 1): a, b
        theta[0] = EPS;
        theta[1] = TAU;
        theta[2] = A;
        theta[3] = B;
        return f;
    }

    /** log q(u) from Jones & Pewsey's density and the affine maps, independently of the layer code. */
    private static double referenceLogQ(double u) {
        double delta = Math.exp(SinhArcsinhLayer.LOG_TAIL_CLAMP * Math.tanh(TAU / SinhArcsinhLayer.LOG_TAIL_CLAMP));
        double s = AffineAutoregressiveLayer.LOG_SCALE_CLAMP * Math.tanh(A / AffineAutoregressiveLayer.LOG_SCALE_CLAMP);
        double y = ((u - M) / ELL - B) * Math.exp(-s);
        double w = (Math.log(y + Math.sqrt(y * y + 1)) + EPS) / delta;
        double z = Math.sinh(w);
        double logPy = -0.5 * z * z - 0.5 * Math.log(2 * Math.PI) + Math.log(Math.cosh(w))
                - Math.log(delta) - 0.5 * Math.log(1 + y * y);
        return logPy - s - Math.log(ELL);
    }

    @Test
    void logDensityOfADrawIsJonesAndPewseysDensity() {
        FlowGuide f = flow();
        double[] u = new double[1];
        for (double z = -3; z <= 3; z += 0.25) {
            double logQ = f.draw(new double[] {z}, u);
            assertEquals(referenceLogQ(u[0]), logQ, 1e-11, "z = " + z);
        }
    }

    @Test
    void theDensityIntegratesToOne() {
        // q from the reference formula on u ∈ [−60, 60], trapezoid with h = 1e-3: the tails beyond
        // hold less than 1e-12 (z beyond ±7 there) and the rule's error is O(h²) ≈ 1e-7
        double h = 1e-3;
        double sum = 0;
        int n = (int) Math.round(120 / h);
        for (int i = 0; i <= n; i++) {
            double u = -60 + i * h;
            double q = Math.exp(referenceLogQ(u));
            sum += (i == 0 || i == n) ? q / 2 : q;
        }
        assertEquals(1, sum * h, 1e-6);
    }

    @Test
    void asinhAndLogCoshMatchTheirDefinitions() {
        for (double x : new double[] {-1e10, -30, -2, -1e-9, 0, 1e-9, 0.5, 3, 40, 1e10}) {
            double expected = Math.abs(x) < 1e6 ? Math.log(x + Math.sqrt(x * x + 1))
                    : Math.copySign(Math.log(2 * Math.abs(x)), x);
            if (Math.abs(x) < 1e-3) {
                expected = x; // asinh(x) = x − x³/6 + …: the definition loses digits near 0
            }
            assertEquals(expected, SinhArcsinhLayer.asinh(x), 1e-15 * Math.max(1, Math.abs(expected)), "asinh " + x);
            double lc = Math.abs(x) < 300 ? Math.log(Math.cosh(x)) : Math.abs(x) - Math.log(2);
            assertEquals(lc, SinhArcsinhLayer.logCosh(x), 1e-14 * Math.max(1, Math.abs(lc)), "log cosh " + x);
        }
        assertEquals(-0.0, SinhArcsinhLayer.asinh(-0.0));
    }
}
