package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Beta;
import org.elbo4j.dist.Cauchy;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.HalfCauchy;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Laplace;
import org.elbo4j.dist.LogNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Poisson;
import org.elbo4j.dist.StudentT;
import org.elbo4j.dist.Uniform;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Each family's log-density on the tape: the value against scipy (reference values printed by
 * {@code tools/tape_density_references.py}, scipy 1.10.1) to 1e−13 relative, and the gradient
 * and Hessian with respect to every parameter and x together against central differences
 * ({@link TapeCheck}: 1e−7 and 1e−6 relative). The parameters enter as exact doubles (the test maps
 * each parameter tensor to a slice of the leaf), so the float32 rounding of the distribution's own
 * tensors plays no part.
 */
class TapeDensitiesTest {

    /** Output of tools/tape_density_references.py: family, parameters, x, log-density. */
    static final Object[][] CASES = {
            {"Normal", new double[] {0.3, 1.7}, 1.1, -1.5602934278654588},
            {"LogNormal", new double[] {0.2, 0.8}, 1.9, -1.4901760998797695},
            {"HalfNormal", new double[] {1.3}, 0.7, -0.6331260313134018},
            {"Cauchy", new double[] {-0.4, 2.1}, 1.5, -2.484730962998446},
            {"HalfCauchy", new double[] {0.9}, 2.2, -2.2885987661056304},
            {"StudentT", new double[] {3.5, 0.1, 1.4}, -0.8, -1.5770664685737992},
            {"Laplace", new double[] {0.5, 0.6}, -0.2, -1.3489882234606214},
            {"Exponential", new double[] {1.8}, 0.4, -0.13221333509788102},
            {"Gamma", new double[] {2.5, 1.5}, 1.2, -0.7975377650115762},
            {"Beta", new double[] {2.2, 3.1}, 0.35, 0.5908828458096176},
            {"Uniform", new double[] {-1.0, 2.5}, 0.4, -1.252762968495368},
            {"Poisson", new double[] {3.7}, 5.0, -1.9458276445311515},
            {"BernoulliLogits", new double[] {0.8}, 1.0, -0.37110066594777763},
            {"BernoulliProbs", new double[] {0.3}, 0.0, -0.35667494393873245},
    };

    static Distribution family(String name, Tensor[] p) {
        return switch (name) {
            case "Normal" -> Normal.of(p[0], p[1]);
            case "LogNormal" -> LogNormal.of(p[0], p[1]);
            case "HalfNormal" -> HalfNormal.of(p[0]);
            case "Cauchy" -> Cauchy.of(p[0], p[1]);
            case "HalfCauchy" -> HalfCauchy.of(p[0]);
            case "StudentT" -> StudentT.of(p[0], p[1], p[2]);
            case "Laplace" -> Laplace.of(p[0], p[1]);
            case "Exponential" -> Exponential.of(p[0]);
            case "Gamma" -> Gamma.of(p[0], p[1]);
            case "Beta" -> Beta.of(p[0], p[1]);
            case "Uniform" -> Uniform.of(p[0], p[1]);
            case "Poisson" -> Poisson.of(p[0]);
            case "BernoulliLogits" -> Bernoulli.ofLogits(p[0]);
            case "BernoulliProbs" -> Bernoulli.of(p[0]);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** log d(x) as a function of the leaf (parameters..., x). */
    static Function<Var, Var> logDensity(String name, double[] params) {
        Tensor[] p = new Tensor[params.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Tensor.scalar(params[i]);
        }
        Distribution d = family(name, p);
        return leaf -> {
            Map<Tensor, Var> map = new IdentityHashMap<>();
            for (int i = 0; i < p.length; i++) {
                map.put(p[i], Ops.reshape(Ops.slice(leaf, 0, i, i + 1)));
            }
            Var x = Ops.reshape(Ops.slice(leaf, 0, p.length, p.length + 1));
            return TapeDensities.logProb(d, x, map::get);
        };
    }

    @Test
    void everyFamilyAgainstScipyAndFiniteDifferences() {
        for (Object[] c : CASES) {
            String name = (String) c[0];
            double[] params = (double[]) c[1];
            double x = (double) c[2];
            double expected = (double) c[3];
            double[] leaf = java.util.Arrays.copyOf(params, params.length + 1);
            leaf[params.length] = x;
            Function<Var, Var> f = logDensity(name, params);
            double value = f.apply(Tape.create().leaf(leaf, leaf.length)).value()[0];
            assertEquals(expected, value, 1e-13 * Math.abs(expected), name + " value");
            TapeCheck.check(name, f, leaf, new int[] {leaf.length}, 1e-7, 1e-6);
        }
    }

    @Test
    void independentSumsTheReinterpretedDimensions() {
        Tensor loc = Tensor.vector(0.1, -0.4, 0.7);
        Tensor scale = Tensor.vector(1.2, 0.5, 2.0);
        Distribution d = Independent.of(Normal.of(loc, scale), 1);
        double[] x = {0.3, 0.2, -1.0};
        Var v = TapeDensities.logProb(d, Tape.constant(x, 3), t -> Tape.constant(t.toDoubleArray(), t.shape()));
        double e = 0;
        for (int i = 0; i < 3; i++) {
            e += Normal.logDensity(x[i], loc.get(i), scale.get(i));
        }
        assertEquals(0, v.shape().length);
        assertEquals(e, v.value()[0], 1e-14);
    }

    @Test
    void uniformIsMinusInfinityOutsideItsBounds() {
        Distribution d = Uniform.of(0, 2);
        Var v = TapeDensities.logProb(d, Tape.constant(new double[] {-0.1, 1, 2.1}, 3),
                t -> Tape.constant(t.toDoubleArray(), t.shape()));
        assertEquals(Double.NEGATIVE_INFINITY, v.value()[0]);
        assertEquals(-Math.log(2), v.value()[1], 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, v.value()[2]);
    }

    @Test
    void aFamilyWithoutATapeDensityIsNamed() {
        Distribution d = new UserFamily();
        NotOnTape e = assertThrows(NotOnTape.class, () -> TapeDensities.logProb(d,
                Tape.constant(new double[] {0.2, 0.1}, 2), t -> Tape.constant(t.toDoubleArray(), t.shape())));
        assertEquals("no double-precision log-density for UserFamily", e.getMessage());
    }

    /** A family of the user's own (every {@code dist} family has a tape density): a standard normal. */
    private static final class UserFamily implements Distribution {
        private final Normal base = Normal.of(0, 1);

        @Override public Tensor logProb(Tensor x) { return base.logProb(x); }
        @Override public Tensor sample(java.util.random.RandomGenerator rng, int... shape) { return base.sample(rng, shape); }
        @Override public int[] batchShape() { return new int[0]; }
        @Override public int[] eventShape() { return new int[0]; }
        @Override public Tensor mean() { return base.mean(); }
        @Override public Tensor variance() { return base.variance(); }
        @Override public org.elbo4j.dist.Support support() { return base.support(); }
    }
}
