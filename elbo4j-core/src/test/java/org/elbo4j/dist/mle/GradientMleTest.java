package org.elbo4j.dist.mle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.numbers.gamma.Digamma;
import org.elbo4j.dist.Beta;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.transform.ExpBijection;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Gradient-ascent MLE on 20,000 draws from known parameters. Two kinds of check: (1) the fit
 * solves the likelihood equations (exact conditions of the MLE, independent of sampling noise),
 * and (2) it lies within 5 asymptotic standard errors of the true parameters (sd from the inverse
 * Fisher information / n, e.g. 0.028 for the Gamma shape α = 3): for a random seed each such
 * check fails with probability about 5.7e-7.
 */
class GradientMleTest {

    private static final int N = 20_000;
    private static final ExpBijection EXP = ExpBijection.of();

    @Test
    void normalFitEqualsTheClosedForm() {
        Tensor x = Normal.of(1.5, 0.7).sample(Rng.of(61), N);
        GradientMle.Fit<Normal> fit = GradientMle.fit(u -> Normal.of(u.get(0), EXP.forward(u.get(1))),
                List.of(Tensor.scalar(0.0), Tensor.scalar(0.0)), x, GradientMle.Settings.defaults());
        assertTrue(fit.converged(), "converged after " + fit.iterations());
        double mean = 0;
        for (float v : x.data()) {
            mean += v / N;
        }
        double var = 0;
        for (float v : x.data()) {
            var += (v - mean) * (v - mean) / N;
        }
        assertEquals(mean, fit.distribution().loc().item(), 1e-3);
        assertEquals(Math.sqrt(var), fit.distribution().scale().item(), 1e-3);
        // within 5 asymptotic standard errors (σ/√n = 0.005, σ/√(2n) = 0.0035) of the truth
        assertEquals(1.5, fit.distribution().loc().item(), 0.025);
        assertEquals(0.7, fit.distribution().scale().item(), 0.018);
        double closed = -0.5 * N * (Math.log(2 * Math.PI * var) + 1);
        assertEquals(closed, fit.logLikelihood(), 1e-5 * Math.abs(closed));
    }

    @Test
    void gammaFitSolvesTheLikelihoodEquationsAndRecoversTheParameters() {
        Tensor x = Gamma.of(3.0, 2.0).sample(Rng.of(62), N);
        GradientMle.Fit<Gamma> fit = GradientMle.fit(u -> Gamma.of(EXP.forward(u.get(0)), EXP.forward(u.get(1))),
                List.of(Tensor.scalar(0.0), Tensor.scalar(0.0)), x, GradientMle.Settings.defaults());
        assertTrue(fit.converged(), "converged after " + fit.iterations());
        double alpha = fit.distribution().concentration().item();
        double beta = fit.distribution().rate().item();
        double mean = 0;
        double meanLog = 0;
        for (float v : x.data()) {
            mean += v / N;
            meanLog += Math.log(v) / N;
        }
        // likelihood equations: α/β = mean(x) and log β − ψ(α) + mean(log x) = 0
        assertEquals(mean, alpha / beta, 1e-3 * mean);
        assertEquals(0.0, Math.log(beta) - Digamma.value(alpha) + meanLog, 1e-3);
        // asymptotic standard errors 0.028 (α) and 0.020 (β)
        assertEquals(3.0, alpha, 0.14);
        assertEquals(2.0, beta, 0.10);
    }

    @Test
    void betaFitSolvesTheLikelihoodEquationsAndRecoversTheParameters() {
        Tensor x = Beta.of(2.0, 5.0).sample(Rng.of(63), N);
        GradientMle.Fit<Beta> fit = GradientMle.fit(u -> Beta.of(EXP.forward(u.get(0)), EXP.forward(u.get(1))),
                List.of(Tensor.scalar(0.0), Tensor.scalar(0.0)), x, GradientMle.Settings.defaults());
        assertTrue(fit.converged(), "converged after " + fit.iterations());
        double a = fit.distribution().concentration1().item();
        double b = fit.distribution().concentration0().item();
        double meanLog = 0;
        double meanLog1m = 0;
        for (float v : x.data()) {
            meanLog += Math.log(v) / N;
            meanLog1m += Math.log1p(-v) / N;
        }
        // likelihood equations: ψ(a) − ψ(a + b) = mean log x, ψ(b) − ψ(a + b) = mean log(1 − x)
        assertEquals(meanLog, Digamma.value(a) - Digamma.value(a + b), 1e-3);
        assertEquals(meanLog1m, Digamma.value(b) - Digamma.value(a + b), 1e-3);
        // asymptotic standard errors about 0.02 (a) and 0.05 (b)
        assertEquals(2.0, a, 0.1);
        assertEquals(5.0, b, 0.25);
    }

    @Test
    void reportsNonConvergenceWhenIterationsRunOut() {
        Tensor x = Normal.of(10.0, 1.0).sample(Rng.of(64), 100);
        GradientMle.Fit<Normal> fit = GradientMle.fit(u -> Normal.of(u.get(0), EXP.forward(u.get(1))),
                List.of(Tensor.scalar(0.0), Tensor.scalar(0.0)), x, new GradientMle.Settings(3, 0.01, 1e-6));
        assertEquals(3, fit.iterations());
        assertTrue(!fit.converged());
    }

    @Test
    void theInitialValuesAreNotModified() {
        Tensor start = Tensor.scalar(0.25);
        GradientMle.fit(u -> Normal.of(u.get(0), Tensor.scalar(1.0)), List.of(start), Tensor.vector(3.0, 4.0),
                new GradientMle.Settings(50, 0.1, 1e-6));
        assertEquals(0.25, start.item());
    }

    @Test
    void rejectsNonFiniteData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientMle.fit(
                u -> Normal.of(u.get(0), Tensor.scalar(1.0)), List.of(Tensor.scalar(0.0)),
                Tensor.vector(1.0, Double.NaN), GradientMle.Settings.defaults()));
        assertEquals("GradientMle: data must be finite, got NaN at flat index 1", e.getMessage());
    }

    @Test
    void rejectsEmptyData() {
        assertThrows(IllegalArgumentException.class, () -> GradientMle.fit(u -> Normal.of(u.get(0), Tensor.scalar(1.0)),
                List.of(Tensor.scalar(0.0)), Tensor.zeros(0), GradientMle.Settings.defaults()));
    }

    @Test
    void rejectsBadSettings() {
        assertEquals("GradientMle: maxIterations must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new GradientMle.Settings(0, 0.1, 0)).getMessage());
        assertEquals("GradientMle: learningRate must be finite and > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new GradientMle.Settings(5, Double.NaN, 0))
                        .getMessage());
        assertEquals("GradientMle: gradientTolerance must be >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new GradientMle.Settings(5, 0.1, -1)).getMessage());
    }
}
