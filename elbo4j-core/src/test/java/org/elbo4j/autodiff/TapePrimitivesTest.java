package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.Test;

/**
 * Every tape primitive: its values against the closed form in double (to 1e−15 relative), its
 * gradient against central differences (1e−7 relative to the max-norm) and its Hessian-vector
 * products against central differences of the exact gradient (1e−6), through {@link TapeCheck}.
 * Binary operations are checked with broadcasting ([2, 3] against [3]); linear rearrangements and
 * sums inside a nonlinear function (their second derivatives are zero on their own).
 */
class TapePrimitivesTest {

    static final double GRAD_TOL = 1e-7;
    static final double HESS_TOL = 1e-6;
    static final double[] X = {0.3, 1.7, 0.9, 2.4, 0.55, 1.2};
    static final int[] SHAPE = {2, 3};

    private static void unary(String name, Function<Var, Var> f, DoubleUnaryOperator exact, double[] x) {
        Var y = f.apply(Tape.create().leaf(x, x.length));
        for (int i = 0; i < x.length; i++) {
            double e = exact.applyAsDouble(x[i]);
            assertEquals(e, y.value()[i], 1e-15 * Math.max(1, Math.abs(e)), name + " value at " + x[i]);
        }
        TapeCheck.check(name, f, x, new int[] {x.length}, GRAD_TOL, HESS_TOL);
    }

    @Test
    void elementwiseFunctions() {
        double[] pos = {0.3, 1.7, 0.9, 2.4};
        double[] real = {-1.3, -0.2, 0.4, 2.1};
        unary("exp", Var::exp, Math::exp, real);
        unary("log", Var::log, Math::log, pos);
        unary("log1p", Var::log1p, Math::log1p, pos);
        unary("expm1", Ops::expm1, Math::expm1, real);
        unary("sqrt", Ops::sqrt, Math::sqrt, pos);
        unary("square", Var::square, v -> v * v, real);
        unary("abs", Var::abs, Math::abs, real);
        unary("tanh", Ops::tanh, Math::tanh, real);
        unary("sigmoid", Ops::sigmoid, v -> 1 / (1 + Math.exp(-v)), real);
        unary("logSigmoid", Ops::logSigmoid, v -> -Math.log1p(Math.exp(-v)), real);
        unary("softplus", Var::softplus, v -> Math.log1p(Math.exp(v)), real);
        unary("relu", Ops::relu, v -> Math.max(v, 0), real);
        unary("lgamma", Var::lgamma, LogGamma::value, pos);
        unary("digamma", Ops::digamma, Digamma::value, pos);
        unary("digamma at negative non-integers", Ops::digamma, Digamma::value, new double[] {-0.4, -2.7});
        unary("reciprocal", Ops::reciprocal, v -> 1 / v, real);
        unary("affine", v -> Ops.affine(v, -2.5, 0.7), v -> -2.5 * v + 0.7, real);
        unary("pow 2.5", v -> Ops.pow(v, 2.5), v -> Math.pow(v, 2.5), pos);
        unary("clamp", v -> Ops.clamp(v, -0.5, 1.0), v -> Math.min(Math.max(v, -0.5), 1.0), real);
    }

    /** a = x[0..5] as [2, 3], b = x[6..8] as [3]. */
    private static void binary(String name, Function<Var[], Var> f, java.util.function.DoubleBinaryOperator exact) {
        double[] x = {0.3, 1.7, 0.9, 2.4, 0.55, 1.2, 0.8, 1.9, 0.45};
        Function<Var, Var> g = v -> {
            Var a = Ops.reshape(Ops.slice(v, 0, 0, 6), 2, 3);
            Var b = Ops.slice(v, 0, 6, 9);
            return f.apply(new Var[] {a, b});
        };
        Var y = g.apply(Tape.create().leaf(x, 9));
        assertArrayEquals(SHAPE, y.shape());
        for (int i = 0; i < 6; i++) {
            double e = exact.applyAsDouble(x[i], x[6 + i % 3]);
            assertEquals(e, y.value()[i], 1e-15 * Math.max(1, Math.abs(e)), name + " value " + i);
        }
        TapeCheck.check(name, g, x, new int[] {9}, GRAD_TOL, HESS_TOL);
    }

