package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * k̂ on a heavy-tailed posterior: θ ∈ ℝ² with independent Cauchy (Student-t, ν = 1) margins. A
 * Gaussian guide has lighter tails than the target, so the importance weights p/q are unbounded
 * and their tail shape is ≥ 1; k̂ must exceed 0.7 (the "do not trust" threshold of Vehtari et
 * al.). The control is the same model with a Gaussian target, where the fitted guide is nearly
 * exact and k̂ must stay below 0.5. Observed (seeds 1–3): Cauchy 1.29–1.43, Gaussian
 * 0.06–0.18. False-failure rate &lt; 1e−3.
 */
class HeavyTailKhatTest {

    /** A target over θ [2] with log density Σ log t_ν(θ_i) (ν = ∞: standard normal), flat prior. */
    static BayesModel studentT(double nu) {
        return new BayesModel() {
            @Override
            public List<Parameter> parameters() {
                return List.of(Parameter.real("theta", 2));
            }

            @Override
            public int observationCount() {
                return 1;
            }

            @Override
            public Tensor logPrior(ParameterValues t) {
                return t.get("theta").mul(0.0).sum(1, false);
            }

            @Override
            public Tensor logLikelihood(ParameterValues t, Minibatch b) {
                Tensor theta = t.get("theta");
                Tensor perCoordinate = Double.isInfinite(nu) ? theta.square().mul(-0.5)
                        : theta.square().mul(1 / nu).log1p().mul(-(nu + 1) / 2);
                return perCoordinate.sum(1, false);
            }
        };
    }

    static FitConfig config() {
        return FitConfig.defaults().withParticles(16).withLearningRate(0.02).withAverageIterates(true)
                .withEvidenceSamples(4000).withPosteriorDraws(200).withSeed(1);
    }

    @Test
    void aGaussianGuideOnACauchyPosteriorIsFlagged() {
        FitResult r = BayesFit.fit(studentT(1), config());
        assertTrue(r.verdict().isUsable(), r.reason());
        double k = r.evidence().orElseThrow().khat();
        assertTrue(k > 0.7, "khat " + k);
    }

    @Test
    void theSameGuideOnAGaussianTargetIsNot() {
        FitResult r = BayesFit.fit(studentT(Double.POSITIVE_INFINITY), config());
        assertTrue(r.verdict().isUsable(), r.reason());
        double k = r.evidence().orElseThrow().khat();
        assertTrue(k < 0.5, "khat " + k);
    }
}
