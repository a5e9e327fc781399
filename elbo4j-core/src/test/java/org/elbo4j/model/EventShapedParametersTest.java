package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.UnconstrainedLayout;
import org.elbo4j.bayes.models.LogisticRegression;
import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.Dirichlet;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Support;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Parameters with an event shape: a coefficient vector under an {@code Independent} Normal prior
 * (checked against the built-in {@link LogisticRegression}, whose log density is exact double)
 * and a probability vector under a Dirichlet prior (a simplex parameter, fitted through
 * stick-breaking; the posterior Dirichlet(1 + counts) is known).
 */
class EventShapedParametersTest {

    private static final int N = 300;
    private static final int D = 3;
    private static final double TAU = 2.5;

    @Test
    void aVectorCoefficientUnderAnIndependentPriorMatchesTheBuiltInLogisticRegression() {
        Rng rng = Rng.of(21);
        double[][] x = new double[N][D];
        double[] y = new double[N];
        double[] flat = new double[N * D];
        double[] beta = {1.0, -0.5, 0.25};
        for (int n = 0; n < N; n++) {
            double eta = 0.3;
            for (int j = 0; j < D; j++) {
                x[n][j] = rng.nextGaussian();
                flat[n * D + j] = x[n][j];
                eta += beta[j] * x[n][j];
            }
            y[n] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        Tensor xs = Tensor.of(flat, N, D);
        Tensor ys = Tensor.of(y, N);
        FunctionModel model = FunctionModel.of(m -> {
            Tensor a = m.sample("intercept", Normal.of(0, TAU));
            Tensor b = m.sample("beta", Independent.of(Normal.of(Tensor.zeros(D), Tensor.full(TAU, D)), 1));
            try (Plate rows = m.plate("rows", N, 100)) {
                Tensor eta = rows.subsample(xs).mul(b).sum(-1, false).add(a);
                m.observe("y", Bernoulli.ofLogits(eta), rows.subsample(ys));
            }
        });
        LogisticRegression builtIn = LogisticRegression.of(x, y, TAU, true);
        assertEquals(builtIn.parameters(), model.parameters());
        assertArrayEquals(new int[] {D}, model.parameters().get(1).shape());

        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        int m = 4;
        double[] points = new double[m * layout.dim()];
        for (int i = 0; i < points.length; i++) {
            points[i] = rng.nextGaussian();
        }
        double[] exact = new double[m];
        builtIn.logDensities(points, m, exact, null);
        UnconstrainedLayout.Constrained c = layout.constrain(Tensor.of(points, m, layout.dim()));
        Tensor ours = model.logJoint(c.values(), Minibatch.full(N));
        for (int i = 0; i < m; i++) {
            assertEquals(exact[i], ours.get(i), 1e-5 * Math.abs(exact[i]), "point " + i);
        }
    }

    @Test
    void aDirichletPriorGivesASimplexParameterAndTheConjugatePosterior() {
        int[] counts = {30, 50, 120};
        double[] labels = new double[200];
        int at = 0;
        for (int k = 0; k < counts.length; k++) {
            for (int i = 0; i < counts[k]; i++) {
                labels[at++] = k;
            }
        }
        Tensor data = Tensor.of(labels, labels.length);
        FunctionModel model = FunctionModel.of(m -> {
            Tensor p = m.sample("p", Dirichlet.of(1, 1, 1));
            try (Plate rows = m.plate("rows", labels.length)) {
                m.observe("label", Categorical.of(p), data);
            }
        });
        assertEquals(Support.SIMPLEX, model.parameters().get(0).support());
        assertEquals(java.util.Optional.empty(), model.doublePrecisionUnavailable(),
                "on the tape: stick-breaking replayed, Categorical from its recorded probs");
        assertArrayEquals(new int[] {3}, model.parameters().get(0).shape());
        FitResult r = model.fit(FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withParticles(8)
                .withEvidenceSamples(4000).withSeed(5));
        assertTrue(r.verdict().isUsable(), r.reason());
        // posterior Dirichlet(31, 51, 121): mean a_k / 203, sd ≈ 0.02–0.034; tolerance 0.25 sd (PSIS-corrected draws)
        double total = 203;
        for (int k = 0; k < 3; k++) {
            double a = counts[k] + 1;
            double mean = a / total;
            double sd = Math.sqrt(mean * (1 - mean) / (total + 1));
            assertEquals(mean, r.summary("p").mean()[k], 0.25 * sd, "mean " + k);
            assertEquals(sd, r.summary("p").sd()[k], 0.15 * sd, "sd " + k);
        }
    }
}
