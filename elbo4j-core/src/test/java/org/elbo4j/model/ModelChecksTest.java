package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Poisson;
import org.elbo4j.dist.Uniform;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** One test per bad model: each gives an IllegalArgumentException naming the site and the shapes, or −∞. */
class ModelChecksTest {

    private static final Tensor DATA = Tensor.vector(0.5, -1.0, 2.0, 0.1);

    private static IllegalArgumentException fails(ModelFunction f) {
        return assertThrows(IllegalArgumentException.class, () -> FunctionModel.of(f));
    }

    @Test
    void anObserveWhoseDataShapeBroadcastsIntoAnExtraDimensionIsRejected() {
        Tensor column = DATA.reshape(4, 1);
        IllegalArgumentException e = fails(m -> {
            Tensor mu = m.sample("mu", Normal.of(0, 1));
            try (Plate p = m.plate("data", 4)) {
                m.observe("x", Normal.of(mu.expand(4), Tensor.scalar(1)), column);
            }
        });
        assertTrue(e.getMessage().contains("observe 'x'"), e.getMessage());
        assertTrue(e.getMessage().contains("[4, 4]") && e.getMessage().contains("expected [4]")
                && e.getMessage().contains("data shape [4, 1]"), e.getMessage());
    }

    @Test
    void anObserveOfVectorDataOutsideAnyPlateIsRejected() {
        IllegalArgumentException e = fails(m -> {
            Tensor mu = m.sample("mu", Normal.of(0, 1));
            m.observe("x", Normal.of(mu, Tensor.scalar(1)), DATA);
        });
        assertTrue(e.getMessage().contains("observe 'x'") && e.getMessage().contains("expected []"), e.getMessage());
    }

    @Test
    void aSiteNamedTwiceIsRejected() {
        IllegalArgumentException e = fails(m -> {
            m.sample("mu", Normal.of(0, 1));
            m.sample("mu", Normal.of(0, 2));
        });
        assertTrue(e.getMessage().contains("site 'mu' is declared twice"), e.getMessage());
    }

    @Test
    void aPlateOpenedWithTwoSizesIsRejected() {
        IllegalArgumentException e = fails(m -> {
            Tensor mu = m.sample("mu", Normal.of(0, 1));
            try (Plate p = m.plate("data", 4)) {
                m.observe("x", Normal.of(mu, Tensor.scalar(1)), DATA);
            }
            try (Plate p = m.plate("data", 3)) {
                m.observe("z", Normal.of(mu, Tensor.scalar(1)), DATA.slice(0, 0, 3));
            }
        });
        assertTrue(e.getMessage().contains("plate 'data' has size 3") && e.getMessage().contains("size 4 (subsample 4) before"),
                e.getMessage());
    }

