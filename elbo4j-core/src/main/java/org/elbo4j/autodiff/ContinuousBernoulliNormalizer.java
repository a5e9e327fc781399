package org.elbo4j.autodiff;

/**
 * The log-normaliser of the continuous Bernoulli distribution as a function of its logit ℓ
 * (Loaiza-Ganem &amp; Cunningham 2019), with its first two derivatives for the tape:
 * <pre>
 *   f(ℓ) = log C = log(ℓ / tanh(ℓ/2)),   f'(ℓ) = 1/ℓ − 1/sinh ℓ,   f''(ℓ) = −1/ℓ² + 1/(tanh ℓ · sinh ℓ).
 * </pre>
 * Implementation note: the closed forms cancel as ℓ → 0, so for |ℓ| &lt; ½ the three come from the
 * Taylor series {@code f = Σ_k c_k ℓ^{2k}} (coefficients from sympy's series of log(ℓ/tanh(ℓ/2)) to
 * ℓ¹⁸; truncation below 1e−15 at |ℓ| = ½), differentiated term by term. The closed forms are
 * written so that they neither overflow nor give NaN for large |ℓ| (1/sinh → 0).
 */
final class ContinuousBernoulliNormalizer {

    static final double CUT = 0.5;
    static final double[] SERIES = {Math.log(2), 1.0 / 12, -7.0 / 1440, 31.0 / 90720, -127.0 / 4838400,
        73.0 / 34214400, -1414477.0 / 7846046208000.0, 8191.0 / 523069747200.0,
        -16931177.0 / 12194997534720000.0, 5749691557.0 / 45981847954538496000.0};

    private ContinuousBernoulliNormalizer() {
    }

    /** f, f', f'' at ℓ into o[0..2]. */
    static void at(double l, double[] o) {
        if (Math.abs(l) < CUT) {
            double s = l * l;
            double f = 0;
            double d1 = 0;
            double d2 = 0;
            for (int k = SERIES.length - 1; k >= 0; k--) {
                f = f * s + SERIES[k];
                if (k >= 1) {
                    d1 = d1 * s + 2 * k * SERIES[k];
                    d2 = d2 * s + 2 * k * (2 * k - 1) * SERIES[k];
                }
            }
            o[0] = f;
            o[1] = d1 * l;
            o[2] = d2;
            return;
        }
        double a = Math.abs(l);
        double sinh = Math.sinh(l);
        o[0] = Math.log(a) - Math.log(Math.tanh(a / 2));
        o[1] = 1 / l - 1 / sinh;
        o[2] = -1 / (l * l) + 1 / (Math.tanh(l) * sinh);
    }

    static Var of(Var logits) {
        return Unary.of(logits, ContinuousBernoulliNormalizer::at);
    }
}
