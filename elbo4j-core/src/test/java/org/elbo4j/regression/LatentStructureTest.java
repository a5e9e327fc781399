package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.junit.jupiter.api.Test;

/**
 * What {@link RegressionModel} declares for the nested Laplace guide, checked against its full
 * exact Hessian at random points, in both parametrisations, on every family: the hyperparameters
 * are the log sds, correlation coordinates and log auxiliary parameters; {@link
 * RegressionModel#latentCurvature} gives the same value, gradient and latent block of −∇²ℓ as
 * {@link RegressionModel#curvature} (to 1e−12 relative: the same sums); and −∇²ℓ is exactly 0
 * between two different separable blocks (the levels of the largest group term).
 */
class LatentStructureTest {

    private static void check(String formula, String family, List<Centring> centring, long seed) {
        RegressionModel m = RegressionModel.of(ModelFrame.of(Formula.parse(formula), RegressionModelTest.DATA),
                Families.parse(family), null);
        if (centring != null) {
            m = m.withCentring(centring);
        }
        String label = formula + " " + family + " " + centring;
        int d = m.dim();
        int[] hyper = m.hyperparameters();
        List<String> names = m.layout().coordinateNames();
        boolean[] isHyper = new boolean[d];
        for (int h : hyper) {
            isHyper[h] = true;
            assertTrue(names.get(h).startsWith("log ") || names.get(h).startsWith("cor_"), label + " " + names.get(h));
        }
        for (int i = 0; i < d; i++) {
            assertTrue(isHyper[i] || !names.get(i).startsWith("log ") && !names.get(i).startsWith("cor_"),
                    label + " latent " + names.get(i));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = 2 * (rng.nextDouble() - 0.5);
        }
        double[] g = new double[d];
        double[][] h = new double[d][d];
        double v = m.curvature(u, g, h);
        double[] gl = new double[d];
        double[][] hl = new double[d][d];
        double vl = m.latentCurvature(u, gl, hl);
        assertEquals(v, vl, 1e-12 * Math.abs(v), label);
        for (int i = 0; i < d; i++) {
            assertEquals(g[i], gl[i], 1e-12 * Math.max(1, Math.abs(g[i])), label + " gradient " + i);
            for (int j = 0; j < d; j++) {
                if (!isHyper[i] && !isHyper[j]) {
                    assertEquals(h[i][j], hl[i][j], 1e-12 * Math.max(1, Math.abs(h[i][j])),
                            label + " latent Hessian " + names.get(i) + ", " + names.get(j));
                }
            }
        }
        int[][] blocks = m.separableLatentBlocks();
        assertTrue(blocks.length > 0, label);
        int[] blockOf = new int[d];
        Arrays.fill(blockOf, -1);
        for (int b = 0; b < blocks.length; b++) {
            for (int i : blocks[b]) {
                assertTrue(!isHyper[i] && blockOf[i] == -1, label + " block index " + i);
                blockOf[i] = b;
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (blockOf[i] >= 0 && blockOf[j] >= 0 && blockOf[i] != blockOf[j]) {
                    assertEquals(0.0, h[i][j], 0.0, label + " between blocks " + names.get(i) + ", " + names.get(j));
                }
            }
        }
    }

    @Test
    void everyFamilyInBothParametrisations() {
        for (List<Centring> c : Arrays.asList(null, List.of(Centring.CENTRED))) {
            check("y ~ x + f + (1 + x | g)", "poisson", c, 1);
            check("yb ~ x + (1 + x + f | g)", "bernoulli", c, 2);
            check("yp ~ x + (1 + x | g)", "gamma", c, 3);
            check("k | trials(n) ~ x + (1 + x | g)", "binomial", c, 4);
            check("yg ~ x + (1 | g)", "gaussian", c, 5);
            check("y ~ x + (1 | g)", "negbinomial", c, 6);
        }
        check("yg ~ x + (1 + x | g) + (1 + x | f)", "gaussian", List.of(Centring.CENTRED, Centring.NONCENTRED), 7);
        check("yg ~ x + (1 | g) + (1 | f)", "student", null, 8);
        check("yr ~ x + (1 + x | g)", "beta", null, 9);
        check("yb ~ x + (1 + x | g)", "bernoulli(probit)", null, 10);
    }
}