    @Test
    void binaryFunctionsBroadcast() {
        binary("add", v -> v[0].add(v[1]), Double::sum);
        binary("sub", v -> v[0].sub(v[1]), (a, b) -> a - b);
        binary("mul", v -> v[0].mul(v[1]), (a, b) -> a * b);
        binary("div", v -> v[0].div(v[1]), (a, b) -> a / b);
        binary("pow", v -> v[0].pow(v[1]), Math::pow);
        binary("div reversed", v -> v[1].div(v[0]), (a, b) -> b / a);
    }

    @Test
    void rearrangementsAndSums() {
        Function<Var, Var> cube = v -> v.mul(v).mul(v);
        check("reshape", v -> cube.apply(Ops.reshape(v, 3, 2)));
        check("expand", v -> cube.apply(Ops.expand(Ops.reshape(v, 2, 1, 3), 2, 4, 3)));
        check("transpose", v -> cube.apply(Ops.transpose(v, 0, 1)).mul(Tape.constant(new double[] {1, 2}, 2)));
        check("permute", v -> cube.apply(Ops.permute(Ops.reshape(v, 1, 2, 3), 2, 0, 1)));
        check("indexSelect", v -> cube.apply(Ops.indexSelect(v, -1, new int[] {2, 0, 2, 1})));
        check("slice", v -> cube.apply(Ops.slice(v, 1, 1, 3)));
        check("sum axis", v -> cube.apply(Ops.sum(v, 0, false)));
        check("sum axis kept", v -> cube.apply(Ops.sum(v, -1, true)));
        check("sum all", v -> cube.apply(Ops.sum(v)));
        check("sumTo", v -> cube.apply(Ops.sumTo(Ops.expand(v, 4, 2, 3), 1, 3)));
        check("product of two uses", v -> v.exp().mul(v.log()).div(v.square().add(1)));
    }

    @Test
    void rearrangementValues() {
        Var x = Tape.constant(X, SHAPE);
        assertArrayEquals(new double[] {0.3, 2.4, 1.7, 0.55, 0.9, 1.2}, Ops.transpose(x, 0, 1).value());
        assertArrayEquals(new double[] {0.9, 0.3, 0.9, 1.2, 2.4, 1.2}, Ops.indexSelect(x, 1, new int[] {2, 0, 2}).value());
        assertArrayEquals(new double[] {2.7, 2.25, 2.1}, Ops.sum(x, 0, false).value(), 1e-15);
        assertArrayEquals(new double[] {2.9, 4.15}, Ops.sum(x, 1, false).value(), 1e-15);
        assertEquals(7.05, Ops.sum(x).value()[0], 1e-14);
        assertArrayEquals(new int[0], Ops.sum(x).shape());
        assertArrayEquals(new double[] {1.7, 0.9, 0.55, 1.2}, Ops.slice(x, 1, 1, 3).value());
        assertArrayEquals(new int[] {2, 2, 3}, Ops.expand(x, 2, 2, 3).shape());
    }

    @Test
    void badShapesAreRefused() {
        Var x = Tape.constant(X, SHAPE);
        assertThrows(IllegalArgumentException.class, () -> x.add(Tape.constant(new double[] {1, 2}, 2)));
        assertThrows(IllegalArgumentException.class, () -> Ops.reshape(x, 4));
        assertThrows(IllegalArgumentException.class, () -> Ops.indexSelect(x, 1, new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> Ops.sumTo(x, 2));
        Tape t = Tape.create();
        Var leaf = t.leaf(X, SHAPE);
        assertThrows(IllegalArgumentException.class, () -> Tape.create().gradient(leaf.exp(), leaf, null));
        assertThrows(IllegalArgumentException.class, () -> t.gradient(x, leaf, null));
    }

    @Test
    void constantsStayOffTheTape() {
        Tape t = Tape.create();
        Var leaf = t.leaf(X, SHAPE);
        int before = t.size();
        Var c = Tape.constant(X, SHAPE).exp().add(Tape.scalar(2)).lgamma();
        assertEquals(before, t.size());
        leaf.mul(c);
        assertEquals(before + 1, t.size());
    }

    private static void check(String name, Function<Var, Var> f) {
        TapeCheck.check(name, f, X, SHAPE, GRAD_TOL, HESS_TOL);
    }
}
