package org.elbo4j.tensor.kernel;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * Elementwise functions f and their derivative rules, as array kernels.
 *
 * <p>{@link #forward} computes {@code y = f(x)}; {@link #backward} computes
 * {@code gx = g · f'(x)} from x, y and the incoming gradient g. Values are computed in double
 * and rounded once to float32.
 *
 * <p>Implementation note: the stable forms are used where the textbook form overflows or
 * cancels: {@code softplus(x) = max(x, 0) + log1p(exp(−|x|))},
 * {@code logSigmoid(x) = min(x, 0) − log1p(exp(−|x|))}, and sigmoid evaluated from the side
 * where {@code exp} cannot overflow. The derivatives {@code 1 − tanh² x = 4e/(1 + e)²}
 * ({@code e = exp(−2|x|)}) and {@code σ(x)(1 − σ(x)) = e/(1 + e)²} ({@code e = exp(−|x|)}) are
 * written so that they do not cancel to 0 for large |x|.
 *
 * <p>When {@link Simd#enabled()}, all but LGAMMA and DIGAMMA run vectorized
 * ({@code VectorMath} states the accuracy against the definitions here).
 */
public enum UnaryFn {
    EXP {
        @Override double f(double x) { return Math.exp(x); }
        @Override double df(double x, double y) { return y; }
    },
    LOG {
        @Override double f(double x) { return Math.log(x); }
        @Override double df(double x, double y) { return 1.0 / x; }
    },
    LOG1P {
        @Override double f(double x) { return Math.log1p(x); }
        @Override double df(double x, double y) { return 1.0 / (1.0 + x); }
    },
    EXPM1 {
        @Override double f(double x) { return Math.expm1(x); }
        @Override double df(double x, double y) { return Math.exp(x); }
    },
    SQRT {
        @Override double f(double x) { return Math.sqrt(x); }
        @Override double df(double x, double y) { return 0.5 / Math.sqrt(x); }
    },
    SQUARE {
        @Override double f(double x) { return x * x; }
        @Override double df(double x, double y) { return 2.0 * x; }
    },
    RECIPROCAL {
        @Override double f(double x) { return 1.0 / x; }
        @Override double df(double x, double y) { return -1.0 / (x * x); }
    },
    ABS {
        @Override double f(double x) { return Math.abs(x); }
        @Override double df(double x, double y) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : x; }
    },
    TANH {
        @Override double f(double x) { return Math.tanh(x); }
        @Override double df(double x, double y) { double e = Math.exp(-2.0 * Math.abs(x)); return 4.0 * e / ((1.0 + e) * (1.0 + e)); }
    },
    SIGMOID {
        @Override double f(double x) { return sigmoid(x); }
        @Override double df(double x, double y) { double e = Math.exp(-Math.abs(x)); return e / ((1.0 + e) * (1.0 + e)); }
    },
    LOG_SIGMOID {
        @Override double f(double x) { return Math.min(x, 0.0) - Math.log1p(Math.exp(-Math.abs(x))); }
        @Override double df(double x, double y) { return sigmoid(-x); }
    },
    SOFTPLUS {
        @Override double f(double x) { return softplus(x); }
        @Override double df(double x, double y) { return sigmoid(x); }
    },
    RELU {
        @Override double f(double x) { return x > 0 ? x : (x == x ? 0.0 : x); }
        @Override double df(double x, double y) { return x > 0 ? 1.0 : (x == x ? 0.0 : x); }
    },
    LGAMMA {
        // poles (0, negative integers, −∞): +∞ as C99 lgamma says; LogGamma.value returns NaN there
        @Override double f(double x) { return isPole(x) ? Double.POSITIVE_INFINITY : LogGamma.value(x); }
        @Override double df(double x, double y) { return DIGAMMA.f(x); }
    },
    DIGAMMA {
        // no value at negative integers or −∞ (Digamma.value returns large finite numbers there)
        @Override double f(double x) { return x < 0 && isPole(x) ? Double.NaN : Digamma.value(x); }
        @Override double df(double x, double y) { return Trigamma.value(x); }
    };

    /** True at the poles of the gamma function: 0, the negative integers and −∞. */
    private static boolean isPole(double x) {
        return x <= 0 && x == Math.rint(x);
    }

    /** f(x). */
    abstract double f(double x);

    /** f'(x), given also y = f(x) as computed in float32. */
    abstract double df(double x, double y);

    /** f evaluated at one point, in double. */
    public double value(double x) {
        return f(x);
    }

    /** f' evaluated at one point, in double. */
    public double derivative(double x) {
        return df(x, f(x));
    }

    /** {@code out[i] = f(x[i])}. */
    public void forward(float[] x, float[] out) {
        if (Simd.enabled() && VectorMath.supports(this)) {
            VectorMath.forward(this, x, out);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) f(x[i]);
        }
    }

    /** {@code gx[i] = g[i] · f'(x[i])}. */
    public void backward(float[] x, float[] y, float[] g, float[] gx) {
        if (Simd.enabled() && VectorMath.supports(this)) {
            VectorMath.backward(this, x, y, g, gx);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            gx[i] = (float) (g[i] * df(x[i], y[i]));
        }
    }

    /** The logistic function 1 / (1 + e^−x), evaluated without overflow. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** log(1 + e^x), evaluated without overflow. */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
