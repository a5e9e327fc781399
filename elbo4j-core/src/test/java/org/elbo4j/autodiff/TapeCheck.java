package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.elbo4j.random.Rng;

/**
 * Derivative checks of a tape function f: ℝⁿ → ℝᵐ through L(x) = Σ_i w_i f(x)_i with fixed
 * weights w: the reverse-mode gradient against central differences of L, and the
 * Hessian-vector products (forward-over-reverse) against central differences of the exact
 * gradient, both in double with step h = 1e−5 (truncation ~h²·L''' ≈ 1e−10, rounding
 * ~1e−16/h ≈ 1e−11, both far below the tolerances).
 */
final class TapeCheck {

    static final double H = 1e-5;

    private TapeCheck() {
    }

    /** L and ∇L at x (a fresh tape), gradient into g when not null. */
    static double value(Function<Var, Var> f, double[] x, int[] shape, double[] w, double[] g) {
        Tape t = Tape.create();
        Var leaf = t.leaf(x, shape);
        Var out = f.apply(leaf);
        double l = 0;
        for (int i = 0; i < out.size(); i++) {
            l += w[i] * out.value()[i];
        }
        if (g != null) {
            double[] grad = t.gradient(out, leaf, w);
            System.arraycopy(grad, 0, g, 0, grad.length);
        }
        return l;
    }

    /** The weights for an output of f at x (seeded). */
    static double[] weights(Function<Var, Var> f, double[] x, int[] shape) {
        Var out = f.apply(Tape.create().leaf(x, shape));
        double[] w = new double[out.size()];
        Rng rng = Rng.of(17);
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + rng.nextDouble();
        }
        return w;
    }

    /**
     * Asserts the gradient to {@code gradTol} and every Hessian column to {@code hessTol}, both
     * relative to the max-norm of the reference (or absolute below 1).
     */
    static void check(String name, Function<Var, Var> f, double[] x, int[] shape, double gradTol, double hessTol) {
        double[] w = weights(f, x, shape);
        int n = x.length;
        double[] g = new double[n];
        value(f, x, shape, w, g);
        double[] fd = new double[n];
        for (int i = 0; i < n; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += H;
            xm[i] -= H;
            fd[i] = (value(f, xp, shape, w, null) - value(f, xm, shape, w, null)) / (2 * H);
        }
        assertClose(name + " gradient", fd, g, gradTol);
        Tape t = Tape.create();
        Var leaf = t.leaf(x, shape);
        Var out = f.apply(leaf);
        double[][] hess = t.hessian(out, leaf, w);
        for (int j = 0; j < n; j++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[j] += H;
            xm[j] -= H;
            double[] gp = new double[n];
            double[] gm = new double[n];
            value(f, xp, shape, w, gp);
            value(f, xm, shape, w, gm);
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = (gp[i] - gm[i]) / (2 * H);
            }
            double[] e = new double[n];
            e[j] = 1;
            double[] hv = t.hessianVectorProduct(out, leaf, e, w, null);
            assertClose(name + " Hessian column " + j, col, hv, hessTol);
            assertClose(name + " symmetrised Hessian column " + j, col, column(hess, j), hessTol);
        }
    }

    static double[] column(double[][] h, int j) {
        double[] c = new double[h.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = h[i][j];
        }
        return c;
    }

    static void assertClose(String what, double[] expected, double[] actual, double tol) {
        double norm = 1;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            norm = Math.max(norm, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
        }
        double rel = diff / norm;
        assertTrue(rel <= tol, () -> what + ": relative difference " + rel + " > " + tol + ", expected "
                + java.util.Arrays.toString(expected) + " got " + java.util.Arrays.toString(actual));
    }
}
