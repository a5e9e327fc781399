package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.dist.LkjCholesky;
import org.elbo4j.dist.transform.CorrCholeskyBijection;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Default priors scale with the data, overrides replace one class, bad specs are rejected, and the
 * double-precision LKJ + correlation-Cholesky code agrees with the float32 tensor classes
 * {@code dist.LkjCholesky} and {@code dist.transform.CorrCholeskyBijection} (to 1e-4).
 */
class PriorsTest {

    @Test
    void defaultsScaleWithTheDataAndOverridesReplaceAClass() {
        DataFrame d = DataFrame.parse("y,x\n1,0\n3,1\n2,2\n10,3\n4,4\n", "d.csv");
        ModelFrame f = ModelFrame.of(Formula.parse("y ~ x"), d);
        Priors p = RegressionModel.defaultPriors(f, Families.parse("gaussian"));
        double sdY = Priors.sd(new double[] {1, 3, 2, 10, 4});
        double sdX = Priors.sd(new double[] {0, 1, 2, 3, 4});
        assertEquals(2.5 * sdY / sdX, p.b(0).params()[1], 1e-12);
        assertEquals(3, p.intercept().params()[1], 1e-12);
        Priors q = p.with("normal(0, 1) on b").with("exponential(2) on sigma").with("lkj(2) on cor");
        assertEquals("normal(0, 1)", q.b(0).toString());
        assertEquals("exponential(2)", q.aux("sigma").toString());
        assertEquals(2, q.lkj());
        List<String> lines = q.describe(true, true, true);
        assertTrue(lines.contains("b_x ~ normal(0, 1) (set by --prior)"), lines.toString());
        assertThrows(IllegalArgumentException.class, () -> p.with("normal(0, 1) on shape"));
        assertThrows(IllegalArgumentException.class, () -> p.with("normal(0, 1) on beta"));
        assertThrows(IllegalArgumentException.class, () -> p.with("normal(1, 1) on sd"));
        assertThrows(IllegalArgumentException.class, () -> p.with("gamma(2, 1) on b"));
        assertThrows(IllegalArgumentException.class, () -> p.with("normal(0, 1)"));
    }

    @Test
    void lkjMatchesTheTensorClasses() {
        int k = 3;
        double[] u = {0.3, -0.7, 1.1};
        double[][] l = CorrCholesky.forward(u, 0, k);
        double mine = CorrCholesky.logPrior(u, 0, k, 2.0, null, null);
        CorrCholeskyBijection b = CorrCholeskyBijection.of();
        Tensor tu = Tensor.of(u, 3);
        Tensor tl = b.forward(tu);
        double theirs = LkjCholesky.of(k, 2.0).logProb(tl).item() + b.logAbsDetJacobian(tu, tl).item();
        assertEquals(theirs, mine, 1e-4);
        float[] flat = tl.data();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                assertEquals(flat[i * k + j], l[i][j], 1e-6);
            }
        }
    }
}
