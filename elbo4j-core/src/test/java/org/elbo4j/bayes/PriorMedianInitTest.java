package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.bayes.models.EightSchools;
import org.elbo4j.bayes.models.LinearRegression;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link InitStrategy#priorMedian()}: the median of 101 prior draws in unconstrained space. For
 * eight schools the prior medians are known: μ: 0 (N(0, 5²)), log τ: log 5 (half-Cauchy(0, 5) has
 * median 5), θ̃_j: 0. The sample median of n = 101 draws has sd ≈ 1/(2 f(m) √n), f the density at
 * the median: 0.62 for μ, 0.156 for log τ (f = 1/π in log τ), 0.125 for θ̃; the test allows 5 sd
 * per coordinate (false-failure rate below 1e−5 over the ten coordinates). For the regression
 * with a half-normal noise prior (scale 2) the median of σ is 2 · 0.6745.
 */
class PriorMedianInitTest {

    @Test
    void eightSchoolsStartsAtThePriorMedian() {
        EightSchools model = EightSchools.classic();
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        double[] u = BayesFit.initialPoint(model, layout, InitStrategy.priorMedian(), Rng.of(3));
        assertEquals(0, u[0], 5 * 0.62, "mu");
        assertEquals(Math.log(5), u[1], 5 * 0.156, "log tau");
        for (int j = 2; j < u.length; j++) {
            assertEquals(0, u[j], 5 * 0.125, "thetaTilde " + (j - 2));
        }
    }

    @Test
    void theNoiseScaleStartsAtItsHalfNormalMedian() {
        double[][] x = new double[20][2];
        double[] y = new double[20];
        Rng rng = Rng.of(4);
        for (int i = 0; i < x.length; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            y[i] = x[i][0] + rng.nextGaussian();
        }
        LinearRegression model = LinearRegression.of(x, y, 1, LinearRegression.NoisePrior.HALF_NORMAL, 2, false);
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        double[] u = BayesFit.initialPoint(model, layout, InitStrategy.priorMedian(), Rng.of(5));
        double sigma = Math.exp(u[2]);
        // half-normal(2): median 1.349, density there 2 phi(0.6745)/2 = 0.318; sd of the median 1/(2 * 0.318 * sqrt(101)) = 0.156
        assertEquals(2 * 0.6745, sigma, 5 * 0.156, "sigma");
        FitResult r = BayesFit.fit(model, FitConfig.defaults().withInit(InitStrategy.priorMedian()).withSeed(1));
        assertTrue(r.verdict().isUsable(), r.reason());
    }

    @Test
    void aModelWithoutPriorDrawsIsRejectedByName() {
        BayesModel noDraws = new BayesModel() {
            @Override
            public List<Parameter> parameters() {
                return List.of(Parameter.real("x"));
            }

            @Override
            public int observationCount() {
                return 1;
            }

            @Override
            public Tensor logPrior(ParameterValues theta) {
                return theta.get("x").square().mul(Tensor.scalar(-0.5));
            }

            @Override
            public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
                return Tensor.zeros(theta.count());
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BayesFit.fit(noDraws, FitConfig.defaults().withInit(InitStrategy.priorMedian())));
        assertTrue(e.getMessage().contains("samplePrior"), e.getMessage());
    }
}
