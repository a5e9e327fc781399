package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Normal;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * L_K on the linear-Gaussian model: ELBO = L_1 ≤ L_10 ≤ L_100 ≤ L_1000 ≤ log p(x).
 *
 * <p>Each L_K is the mean of R seeded estimates; comparisons with closed forms are at 5 standard
 * errors (false-failure probability ≈ 6e-7 each under the CLT). The increments L_{10K} − L_K are
 * estimated as means of paired differences: L_{10K} from one stream, L_K as the average of 10
 * independent L_K estimates from the same stream (two copies of {@code rng.child(0)}; the observation replicated as a minibatch of
 * 10, so the same draws are regrouped when the sampler fills its output in order). Each increment
 * must be positive by more than 5 standard errors of the paired mean (one-sided false-failure
 * probability ≈ 3e-7 each).
 */
class IwaeBoundTest {

    private static final double[] X = LinearGaussian.X;
    private static final double[] M;
    private static final double[] S;

    static {
        double[] mu = LinearGaussian.posteriorMean(X);
        double[][] cov = LinearGaussian.posteriorCovariance();
        M = new double[] {mu[0] + 0.3, mu[1] - 0.2};
        S = new double[] {1.5 * Math.sqrt(cov[0][0]), 1.5 * Math.sqrt(cov[1][1])};
    }

    /** The same q = N(M, diag S²) for every row of a minibatch (or for a single x). */
    private static Guide offGuide() {
        return x -> {
            Tensor loc = Tensor.vector(M);
            Tensor scale = Tensor.vector(S);
            if (x.rank() == 2) {
                loc = loc.unsqueeze(0).expand(x.dim(0), 2);
                scale = scale.unsqueeze(0).expand(x.dim(0), 2);
            }
            return Independent.of(Normal.of(loc, scale), 1);
        };
    }

    private static double estimate(int k, int copies, org.elbo4j.random.Rng rng) {
        Tensor x = Tensor.vector(X);
        if (copies > 1) {
            x = x.unsqueeze(0).expand(copies, X.length);
        }
        return IwaeBound.of(k).estimate(LinearGaussian.diagonalPrior(), offGuide(), x, rng).elbo() / copies;
    }

    @Test
    void boundIncreasesWithKTowardTheEvidence() {
        double logEvidence = LinearGaussian.logEvidence(X);
        double elbo = LinearGaussian.exactElbo(X, M, S);
        EstimatorSamples l1 = EstimatorSamples.of(500, 4000, rng -> new double[] {estimate(1, 1, rng)});
        assertEquals(elbo, l1.mean[0], 5 * l1.stderr[0], "L_1 is the ELBO");
        int[] ks = {1, 10, 100};
        int[] reps = {1000, 300, 100};
        for (int i = 0; i < ks.length; i++) {
            int k = ks[i];
            EstimatorSamples d = EstimatorSamples.of(510 + i, reps[i],
                    rng -> new double[] {estimate(10 * k, 1, rng.child(0)) - estimate(k, 10, rng.child(0))});
            assertTrue(d.mean[0] > 5 * d.stderr[0], "L_" + 10 * k + " − L_" + k + " = " + d.mean[0]
                    + " must exceed 5 SE " + d.stderr[0]);
        }
        EstimatorSamples l1000 = EstimatorSamples.of(520, 1000, rng -> new double[] {estimate(1000, 1, rng)});
        assertTrue(l1000.mean[0] <= logEvidence + 5 * l1000.stderr[0], "L_1000 ≤ log p(x)");
        double remaining = logEvidence - l1000.mean[0];
        assertTrue(remaining < 0.01 * (logEvidence - elbo), "L_1000 closes 99% of the gap, left " + remaining);
    }

    @Test
    void reparameterizedEstimatorsRejectDiscreteGuides() {
        Model model = LinearGaussian.diagonalPrior();
        Guide bernoulli = x -> Independent.of(org.elbo4j.dist.Bernoulli.of(Tensor.full(0.5, 2)), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IwaeBound.of(3).estimate(model, bernoulli, Tensor.vector(X), org.elbo4j.random.Rng.of(1)));
        assertTrue(e.getMessage().contains("Reparameterizable") && e.getMessage().contains("ScoreFunctionElbo"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IwaeBound.of(0));
        assertThrows(IllegalArgumentException.class, () -> MonteCarloElbo.of(0));
        assertThrows(IllegalArgumentException.class, () -> EntropyElbo.of(1).withDataSize(0));
        Model jointOnly = new Model() {
            @Override
            public org.elbo4j.dist.Distribution prior() {
                return model.prior();
            }

            @Override
            public Tensor logJoint(Tensor x, Tensor z) {
                return model.logJoint(x, z);
            }
        };
        IllegalArgumentException noLikelihood = assertThrows(IllegalArgumentException.class,
                () -> AnalyticKlElbo.of(1).estimate(jointOnly, offGuide(), Tensor.vector(X), org.elbo4j.random.Rng.of(1)));
        assertTrue(noLikelihood.getMessage().contains("LikelihoodModel"), noLikelihood.getMessage());
    }
}
