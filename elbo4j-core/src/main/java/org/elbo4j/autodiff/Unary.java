package org.elbo4j.autodiff;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * An elementwise function y = f(x) with its first and second derivatives stored at the forward:
 * <pre>
 *   ẏ = f'(x) ẋ,   x̄ += f'(x) ȳ,   x̄̇ += f''(x) ẋ ȳ + f'(x) ȳ̇.
 * </pre>
 * The functions: affine {@code a x + c}, exp, log, log1p, expm1, sqrt, square, abs, tanh, sigmoid,
 * log-sigmoid, softplus, relu, a power {@code x^p}, the reciprocal (f' = −1/x², f'' = 2/x³), clamp,
 * lgamma (f' = ψ, f'' = ψ₁, from Commons Numbers) and digamma (f' = ψ₁, f'' = ψ₂,
 * {@link Tetragamma}). Implementation note: softplus is {@code max(x, 0) + log1p(e^{−|x|})} and
 * log-sigmoid {@code −softplus(−x)}, finite for every finite x.
 */
final class Unary extends Var {

    private final Var x;
    private final double[] d1;
    private final double[] d2;

    private Unary(Var x, double[] y, double[] d1, double[] d2) {
        super(x.tape, y, x.shape);
        this.x = x;
        this.d1 = d1;
        this.d2 = d2;
    }

    /** y, f' and f'' of one element. */
    @FunctionalInterface
    interface Rule {
        /** Writes f(x), f'(x), f''(x) into out[0..2]. */
        void at(double x, double[] out);
    }

    static Var of(Var x, Rule rule) {
        int n = x.size();
        double[] y = new double[n];
        double[] tmp = new double[3];
        if (!x.isActive()) {
            for (int i = 0; i < n; i++) {
                rule.at(x.value[i], tmp);
                y[i] = tmp[0];
            }
            return new Unary(x, y, null, null);
        }
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            rule.at(x.value[i], tmp);
            y[i] = tmp[0];
            d1[i] = tmp[1];
            d2[i] = tmp[2];
        }
        return new Unary(x, y, d1, d2);
    }

    @Override
    void tangentForward() {
        for (int i = 0; i < value.length; i++) {
            tangent[i] = d1[i] * x.tangent[i];
        }
    }

    @Override
    void backward(boolean second) {
        for (int i = 0; i < value.length; i++) {
            x.adjoint[i] += d1[i] * adjoint[i];
        }
        if (second) {
            for (int i = 0; i < value.length; i++) {
                x.adjointTangent[i] += d2[i] * x.tangent[i] * adjoint[i] + d1[i] * adjointTangent[i];
            }
        }
    }

    static Var affine(Var x, double a, double c) {
        return of(x, (v, o) -> set(o, a * v + c, a, 0));
    }

    static Var exp(Var x) {
        return of(x, (v, o) -> {
            double e = Math.exp(v);
            set(o, e, e, e);
        });
    }

    static Var log(Var x) {
        return of(x, (v, o) -> set(o, Math.log(v), 1 / v, -1 / (v * v)));
    }

    static Var log1p(Var x) {
        return of(x, (v, o) -> set(o, Math.log1p(v), 1 / (1 + v), -1 / ((1 + v) * (1 + v))));
    }

    static Var expm1(Var x) {
        return of(x, (v, o) -> {
            double e = Math.exp(v);
            set(o, Math.expm1(v), e, e);
        });
    }

    static Var sqrt(Var x) {
        return of(x, (v, o) -> {
            double s = Math.sqrt(v);
            set(o, s, 0.5 / s, -0.25 / (s * v));
        });
    }

    static Var square(Var x) {
        return of(x, (v, o) -> set(o, v * v, 2 * v, 2));
    }

    static Var abs(Var x) {
        return of(x, (v, o) -> set(o, Math.abs(v), Math.signum(v), 0));
    }

    static Var tanh(Var x) {
        return of(x, (v, o) -> {
            double t = Math.tanh(v);
            double d = 1 - t * t;
            set(o, t, d, -2 * t * d);
        });
    }

    static Var sigmoid(Var x) {
        return of(x, (v, o) -> {
            double s = sigmoid(v);
            double d = s * (1 - s);
            set(o, s, d, d * (1 - 2 * s));
        });
    }

    static Var logSigmoid(Var x) {
        return of(x, (v, o) -> {
            double s = sigmoid(v);
            set(o, -softplus(-v), 1 - s, -s * (1 - s));
        });
    }

    static Var softplus(Var x) {
        return of(x, (v, o) -> {
            double s = sigmoid(v);
            set(o, softplus(v), s, s * (1 - s));
        });
    }

    static Var relu(Var x) {
        return of(x, (v, o) -> set(o, Math.max(v, 0), v > 0 ? 1 : 0, 0));
    }

    static Var powScalar(Var x, double p) {
        return of(x, (v, o) -> set(o, Math.pow(v, p), p * Math.pow(v, p - 1), p * (p - 1) * Math.pow(v, p - 2)));
    }

    static Var clamp(Var x, double lo, double hi) {
        return of(x, (v, o) -> {
            boolean inside = v >= lo && v <= hi;
            set(o, Math.min(Math.max(v, lo), hi), inside ? 1 : 0, 0);
        });
    }

    static Var lgamma(Var x) {
        if (!x.isActive()) {
            double[] y = new double[x.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = LogGamma.value(x.value[i]);
            }
            return new Unary(x, y, null, null);
        }
        return of(x, (v, o) -> set(o, LogGamma.value(v), Digamma.value(v), Trigamma.value(v)));
    }

    static Var reciprocal(Var x) {
        return of(x, (v, o) -> {
            double r = 1 / v;
            set(o, r, -r * r, 2 * r * r * r);
        });
    }

    static Var digamma(Var x) {
        if (!x.isActive()) {
            return of(x, (v, o) -> o[0] = Digamma.value(v));
        }
        return of(x, (v, o) -> set(o, Digamma.value(v), Trigamma.value(v), Tetragamma.value(v)));
    }

    static double sigmoid(double v) {
        return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }

    static double softplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    private static void set(double[] o, double y, double d1, double d2) {
        o[0] = y;
        o[1] = d1;
        o[2] = d2;
    }
}
