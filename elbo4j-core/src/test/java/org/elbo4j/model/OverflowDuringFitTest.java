package org.elbo4j.model;

import org.elbo4j.infer.Verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.InitStrategy;

import org.junit.jupiter.api.Test;

/**
 * A fit that starts where {@code exp(eta)} overflows: the overflow is a −∞ log density for the
 * particles concerned, handled by the fit's non-finite policy, never an IllegalArgumentException
 * thrown out of {@code Poisson.of} mid-fit. On the float32 tensor path ({@code BayesFit.fit} of the
 * model itself) beta = 200 on standard normal covariates overflows (exp(200·x) = +∞ for x &gt; 0.44);
 * on the double-precision path of {@link FunctionModel#fit} it does not (exp(200·x) is finite for
 * x &lt; 3.5), so that test starts at beta = 1000 (+∞ for x &gt; 0.71 in double).
 */
class OverflowDuringFitTest {

    @Test
    void anOverflowingStartEndsInAVerdictNotAnException() {
        PoissonRegressionCase c = new PoissonRegressionCase(300, 12);
        FunctionModel model = FunctionModel.of(c.function(300));
        FitConfig config = FitConfig.defaults().withInit(InitStrategy.given(Map.of("beta", new double[] {200})))
                .withMaxSteps(2000).withSeed(4);
        FitResult r = BayesFit.fit(model, config);
        assertEquals(Verdict.NON_FINITE, r.verdict(), r.reason());
        assertTrue(r.reason().contains("-Infinity at step"), r.reason());
    }

    @Test
    void anOverflowInDoubleEndsInAVerdictToo() {
        PoissonRegressionCase c = new PoissonRegressionCase(300, 12);
        FunctionModel model = FunctionModel.of(c.function(300));
        assertTrue(model.doublePrecision().isPresent());
        FitConfig config = FitConfig.defaults().withInit(InitStrategy.given(Map.of("beta", new double[] {1000})))
                .withMaxSteps(2000).withSeed(4);
        FitResult r = model.fit(config);
        assertEquals(Verdict.NON_FINITE, r.verdict(), r.reason());
        assertTrue(r.reason().contains("-Infinity at step"), r.reason());
    }
}
