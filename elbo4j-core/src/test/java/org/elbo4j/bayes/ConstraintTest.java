package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.dist.Support;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Constraint bijections through the model API: the layout's log|det J| against a finite-difference
 * Jacobian of the map from u to the free constrained coordinates (deterministic; central
 * differences with h = 1e−2 in float32 are accurate to ~1e−3 in log|det J|, tolerance 2e−2), and
 * posterior draws inside every support (the test model's prior is proper in every coordinate).
 */
class ConstraintTest {

    private static final List<Parameter> PARAMETERS = List.of(Parameter.positive("scale", 2),
            Parameter.unitInterval("p"), Parameter.simplex("w", 3), Parameter.lowerCholesky("chol", 2));

    /** The free coordinates of the constrained values: all but the last simplex entry, the lower triangle. */
    private static double[] free(UnconstrainedLayout layout, double[] u) {
        ParameterValues v = layout.constrain(Tensor.of(u, 1, u.length)).values();
        float[] s = v.get("scale").data();
        float[] w = v.get("w").data();
        float[] c = v.get("chol").data();
        return new double[] {s[0], s[1], v.get("p").data()[0], w[0], w[1], c[0], c[2], c[3]};
    }

    @Test
    void logAbsDetJacobianMatchesFiniteDifferences() {
        UnconstrainedLayout layout = UnconstrainedLayout.of(PARAMETERS);
        assertEquals(8, layout.dim());
        Rng rng = Rng.of(4);
        for (int trial = 0; trial < 5; trial++) {
            double[] u = new double[layout.dim()];
            for (int i = 0; i < u.length; i++) {
                u[i] = rng.nextGaussian();
            }
            double[][] jac = new double[u.length][u.length];
            double h = 1e-2;
            for (int j = 0; j < u.length; j++) {
                double[] up = u.clone();
                double[] dn = u.clone();
                up[j] += h;
                dn[j] -= h;
                double[] fp = free(layout, up);
                double[] fm = free(layout, dn);
                for (int i = 0; i < u.length; i++) {
                    jac[i][j] = (fp[i] - fm[i]) / (2 * h);
                }
            }
            double expected = logAbsDet(jac);
            double found = layout.constrain(Tensor.of(u, 1, u.length)).logAbsDetJacobian().item();
            assertEquals(expected, found, 2e-2, "trial " + trial);
        }
    }

    @Test
    void drawsRespectTheSupports() {
        BayesModel priorOnly = new BayesModel() {
            @Override
            public List<Parameter> parameters() {
                return PARAMETERS;
            }

            @Override
            public int observationCount() {
                return 1;
            }

            @Override
            public Tensor logPrior(ParameterValues theta) {
                Tensor chol = theta.get("chol");
                return theta.get("scale").sum(1, false).neg().add(theta.get("w").log().sum(1, false))
                        .sub(chol.square().reshape(theta.count(), 4).sum(1, false).mul(Tensor.scalar(0.5)));
            }

            @Override
            public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
                return Tensor.zeros(theta.count());
            }
        };
        FitResult r = BayesFit.fit(priorOnly, FitConfig.defaults().withInit(InitStrategy.feasible()).withMaxSteps(500)
                .withEvidenceSamples(0).withSeed(8));
        for (Parameter p : PARAMETERS) {
            Tensor inside = p.support().check(r.draws().get(p.name()));
            for (float v : inside.data()) {
                assertEquals(1f, v, p.name() + " outside " + p.support());
            }
        }
        assertTrue(r.summary("p").q97_5()[0] <= 1.0);
        assertEquals(Support.SIMPLEX, PARAMETERS.get(2).support());
    }

    /** log |det A| by Gaussian elimination with partial pivoting. */
    private static double logAbsDet(double[][] a0) {
        int n = a0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double s = 0;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            s += Math.log(Math.abs(a[c][c]));
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        return s;
    }
}
