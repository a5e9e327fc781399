package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.junit.jupiter.api.Test;

/**
 * The centred parametrisation of {@link RegressionModel} ({@link Centring#CENTRED}, {@link CentredPrior},
 * {@link CentredPriorHessian}) on every formula/family case of {@link RegressionModelTest} (K = 1, 2, 3,
 * crossed and nested terms, every family), every term centred, and on mixed models (one term centred,
 * one not), at random points with |u| ≤ 0.75 (|u| ≤ 1.5 for the correlation cases, where tanh is far
 * from linear):
 * <ul>
 *   <li>the gradient against central differences of ℓ (h = 10⁻⁵) to 1e−5 relative to max(1, |value|),
 *       and −∇²ℓ against central differences of the exact gradient to 1e−5 relative (truncation
 *       O(h²) ≈ 1e−10, rounding ≈ 1e−16 |∇ℓ| / h ≈ 1e−8), and symmetric to 1e−12 relative;</li>
 *   <li>ℓ_centred(r) + log |det ∂r/∂z| = ℓ_noncentred(z) at r = diag(sd) L z, with
 *       log |det ∂r/∂z| = J (Σ_k log sd_k + Σ_k log L_kk) per term, to 1e−10 relative to max(1, |ℓ|)
 *       (both are sums of the same N + J terms; the difference is rounding).</li>
 * </ul>
 */
class CentredDensityTest {

    private static RegressionModel model(String formula, String family, List<Centring> centring) {
        return RegressionModel.of(ModelFrame.of(Formula.parse(formula), RegressionModelTest.DATA),
                Families.parse(family), null, centring);
    }

    private static List<Centring> all(String formula, String family, Centring c) {
        int terms = model(formula, family, null).layout().groups().size();
        List<Centring> out = new ArrayList<>();
        for (int t = 0; t < terms; t++) {
            out.add(c);
        }
        return out;
    }

    private static double[] point(int d, long seed, double half) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = 2 * half * (rng.nextDouble() - 0.5);
        }
        return u;
    }

    private static void checkDerivatives(RegressionModel m, double[] u, String label) {
        int d = m.dim();
        double[] g = new double[d];
        double[][] h = new double[d][d];
        m.curvature(u, g, h);
        double[] g2 = new double[d];
        m.curvature(u, g2, null);
        for (int c = 0; c < d; c++) {
            assertEquals(g2[c], g[c], 1e-10 * Math.max(1, Math.abs(g[c])), label + " two passes, grad " + c);
            for (int r = 0; r < d; r++) {
                assertEquals(h[c][r], h[r][c], 1e-12 * Math.max(1, Math.abs(h[r][c])), label + " symmetry");
            }
        }
        RegressionModelTest.checkDerivatives(m, u, label, 1e-5, 1e-5);
    }

    @Test
    void centredGradientAndHessianMatchFiniteDifferences() {
        String[][] cases = RegressionModelTest.CASES;
        for (int c = 0; c < cases.length; c++) {
            RegressionModel m = model(cases[c][0], cases[c][1], all(cases[c][0], cases[c][1], Centring.CENTRED));
            double half = m.layout().hasCorrelations() ? 1.5 : 0.75;
            checkDerivatives(m, point(m.dim(), 100 + c, half), cases[c][0] + " " + cases[c][1]);
        }
    }

    @Test
    void mixedParametrisationsMatchFiniteDifferences() {
        RegressionModel a = model("yg ~ x + (1 + x | g) + (1 | f)", "gaussian", List.of(Centring.CENTRED, Centring.NONCENTRED));
        checkDerivatives(a, point(a.dim(), 21, 1.5), "mixed gaussian");
        RegressionModel b = model("y ~ x + (1 | g) + (1 + x | f)", "poisson", List.of(Centring.NONCENTRED, Centring.CENTRED));
        checkDerivatives(b, point(b.dim(), 22, 1.5), "mixed poisson");
    }

    /**
     * The centred joint density has no mode: at r = 0 it grows like −(J − 1) log sd as sd → 0 (the
     * J levels' −log sd against the half-t prior's Jacobian +log sd), which is why mode-based fits
     * (map, laplace, a Laplace start) stay non-centred ({@code cli.CentringPlan}); the non-centred
     * density at z = 0 falls like +log sd there (the prior's Jacobian alone).
     */
    @Test
    void centredDensityHasNoModeAsTheSdShrinks() {
        RegressionModel ce = model("yg ~ x + (1 | g)", "gaussian", List.of(Centring.CENTRED));
        RegressionModel nc = model("yg ~ x + (1 | g)", "gaussian", null);
        int sdAt = ce.layout().groups().get(0).sdAt();
        int levels = ce.layout().groups().get(0).j();
        double[] u = ce.initialPoint();
        u[sdAt] = -10;
        double a = ce.curvature(u, null, null);
        double na = nc.curvature(u, null, null);
        u[sdAt] = -20;
        double b = ce.curvature(u, null, null);
        double nb = nc.curvature(u, null, null);
        assertEquals((levels - 1) * 10, b - a, 1e-3);
        assertEquals(-10, nb - na, 1e-3);
    }

    @Test
    void centredDensityIsTheNoncentredOneThroughTheJacobian() {
        for (String[] c : RegressionModelTest.CASES) {
            RegressionModel nc = model(c[0], c[1], null);
            RegressionModel ce = model(c[0], c[1], all(c[0], c[1], Centring.CENTRED));
            for (long seed = 1; seed <= 3; seed++) {
                double[] z = point(nc.dim(), seed * 31, 1.5);
                double[] r = z.clone();
                double logDet = 0;
                for (GroupBlock b : nc.layout().groups()) {
                    GroupState s = GroupState.of(b, z);
                    double[][] eff = s.effects();
                    for (int j = 0; j < b.j(); j++) {
                        System.arraycopy(eff[j], 0, r, b.zAt() + j * b.k(), b.k());
                    }
                    for (int k = 0; k < b.k(); k++) {
                        logDet += b.j() * (Math.log(s.sd()[k]) + Math.log(s.cholesky()[k][k]));
                    }
                }
                double lz = nc.curvature(z, null, null);
                double lr = ce.curvature(r, null, null);
                assertEquals(lz, lr + logDet, 1e-10 * Math.max(1, Math.abs(lz)), c[0] + " " + c[1] + " seed " + seed);
                double[][] h = new double[ce.dim()][ce.dim()];
                assertEquals(lr, ce.curvature(r, new double[ce.dim()], h), 1e-10 * Math.max(1, Math.abs(lr)),
                        c[0] + " Hessian pass");
            }
        }
    }
}
