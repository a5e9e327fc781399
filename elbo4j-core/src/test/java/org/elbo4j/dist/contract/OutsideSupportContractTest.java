package org.elbo4j.dist.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elbo4j.dist.Distribution;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The out-of-support rule of {@link Distribution}, on every family of {@link ContractCases}: at
 * each listed value outside the support (which the support's own check confirms) logProb is −∞
 * and raises nothing; in a batch mixing such values with a draw, the draw's log-density is what
 * it is alone and the gradient with respect to the parameters is the draw's alone (the values
 * outside add 0, never NaN); an event holding a NaN gives NaN. Every contract case must list its
 * values, so a new family cannot skip the rule. Deterministic (fixed seeds).
 */
class OutsideSupportContractTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /** Values outside each case's support, one event each. */
    private static final Map<String, double[][]> OUTSIDE = Map.ofEntries(
            Map.entry("normal", new double[][] {{INF}, {-INF}}),
            Map.entry("lognormal", new double[][] {{-1.0}, {0.0}, {INF}}),
            Map.entry("transformed_exp_normal", new double[][] {{-1.0}, {0.0}, {INF}}),
            Map.entry("laplace", new double[][] {{INF}, {-INF}}),
            Map.entry("studentt", new double[][] {{INF}, {-INF}}),
            Map.entry("uniform", new double[][] {{-2.0}, {3.5}, {INF}}),
            Map.entry("exponential", new double[][] {{-0.5}, {INF}}),
            Map.entry("gamma", new double[][] {{-1.0}, {0.0}, {INF}}),
            Map.entry("gamma_small", new double[][] {{-1.0}, {0.0}}),
            Map.entry("beta", new double[][] {{-0.25}, {1.5}, {-INF}}),
            Map.entry("continuous_bernoulli", new double[][] {{-0.5}, {1.25}}),
            Map.entry("bernoulli", new double[][] {{0.5}, {2.0}, {-1.0}}),
            Map.entry("bernoulli_logits", new double[][] {{0.5}, {2.0}}),
            Map.entry("categorical", new double[][] {{-1.0}, {3.0}, {1.5}}),
            Map.entry("poisson", new double[][] {{-1.0}, {1.5}, {INF}}),
            Map.entry("one_hot_categorical", new double[][] {{1, 1, 0}, {0, 0, 0}, {0.5, 0.5, 0}}),
            Map.entry("dirichlet", new double[][] {{0.5, 0.5, 0.5}, {1.25, -0.25, 0.0}}),
            Map.entry("multivariate_normal", new double[][] {{INF, 0}, {0, -INF}, {INF, -INF}}),
            Map.entry("lowrank_multivariate_normal", new double[][] {{INF, 0, 0}, {0, -INF, INF}}),
            Map.entry("independent_normal", new double[][] {{INF, 0}, {0, -INF}}),
            Map.entry("cauchy", new double[][] {{INF}, {-INF}}),
            Map.entry("half_normal", new double[][] {{-1.0}, {-0.0625}, {INF}}),
            Map.entry("half_cauchy", new double[][] {{-0.5}, {INF}}));

    static Stream<ContractCase> cases() {
        return ContractCases.all().stream();
    }

    private static double[][] outside(ContractCase c) {
        double[][] values = OUTSIDE.get(c.name());
        assertTrue(values != null, "no out-of-support values listed for " + c.name());
        return values;
    }

    /** The events as one tensor [m ++ eventShape]. */
    private static Tensor stack(List<double[]> events, int[] eventShape) {
        int size = events.get(0).length;
        double[] all = new double[events.size() * size];
        for (int i = 0; i < events.size(); i++) {
            System.arraycopy(events.get(i), 0, all, i * size, size);
        }
        int[] shape = new int[eventShape.length + 1];
        shape[0] = events.size();
        System.arraycopy(eventShape, 0, shape, 1, eventShape.length);
        return Tensor.of(all, shape);
    }

    private static double[] draw(Distribution d) {
        try (GradMode ignored = GradMode.noGrad()) {
            return d.sample(Rng.of(31)).toDoubleArray();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logProbIsMinusInfinityOutsideTheSupport(ContractCase c) {
        Distribution d = c.distribution();
        assertArrayEquals(new int[0], d.batchShape(), "the contract cases are single distributions");
        for (double[] v : outside(c)) {
            Tensor x = stack(List.of(v), d.eventShape());
            // (Independent's support answers per base event: the event is outside when one of them is.)
            float[] inSupport = d.support().check(x).data();
            float least = 1f;
            for (float f : inSupport) {
                least = Math.min(least, f);
            }
            assertEquals(0f, least, c.name() + ": " + Arrays.toString(v) + " is in the support");
            assertEquals(Double.NEGATIVE_INFINITY, d.logProb(x).data()[0], c.name() + " at " + Arrays.toString(v));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesOutsideLeaveTheOthersAndTheirGradientsAlone(ContractCase c) {
        Distribution d0 = c.distribution();
        double[] inside = draw(d0);
        List<double[]> mixed = new ArrayList<>();
        mixed.add(inside);
        List<double[]> finiteOutside = new ArrayList<>();
        for (double[] v : outside(c)) {
            mixed.add(v);
            if (Arrays.stream(v).allMatch(Double::isFinite)) {
                finiteOutside.add(v);
            }
        }
        float[] lp = d0.logProb(stack(mixed, d0.eventShape())).data();
        double alone = d0.logProb(stack(List.of(inside), d0.eventShape())).data()[0];
        assertTrue(Double.isFinite(alone), c.name() + ": a draw has a finite log-density");
        assertEquals(alone, lp[0], 1e-6 * (1 + Math.abs(alone)), c.name() + ": the draw next to values outside");
        for (int i = 1; i < lp.length; i++) {
            assertEquals(Double.NEGATIVE_INFINITY, lp[i], c.name() + " at " + Arrays.toString(mixed.get(i)));
        }
        if (finiteOutside.isEmpty()) {
            return;
        }
        List<Tensor> alonePars = c.copies(true);
        c.build().apply(alonePars).logProb(stack(List.of(inside), d0.eventShape())).sum().backward();
        List<double[]> insideAndFinite = new ArrayList<>(finiteOutside);
        insideAndFinite.add(0, inside);
        List<Tensor> fullPars = c.copies(true);
        // backpropagate through every entry, the −∞ ones included: their gradient must be 0.
        c.build().apply(fullPars).logProb(stack(insideAndFinite, d0.eventShape())).sum().backward();
        for (int k = 0; k < alonePars.size(); k++) {
            float[] expected = gradient(alonePars.get(k));
            float[] found = gradient(fullPars.get(k));
            for (int j = 0; j < expected.length; j++) {
                assertTrue(Float.isFinite(found[j]), c.name() + " parameter " + k + "[" + j + "]: gradient " + found[j]);
                assertEquals(expected[j], found[j], 1e-5 * (1 + Math.abs(expected[j])),
                        c.name() + " parameter " + k + "[" + j + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anEventHoldingNaNGivesNaN(ContractCase c) {
        Distribution d = c.distribution();
        double[] v = draw(d);
        v[v.length - 1] = Double.NaN;
        assertTrue(Double.isNaN(d.logProb(stack(List.of(v), d.eventShape())).data()[0]), c.name());
    }

    private static float[] gradient(Tensor p) {
        return p.grad() == null ? new float[p.size()] : p.grad().toFloatArray();
    }
}
