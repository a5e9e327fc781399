package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.elbo4j.bayes.models.LinearRegression;
import org.junit.jupiter.api.Test;

/**
 * Where a fit starts. On the conjugate regression log p(D, β) = log p(D) + log N(β; m, S) is
 * known, so the first objective value is checked against closed forms: for MAP it is
 * log p(D, β₀) exactly (float tolerance); for the mean-field guide q₀ = N(u₀, 0.1² I) it is an
 * M-particle estimate of {@code E_q₀[log p(D, β)] + H[q₀]}, checked within 5 of its exact standard
 * errors (false-failure rate ≈ 6e−7). A one-step fit with a learning rate of 1e−9 shows the
 * guide's location itself at u₀.
 */
class InitStrategyFitTest {

    private static final ConjugateLinearRegression MODEL = ConjugateRegressionFixture.model(true);
    private static final double INIT_VARIANCE = 0.01;
    private static final int PARTICLES = 4000;

    /** log p(D, β₀) = log p(D) − ½ d log 2π + ½ log det Λ − ½ (β₀ − m)ᵀ Λ (β₀ − m). */
    private static double logJoint(double[] b0) {
        double[] m = MODEL.exactPosteriorMean();
        double[][] lambda = MODEL.exactPosteriorPrecision();
        int d = m.length;
        return MODEL.exactLogEvidence() - 0.5 * d * Math.log(2 * Math.PI)
                + 0.5 * DenseCholesky.of(lambda).logDet() - 0.5 * quadratic(lambda, b0, m);
    }

    private static double quadratic(double[][] a, double[] x, double[] m) {
        double q = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                q += (x[i] - m[i]) * a[i][j] * (x[j] - m[j]);
            }
        }
        return q;
    }

    private static FitConfig oneStep(InitStrategy init) {
        return FitConfig.defaults().withInit(init).withParticles(PARTICLES).withMaxSteps(1).withLearningRate(1e-9)
                .withEvidenceSamples(0).withPosteriorDraws(10).withSeed(1);
    }

    /** The first ELBO estimate against E_q₀[log p] + H[q₀], within 5 standard errors. */
    private static void assertFirstElbo(double[] u0, FitResult r) {
        double[][] lambda = MODEL.exactPosteriorPrecision();
        int d = u0.length;
        double trace = 0;
        double traceSq = 0;
        for (int i = 0; i < d; i++) {
            trace += lambda[i][i];
            for (int j = 0; j < d; j++) {
                traceSq += lambda[i][j] * lambda[j][i];
            }
        }
        double entropy = 0.5 * d * (1 + Math.log(2 * Math.PI)) + 0.5 * d * Math.log(INIT_VARIANCE);
        double expected = logJoint(u0) - 0.5 * INIT_VARIANCE * trace + entropy;
        // Var of ½(u − m)ᵀΛ(u − m) for u ~ N(u₀, cI): ½ c² tr(Λ²) + c (u₀ − m)ᵀ Λ² (u₀ − m)
        double[] m = MODEL.exactPosteriorMean();
        double[] lambdaDelta = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                lambdaDelta[i] += lambda[i][j] * (u0[j] - m[j]);
            }
        }
        double norm = 0;
        for (double v : lambdaDelta) {
            norm += v * v;
        }
        double variance = 0.5 * INIT_VARIANCE * INIT_VARIANCE * traceSq + INIT_VARIANCE * norm;
        double stderr = Math.sqrt(variance / PARTICLES);
        assertEquals(expected, r.elboTrace()[0], 5 * stderr + 1e-3 * Math.abs(expected), "first ELBO estimate");
    }

    @Test
    void givenValuesAreWhereTheGuideStarts() {
        double[] u0 = {2.0, -1.0, 0.5, 3.0};
        FitResult r = BayesFit.fit(MODEL, oneStep(InitStrategy.given(Map.of("intercept", new double[] {2.0},
                "beta", new double[] {-1.0, 0.5, 3.0}))));
        for (int i = 0; i < u0.length; i++) {
            assertEquals(u0[i], r.guide().mean()[i], 1e-6, "location " + i);
            assertEquals(INIT_VARIANCE, r.guide().covariance()[i][i], 1e-6, "variance " + i);
        }
        assertFirstElbo(u0, r);
    }

    @Test
    void zeroStartsAtTheOrigin() {
        FitResult r = BayesFit.fit(MODEL, oneStep(InitStrategy.zero()));
        for (double v : r.guide().mean()) {
            assertEquals(0.0, v, 1e-6);
        }
        assertFirstElbo(new double[4], r);
    }

    @Test
    void unnamedParametersStartAtZero() {
        FitResult r = BayesFit.fit(MODEL, oneStep(InitStrategy.given(Map.of("beta", new double[] {1, 2, 3}))));
        double[] mean = r.guide().mean();
        assertEquals(0.0, mean[0], 1e-6, "intercept");
        assertEquals(3.0, mean[3], 1e-6, "beta[2]");
    }

    @Test
    void mapTraceStartsAtTheLogJointOfTheGivenValues() {
        double[] b0 = {-0.5, 1.5, 0.25, -2.0};
        FitResult r = BayesFit.fit(MODEL, FitConfig.defaults().withGuide(GuideFamily.MAP).withMaxSteps(1)
                .withInit(InitStrategy.given(Map.of("intercept", new double[] {b0[0]},
                        "beta", new double[] {b0[1], b0[2], b0[3]}))).withSeed(1));
        double expected = logJoint(b0);
        assertEquals(expected, r.elboTrace()[0], 1e-5 * Math.abs(expected), "log p(D, beta0)");
    }

    @Test
    void aPositiveParameterStartsAtTheLogOfItsValue() {
        double[][] x = LinearRegressionFitTest.design();
        LinearRegression model = LinearRegression.of(x, LinearRegressionFitTest.response(x), 5.0,
                LinearRegression.NoisePrior.LOG_NORMAL, 1.0, false);
        FitResult r = BayesFit.fit(model, oneStep(InitStrategy.given(Map.of("sigma", new double[] {2.5})))
                .withParticles(1));
        double[] mean = r.guide().mean();
        assertEquals(Math.log(2.5), mean[mean.length - 1], 1e-6, "unconstrained sigma");
    }

    @Test
    void aWrongLengthOrUnknownNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> BayesFit.fit(MODEL,
                oneStep(InitStrategy.given(Map.of("beta", new double[] {1, 2})))));
        assertThrows(IllegalArgumentException.class, () -> BayesFit.fit(MODEL,
                oneStep(InitStrategy.given(Map.of("gamma", new double[] {1})))));
        assertThrows(IllegalArgumentException.class, () -> InitStrategy.given(Map.of("beta",
                new double[] {Double.NaN, 0, 0})));
    }

    @Test
    void feasibleStartsInsideMinusTwoTwoAndDependsOnTheSeed() {
        FitResult a = BayesFit.fit(MODEL, oneStep(InitStrategy.feasible()).withParticles(1));
        FitResult b = BayesFit.fit(MODEL, oneStep(InitStrategy.feasible()).withParticles(1).withSeed(2));
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(a.guide().mean()[i]) < 2, "coordinate " + a.guide().mean()[i]);
        }
        assertTrue(a.guide().mean()[0] != b.guide().mean()[0], "different seeds, different starts");
    }
}
