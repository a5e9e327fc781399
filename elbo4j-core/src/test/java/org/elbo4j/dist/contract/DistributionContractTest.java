package org.elbo4j.dist.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.HasEntropy;
import org.elbo4j.dist.Reparameterizable;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every distribution family meets, checked on every family of {@link ContractCases}.
 *
 * <p>Statistical checks compare a Monte Carlo estimate with its exact value and allow
 * {@link #Z} = 5 estimated standard errors: under the normal approximation one check fails for a
 * correct implementation with probability 2(1 − Φ(5)) = 5.7e-7 for a random seed. This class
 * makes about 80 such checks (entropy: one per family with a closed form; moments: mean and
 * variance of every event element), so the chance that some check fails by bad luck is below
 * 5e-5. The gradient-in-expectation check of implicitly reparameterized families averages 40
 * independent chunks, a Student t with 39 degrees of freedom: P(|t₃₉| > 5) = 1.3e-5 per check,
 * 12 checks, 1.5e-4 in all. Seeds are fixed, so results are reproducible.
 */
class DistributionContractTest {

    static final double Z = 5.0;

    static Stream<ContractCase> cases() {
        return ContractCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logProbMatchesScipyReference(ContractCase c) {
        Distribution d = c.distribution();
        String key = ContractCases.referenceKey(c.name());
        int checked = 0;
        for (String[] row : ReferenceTable.rows("contract_logprob.txt")) {
            if (!row[0].equals(key)) {
                continue;
            }
            double[] x = ReferenceTable.numbers(row[1]);
            double expected = ReferenceTable.parse(row[2]);
            Tensor value = d.eventShape().length == 0 ? Tensor.scalar(x[0]) : Tensor.vector(x);
            double found = d.logProb(value).item();
            // float32 arithmetic on exact (dyadic) parameters: a few units in the 6th digit.
            assertEquals(expected, found, 1e-5 + 1e-5 * Math.abs(expected), c.name() + " at " + row[1]);
            checked++;
        }
        assertTrue(checked > 0, "no reference values for " + key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void entropyEqualsMinusMeanLogProbOfDraws(ContractCase c) {
        Distribution d = c.distribution();
        if (!(d instanceof HasEntropy h)) {
            return;
        }
        int n = 20_000;
        Tensor x = d.sample(Rng.of(11), n);
        double[] terms = perDrawSums(d.logProb(x), n);
        double mean = 0;
        for (double t : terms) {
            mean -= t / n;
        }
        double var = 0;
        for (double t : terms) {
            var += (-t - mean) * (-t - mean) / (n - 1);
        }
        double entropy = h.entropy().sum().item();
        double se = Math.sqrt(var / n);
        assertTrue(Math.abs(mean - entropy) <= Z * se + 1e-6,
                c.name() + ": entropy " + entropy + " vs Monte Carlo " + mean + " ± " + se);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sampleMomentsMatchMeanAndVariance(ContractCase c) {
        Distribution d = c.distribution();
        int n = 40_000;
        Tensor x = d.sample(Rng.of(12), n);
        assertArrayEquals(concat(new int[] {n}, concat(d.batchShape(), d.eventShape())), x.shape(), "sample shape");
        float[] mean = d.mean().toFloatArray();
        float[] variance = d.variance().toFloatArray();
        int per = mean.length;
        assertEquals(per, x.size() / n, "mean() has one value per batch and event element");
        for (int e = 0; e < per; e++) {
            if (!Float.isFinite(mean[e])) {
                continue; // no finite mean (Cauchy: NaN, HalfCauchy: +∞), so nothing to estimate
            }
            double m1 = 0;
            for (int i = 0; i < n; i++) {
                m1 += x.data()[i * per + e];
            }
            m1 /= n;
            double m2 = 0;
            double m4 = 0;
            for (int i = 0; i < n; i++) {
                double dev = x.data()[i * per + e] - m1;
                m2 += dev * dev / n;
                m4 += dev * dev * dev * dev / n;
            }
            double seMean = Math.sqrt(m2 / n);
            double seVar = Math.sqrt(Math.max(m4 - m2 * m2, 0) / n);
            assertTrue(Math.abs(m1 - mean[e]) <= Z * seMean + 1e-6,
                    c.name() + "[" + e + "]: mean " + mean[e] + " vs sample " + m1 + " ± " + seMean);
            assertTrue(Math.abs(m2 - variance[e]) <= Z * seVar + 1e-5 * variance[e],
                    c.name() + "[" + e + "]: variance " + variance[e] + " vs sample " + m2 + " ± " + seVar);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void drawsLieInTheSupport(ContractCase c) {
        Distribution d = c.distribution();
        assertAllOnes(c.name() + " sample", d.support().check(d.sample(Rng.of(13), 2000)));
        if (d instanceof Reparameterizable r) {
            assertAllOnes(c.name() + " rsample", d.support().check(r.rsample(Rng.of(13), 2000)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameSeedGivesSameDraws(ContractCase c) {
        Distribution d = c.distribution();
        float[] first = d.sample(Rng.of(14), 50).toFloatArray();
        assertArrayEquals(first, d.sample(Rng.of(14), 50).toFloatArray(), "sample is a function of the seed");
        if (d instanceof Reparameterizable r) {
            assertArrayEquals(first, r.rsample(Rng.of(14), 50).toFloatArray(), "rsample draws what sample draws");
        }
        assertFalse(java.util.Arrays.equals(first, d.sample(Rng.of(15), 50).toFloatArray()),
                "another seed gives other draws");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rsampleGradientsMatchFiniteDifferences(ContractCase c) {
        if (!(c.distribution() instanceof Reparameterizable)) {
            return;
        }
        if (c.pathwise()) {
            RsampleGradients.checkPathwise(c);
        } else {
            RsampleGradients.checkInExpectation(c, Z);
        }
    }

    /** The per-draw total of a logProb of n draws (summed over batch dimensions). */
    static double[] perDrawSums(Tensor logProb, int n) {
        float[] v = logProb.data();
        int per = v.length / n;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < per; j++) {
                out[i] += v[i * per + j];
            }
        }
        return out;
    }

    private static void assertAllOnes(String what, Tensor mask) {
        for (float v : mask.data()) {
            assertEquals(1f, v, what + ": a draw lies outside the support");
        }
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
