package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Normal;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The score-function estimator on a model with Bernoulli latents, z ∈ {0,1}³ with
 * p(z_j = 1) = 0.3 independently, x | z ~ N(A z + c, 0.5² I₂), and the guide
 * q(z) = Π_j Bernoulli(sigmoid(φ_j)). The exact ELBO Σ_z q(z)[log p(x, z) − log q(z)] is a sum
 * over the 8 configurations; its gradient (by autodiff of that sum) is the target.
 *
 * <p>Means of R seeded estimates are compared with the exact values at 5 standard errors per
 * component (3 components: false-failure probability ≈ 1.7e-6 per estimator under the CLT).
 */
class ScoreFunctionElboTest {

    private static final double[][] A = {{1.0, -1.0, 0.5}, {0.3, 0.8, -1.2}};
    private static final double[] C = {0.1, -0.2};
    private static final double[] X = {0.9, -0.6};
    private static final double[] PHI = {0.4, -0.8, 1.1};
    private static final int REPS = 20000;

    /** The toy model; z of shape [L, 3] (or [8, 3] for the enumeration). */
    static final class BernoulliLatentModel implements LikelihoodModel {
        private final Tensor aT;
        private final Distribution prior = Independent.of(Bernoulli.of(Tensor.full(0.3, 3)), 1);

        BernoulliLatentModel() {
            double[][] t = new double[3][2];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    t[j][i] = A[i][j];
                }
            }
            aT = Tensor.matrix(t);
        }

        @Override
        public Distribution prior() {
            return prior;
        }

        @Override
        public Tensor logLikelihood(Tensor x, Tensor z) {
            Tensor mean = z.matmul(aT).add(Tensor.vector(C));
            return Independent.of(Normal.of(mean, Tensor.full(0.5, mean.shape())), 1).logProb(x);
        }
    }

    private static Tensor allConfigurations() {
        double[][] z = new double[8][3];
        for (int c = 0; c < 8; c++) {
            for (int j = 0; j < 3; j++) {
                z[c][j] = (c >> j) & 1;
            }
        }
        return Tensor.matrix(z);
    }

    /** {ELBO, ∂ELBO/∂φ} by enumeration. */
    private static double[] exact() {
        Tensor phi = Tensor.vector(PHI).requiresGrad(true);
        Distribution q = Independent.of(Bernoulli.ofLogits(phi), 1);
        Tensor z = allConfigurations();
        Tensor logQ = q.logProb(z);
        Tensor elbo = logQ.exp().mul(new BernoulliLatentModel().logJoint(Tensor.vector(X), z).sub(logQ)).sum();
        elbo.backward();
        float[] g = phi.grad().data();
        return new double[] {elbo.item(), g[0], g[1], g[2]};
    }

    private static EstimatorSamples run(ScoreFunctionElbo estimator, long seed) {
        Tensor phi = Tensor.vector(PHI).requiresGrad(true);
        Guide guide = x -> Independent.of(Bernoulli.ofLogits(phi), 1);
        Model model = new BernoulliLatentModel();
        Tensor x = Tensor.vector(X);
        return EstimatorSamples.of(seed, REPS, rng -> {
            ElboResult r = estimator.estimate(model, guide, x, rng);
            double[] g = EstimatorSamples.elboGradient(r, phi);
            return new double[] {r.elbo(), g[0], g[1], g[2]};
        });
    }

    @Test
    void valueAndGradientMatchEnumeration() {
        double[] exact = exact();
        EstimatorSamples withBaseline = run(ScoreFunctionElbo.of(1), 601);
        EstimatorSamples plain = run(ScoreFunctionElbo.of(1).withoutBaseline(), 602);
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i], withBaseline.mean[i], 5 * withBaseline.stderr[i], "with baseline, component " + i);
            assertEquals(exact[i], plain.mean[i], 5 * plain.stderr[i], "without baseline, component " + i);
        }
        for (int i = 1; i < exact.length; i++) {
            assertTrue(withBaseline.variance[i] < 0.5 * plain.variance[i], "the baseline reduces the variance of"
                    + " component " + i + ": " + withBaseline.variance[i] + " vs " + plain.variance[i]);
        }
    }

    @Test
    void baselineIsAMovingAverageOfPastEstimates() {
        ScoreFunctionElbo e = ScoreFunctionElbo.of(1).withBaselineDecay(0.5);
        Guide guide = x -> Independent.of(Bernoulli.ofLogits(Tensor.vector(PHI)), 1);
        Model model = new BernoulliLatentModel();
        org.elbo4j.random.Rng rng = org.elbo4j.random.Rng.of(7);
        ElboResult first = e.estimate(model, guide, Tensor.vector(X), rng);
        assertEquals(0.0, first.part("baseline"));
        assertEquals(first.elbo(), e.baseline(), 1e-5);
        ElboResult second = e.estimate(model, guide, Tensor.vector(X), rng);
        assertEquals(first.elbo(), second.part("baseline"), 1e-5);
        assertEquals(0.5 * first.elbo() + 0.5 * second.elbo(), e.baseline(), 1e-5);
        assertEquals(-second.elbo(), second.loss().item(), 1e-4);
    }
}