    @Test
    void dataWithTheWrongNumberOfRowsForItsPlateIsRejected() {
        IllegalArgumentException e = fails(m -> {
            Tensor mu = m.sample("mu", Normal.of(0, 1));
            try (Plate p = m.plate("data", 5)) {
                m.observe("x", Normal.of(mu, Tensor.scalar(1)), p.subsample(DATA));
            }
        });
        assertTrue(e.getMessage().contains("Plate 'data'") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void aPriorWithBatchDimensionsNoPlateDeclaresIsRejected() {
        IllegalArgumentException e = fails(m -> m.sample("beta", Normal.of(Tensor.zeros(3), Tensor.ones(3))));
        assertTrue(e.getMessage().contains("sample 'beta'") && e.getMessage().contains("[3]")
                && e.getMessage().contains("Independent"), e.getMessage());
    }

    @Test
    void aDiscretePriorIsRejected() {
        IllegalArgumentException e = fails(m -> m.sample("k", Poisson.of(3.0)));
        assertTrue(e.getMessage().contains("sample 'k'") && e.getMessage().contains("discrete"), e.getMessage());
    }

    @Test
    void aLatentVariableInsideASubsampledPlateIsRejected() {
        IllegalArgumentException e = fails(m -> {
            try (Plate p = m.plate("data", 4, 2)) {
                m.sample("z", Normal.of(0, 1));
            }
        });
        assertTrue(e.getMessage().contains("sample 'z'") && e.getMessage().contains("subsampled plate 'data'"),
                e.getMessage());
    }

    @Test
    void aPlateLeftOpenIsRejected() {
        IllegalArgumentException e = fails(m -> {
            m.sample("mu", Normal.of(0, 1));
            m.plate("data", 4);
        });
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    /** Normal-Normal with a positive scale: the scale's values decide the support check. */
    private static FunctionModel scaleModel() {
        return FunctionModel.of(m -> {
            Tensor mu = m.sample("mu", Normal.of(0, 1));
            Tensor sigma = m.sample("sigma", Exponential.of(1));
            try (Plate p = m.plate("data", 4)) {
                m.observe("x", Normal.of(mu, sigma), DATA);
            }
        });
    }

    private static ParameterValues values(double[] mu, double[] sigma) {
        Map<String, Tensor> v = new LinkedHashMap<>();
        v.put("mu", Tensor.of(mu, mu.length));
        v.put("sigma", Tensor.of(sigma, sigma.length));
        return ParameterValues.of(v);
    }

    @Test
    void aValueOutsideItsPriorsSupportGivesMinusInfinityForItsParticleOnly() {
        FunctionModel model = scaleModel();
        Tensor both = model.logJoint(values(new double[] {0.2, 0.2}, new double[] {-1.0, 0.8}), Minibatch.full(1));
        Tensor alone = model.logJoint(values(new double[] {0.2}, new double[] {0.8}), Minibatch.full(1));
        assertEquals(Double.NEGATIVE_INFINITY, both.get(0));
        assertTrue(Double.isFinite(alone.item()));
        assertEquals(alone.item(), both.get(1), 1e-6 * Math.abs(alone.item()));
        // the exact value: log N(0.2; 0, 1) + log Exp(0.8; 1) + Σ log N(x; 0.2, 0.8)
        double exact = -0.5 * 0.04 - 0.5 * Math.log(2 * Math.PI) - 0.8;
        for (double x : DATA.toDoubleArray()) {
            double z = (x - 0.2) / 0.8;
            exact += -0.5 * z * z - Math.log(0.8) - 0.5 * Math.log(2 * Math.PI);
        }
        assertEquals(exact, alone.item(), 1e-5 * Math.abs(exact));
    }

    @Test
    void aFloatOverflowGivesMinusInfinityForItsParticleAndKeepsTheOthersGradients() {
        PoissonRegressionCase c = new PoissonRegressionCase(40, 9);
        FunctionModel model = FunctionModel.of(c.function(40));
        double[] alpha = new double[PoissonRegressionCase.G];
        double[] alpha2 = new double[2 * PoissonRegressionCase.G];
        java.util.Arrays.fill(alpha, 0.8);
        java.util.Arrays.fill(alpha2, 0.8);
        Map<String, Tensor> two = new LinkedHashMap<>();
        two.put("mu", Tensor.vector(1.0, 1.0));
        two.put("sigma", Tensor.vector(0.5, 0.5));
        two.put("beta", Tensor.vector(500.0, 0.6).requiresGrad(true));   // exp(500 x) overflows float32
        two.put("alpha", Tensor.of(alpha2, 2, PoissonRegressionCase.G));
        Tensor both = model.logJoint(ParameterValues.of(two), Minibatch.full(40));
        both.sum().backward();
        Map<String, Tensor> one = new LinkedHashMap<>();
        one.put("mu", Tensor.vector(1.0));
        one.put("sigma", Tensor.vector(0.5));
        one.put("beta", Tensor.vector(0.6).requiresGrad(true));
        one.put("alpha", Tensor.of(alpha, 1, PoissonRegressionCase.G));
        Tensor alone = model.logJoint(ParameterValues.of(one), Minibatch.full(40));
        alone.sum().backward();
        assertEquals(Double.NEGATIVE_INFINITY, both.get(0));
        assertEquals(alone.item(), both.get(1), 1e-6 * Math.abs(alone.item()));
        assertEquals(0.0, two.get("beta").grad().get(0));
        assertEquals(one.get("beta").grad().item(), two.get("beta").grad().get(1), 1e-6);
        assertTrue(Math.abs(one.get("beta").grad().item()) > 0);
    }

    @Test
    void aModelThatDoesNotBroadcastOverParticlesIsNamedAsSuch() {
        FunctionModel model = FunctionModel.of(m -> {
            Tensor mu = m.sample("mu", Normal.of(0, 1));
            try (Plate p = m.plate("data", 4)) {
                m.observe("x", Normal.of(mu.reshape(1), Tensor.scalar(1)), DATA);
            }
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.logJoint(
                ParameterValues.of(Map.of("mu", Tensor.vector(0.1, 0.2))), Minibatch.full(1)));
        assertTrue(e.getMessage().contains("particle dimension"), e.getMessage());
    }

    @Test
    void aPriorDrawThatOverflowsWhileTracingIsRedrawn() {
        Tensor x = Tensor.vector(-3.0, -1.0, 0.5, 3.0);
        Tensor counts = Tensor.vector(0, 1, 2, 5);
        // beta > 29.6 overflows exp(3 beta) in float32: most draws of N(40, 10) do, the trace is redrawn
        int[] runs = {0};
        FunctionModel model = FunctionModel.of(m -> {
            runs[0]++;
            Tensor beta = m.sample("beta", Normal.of(40, 10));
            try (Plate p = m.plate("data", 4)) {
                m.observe("y", Poisson.of(beta.mul(x).exp()), counts);
            }
        });
        assertEquals("beta", model.parameters().get(0).name());
        assertTrue(runs[0] > 1, "the first draw overflowed and was redrawn");
        Map<String, Tensor> v = new LinkedHashMap<>();
        v.put("beta", Tensor.vector(0.5, 50.0));
        Tensor lp = model.logJoint(ParameterValues.of(v), Minibatch.full(1));
        assertTrue(Double.isFinite(lp.get(0)));
        assertEquals(Double.NEGATIVE_INFINITY, lp.get(1));
    }

    @Test
    void dataOutsideTheObservedDistributionsSupportIsReportedWithTheSiteAndTheFamily() {
        Tensor counts = Tensor.vector(0, 1.5, 2, 5);
        IllegalArgumentException e = fails(m -> {
            Tensor rate = m.sample("rate", Exponential.of(1));
            try (Plate p = m.plate("data", 4)) {
                m.observe("y", Poisson.of(rate), counts);
            }
        });
        assertTrue(e.getMessage().contains("observe 'y': data event 1 is outside the support of Poisson"), e.getMessage());
    }

    @Test
    void aSupportThatDependsOnAnotherParameterIsRejectedAndAFixedIntervalIsNot() {
        FunctionModel dependent = FunctionModel.of(m -> {
            Tensor hi = m.sample("hi", Exponential.of(1));
            m.sample("x", Uniform.of(Tensor.scalar(0), hi));
        });
        Map<String, Tensor> v = new LinkedHashMap<>();
        v.put("hi", Tensor.vector(2.0));
        v.put("x", Tensor.vector(0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dependent.logJoint(ParameterValues.of(v), Minibatch.full(1)));
        assertTrue(e.getMessage().contains("sample 'x'") && e.getMessage().contains("depends on other parameters"),
                e.getMessage());

        FunctionModel fixed = FunctionModel.of(m -> m.sample("x", Uniform.of(Tensor.scalar(-1), Tensor.scalar(3))));
        Tensor lp = fixed.logJoint(ParameterValues.of(Map.of("x", Tensor.vector(0.5, 3.5))), Minibatch.full(1));
        assertEquals(-Math.log(4), lp.get(0), 1e-6);
        assertEquals(Double.NEGATIVE_INFINITY, lp.get(1));
    }
}
