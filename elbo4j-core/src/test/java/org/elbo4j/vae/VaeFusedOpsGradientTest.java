package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.tensor.GradientCheck;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The fused VAE operations' hand-written gradients against central finite differences
 * ({@link GradientCheck} tolerances), and their values against the textbook formulas composed
 * of elementary tensor operations (float32 agreement to 1e-4 relative). Deterministic inputs:
 * no false failures.
 */
class VaeFusedOpsGradientTest {

    private static final Tensor EPS = GradientCheck.signed(3, 0.1, 1.5, 3, 4);
    private static final Tensor BINARY = Tensor.of(new float[] {1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1}, 2, 6);
    private static final Tensor GREY = GradientCheck.uniform(5, 0.05, 0.95, 2, 6);

    @Test
    void reparameterizeGradient() {
        GradientCheck.check("reparameterize", in -> EncoderOps.reparameterize(in[0], EPS),
                GradientCheck.signed(1, 0.1, 1.0, 3, 8));
    }

    @Test
    void gaussianKlGradient() {
        GradientCheck.check("gaussianKl", in -> EncoderOps.gaussianKl(in[0]), GradientCheck.signed(2, 0.1, 1.0, 3, 8));
    }

    @Test
    void bernoulliGradient() {
        GradientCheck.check("bernoulliLogLik", in -> LikelihoodOps.bernoulli(in[0], BINARY),
                GradientCheck.signed(4, 0.1, 3.0, 2, 6));
    }

    @Test
    void continuousBernoulliGradient() {
        GradientCheck.check("continuousBernoulliLogLik", in -> LikelihoodOps.continuousBernoulli(in[0], GREY),
                GradientCheck.signed(6, 0.1, 3.0, 2, 6));
    }

    @Test
    void gaussianGradient() {
        GradientCheck.check("gaussianLogLik", in -> LikelihoodOps.gaussian(in[0], GREY),
                GradientCheck.signed(7, 0.1, 2.0, 2, 6));
    }

    @Test
    void valuesMatchComposedFormulas() {
        Tensor enc = GradientCheck.signed(8, 0.1, 1.0, 3, 8);
        Tensor mu = enc.slice(1, 0, 4);
        Tensor lv = enc.slice(1, 4, 8);
        assertClose(mu.add(lv.mul(0.5).exp().mul(EPS)), EncoderOps.reparameterize(enc, EPS));
        assertClose(mu.square().add(lv.exp()).sub(1).sub(lv).sum(1, false).mul(0.5), EncoderOps.gaussianKl(enc));
        Tensor l = GradientCheck.signed(9, 0.1, 3.0, 2, 6);
        assertClose(BINARY.mul(l).sub(l.softplus()).sum(1, false), LikelihoodOps.bernoulli(l, BINARY));
    }

    @Test
    void continuousBernoulliNormalizerMatchesClosedForm() {
        // C(λ) = 2 artanh(1 − 2λ) / (1 − 2λ), λ = sigmoid(l); the series branch near 0 meets it.
        for (double l : new double[] {-7, -1, -0.02, -0.0099, 0.003, 0.0101, 0.5, 4}) {
            double lam = 1 / (1 + Math.exp(-l));
            double a = 1 - 2 * lam;
            double expected = Math.log(2 * 0.5 * Math.log((1 + a) / (1 - a)) / a);
            assertEquals(expected, LikelihoodOps.logCbNormalizer(l), 1e-9, "l = " + l);
            double h = 1e-5;
            double fd = (LikelihoodOps.logCbNormalizer(l + h) - LikelihoodOps.logCbNormalizer(l - h)) / (2 * h);
            assertEquals(fd, LikelihoodOps.logCbNormalizerDerivative(l), 1e-6, "derivative at l = " + l);
        }
    }

    private static void assertClose(Tensor expected, Tensor found) {
        assertEquals(expected.size(), found.size());
        for (int i = 0; i < found.size(); i++) {
            double e = expected.data()[i];
            assertEquals(e, found.data()[i], 1e-4 * Math.max(1, Math.abs(e)), "element " + i);
        }
    }
}
