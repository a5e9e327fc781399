package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.kl.Kl;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The three ELBO forms on the linear-Gaussian model with known evidence and posterior.
 *
 * <p>Statistical checks compare a mean of R seeded single-particle estimates with a closed form
 * at 5 standard errors: under the CLT a false failure has probability ≈ 6e-7 per comparison
 * (the seeds are fixed, so a run is deterministic; the rate is that of a fresh seed).
 */
class ElboEstimatorsTest {

    private static final double[] X = LinearGaussian.X;
    private static final double LOG_EVIDENCE = LinearGaussian.logEvidence(X);
    private static final double FLOAT_TOL = 5e-4;
    private static final int REPS = 4000;

    private static final double[][][] GUIDES = {
        {{0.0, 0.0}, {1.0, 1.0}},
        {{0.5, -0.3}, {0.4, 0.7}},
        {{-1.0, 2.0}, {0.1, 2.5}},
    };

    private static Guide diagonal(double[] m, double[] s) {
        return x -> Independent.of(Normal.of(Tensor.vector(m), Tensor.vector(s)), 1);
    }

    private static MultivariateNormal posterior() {
        return MultivariateNormal.ofCovariance(LinearGaussian.posteriorMean(X), LinearGaussian.posteriorCovariance());
    }

    private static double diagonalKlToPosterior(double[] m, double[] s) {
        double[][] cov = {{s[0] * s[0], 0}, {0, s[1] * s[1]}};
        return Kl.divergence(MultivariateNormal.ofCovariance(m, cov), posterior()).item();
    }

    private static EstimatorSamples values(ElboEstimator e, Model model, Guide guide, long seed) {
        Tensor x = Tensor.vector(X);
        return EstimatorSamples.of(seed, REPS, rng -> new double[] {e.estimate(model, guide, x, rng).elbo()});
    }

    @Test
    void exactElboIsBelowTheEvidenceByTheKlToThePosterior() {
        for (double[][] g : GUIDES) {
            double elbo = LinearGaussian.exactElbo(X, g[0], g[1]);
            assertTrue(elbo < LOG_EVIDENCE, "ELBO " + elbo + " must be below log p(x) " + LOG_EVIDENCE);
            double kl = diagonalKlToPosterior(g[0], g[1]);
            assertEquals(LOG_EVIDENCE - elbo, kl, 1e-4 * (1 + kl), "gap log p(x) − ELBO = KL(q || posterior)");
        }
    }

    @Test
    void everyFormEstimatesTheExactElboOfSeveralGuides() {
        Model model = LinearGaussian.diagonalPrior();
        List<ElboEstimator> forms = List.of(MonteCarloElbo.of(1), EntropyElbo.of(1), AnalyticKlElbo.of(1));
        long seed = 11;
        for (double[][] g : GUIDES) {
            double exact = LinearGaussian.exactElbo(X, g[0], g[1]);
            for (ElboEstimator form : forms) {
                EstimatorSamples s = values(form, model, diagonal(g[0], g[1]), seed++);
                assertEquals(exact, s.mean[0], 5 * s.stderr[0], form.getClass().getSimpleName());
                assertTrue(s.mean[0] < LOG_EVIDENCE + 5 * s.stderr[0], "estimate below log p(x)");
            }
        }
    }

    @Test
    void jointMinusGuideAtThePosteriorIsTheEvidenceWithZeroVariance() {
        Model model = LinearGaussian.mvnPrior();
        Guide guide = x -> posterior();
        Tensor x = Tensor.vector(X);
        Rng root = Rng.of(21);
        for (int r = 0; r < 50; r++) {
            ElboResult one = MonteCarloElbo.of(1).estimate(model, guide, x, root.child(r));
            assertEquals(LOG_EVIDENCE, one.elbo(), FLOAT_TOL, "single particle " + r);
        }
        ElboResult many = MonteCarloElbo.of(256).estimate(model, guide, x, root.child(1000));
        assertEquals(LOG_EVIDENCE, many.elbo(), FLOAT_TOL);
        assertEquals(many.elbo(), many.part("logJoint") - many.part("logGuide"), FLOAT_TOL);
    }

    @Test
    void theThreeFormsAgreeAtThePosterior() {
        Model model = LinearGaussian.mvnPrior();
        Guide guide = x -> posterior();
        EstimatorSamples entropy = values(EntropyElbo.of(1), model, guide, 31);
        EstimatorSamples analytic = values(AnalyticKlElbo.of(1), model, guide, 32);
        assertEquals(LOG_EVIDENCE, entropy.mean[0], 5 * entropy.stderr[0]);
        assertEquals(LOG_EVIDENCE, analytic.mean[0], 5 * analytic.stderr[0]);
        ElboResult e = EntropyElbo.of(1).estimate(model, guide, Tensor.vector(X), Rng.of(33));
        assertEquals(posterior().entropy().item(), e.part("entropy"), 1e-6);
        ElboResult a = AnalyticKlElbo.of(1).estimate(model, guide, Tensor.vector(X), Rng.of(33));
        assertEquals(a.elbo(), a.part("reconstruction") - a.part("kl"), FLOAT_TOL);
    }

    @Test
    void minibatchTermsAreScaledByDataSizeOverBatchSize() {
        double[][] xs = {X, {0.0, 1.0, -0.5}, {-1.0, 0.3, 0.8}};
        double[][] means = new double[xs.length][];
        double sum = 0;
        for (int i = 0; i < xs.length; i++) {
            means[i] = LinearGaussian.posteriorMean(xs[i]);
            sum += LinearGaussian.logEvidence(xs[i]);
        }
        double[][] cov = LinearGaussian.posteriorCovariance();
        Tensor scaleTril = Tensor.matrix(LinearGaussian.cholesky(cov)).unsqueeze(0).expand(3, 2, 2);
        Guide guide = x -> MultivariateNormal.ofScaleTril(Tensor.matrix(means), scaleTril);
        Tensor batch = Tensor.matrix(xs);
        Model model = LinearGaussian.mvnPrior();
        ElboResult unscaled = MonteCarloElbo.of(4).estimate(model, guide, batch, Rng.of(41));
        assertEquals(sum, unscaled.elbo(), 3 * FLOAT_TOL);
        ElboResult scaled = MonteCarloElbo.of(4).withDataSize(300).estimate(model, guide, batch, Rng.of(41));
        assertEquals(100 * sum, scaled.elbo(), 300 * FLOAT_TOL);
        assertEquals(-scaled.elbo(), scaled.loss().item(), 1e-3);
        ElboResult iwae = IwaeBound.of(8).withDataSize(300).estimate(model, guide, batch, Rng.of(42));
        assertEquals(100 * sum, iwae.elbo(), 300 * FLOAT_TOL);
    }
}
