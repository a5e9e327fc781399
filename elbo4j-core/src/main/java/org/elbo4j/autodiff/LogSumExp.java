package org.elbo4j.autodiff;

import org.elbo4j.tensor.Reductions;

/**
 * {@code y = log Σ_i exp x_i} along one axis, with the softmax weights p_i = exp(x_i − y) kept
 * from the forward:
 * <pre>
 *   ẏ = Σ_i p_i ẋ_i,   x̄_i += p_i ȳ,   x̄̇_i += p_i ȳ̇ + ȳ p_i (ẋ_i − ẏ)      (∂p_i/∂x_j = p_i (δ_ij − p_j)).
 * </pre>
 * Implementation note: computed as {@code m + log Σ exp(x_i − m)} with m the maximum; an
 * infinite maximum gives y = m and shares the weight 1 among the entries equal to it, and a NaN
 * input gives NaN, as {@code tensor.Reductions.logSumExp} does.
 */
final class LogSumExp extends Var {

    private final Var x;
    private final double[] p;
    private final int n;
    private final int inner;

    private LogSumExp(Var x, int[] shape, int n, int inner) {
        super(x.tape, new double[Shapes.size(shape)], shape);
        this.x = x;
        this.n = n;
        this.inner = inner;
        this.p = new double[x.size()];
        int outer = value.length / Math.max(1, inner);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                value[o * inner + j] = row(o * n * inner + j);
            }
        }
    }

    /** y of one row starting at {@code base} (stride inner), its weights into p. */
    private double row(int base) {
        double m = n == 0 ? Double.NEGATIVE_INFINITY : x.value[Reductions.argmax(i -> x.value[i], base, n, inner)];
        if (m != m) {
            return Double.NaN;
        }
        if (Double.isInfinite(m)) {
            int ties = 0;
            for (int i = 0; i < n; i++) {
                ties += x.value[base + i * inner] == m ? 1 : 0;
            }
            for (int i = 0; i < n; i++) {
                p[base + i * inner] = x.value[base + i * inner] == m ? 1.0 / ties : 0;
            }
            return m;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(x.value[base + i * inner] - m);
            p[base + i * inner] = e;
            s += e;
        }
        for (int i = 0; i < n; i++) {
            p[base + i * inner] /= s;
        }
        return m + Math.log(s);
    }

    /** Along {@code axis}, keeping it as size 1 or dropping it. */
    static Var of(Var x, int axis, boolean keepDim) {
        int r = x.shape.length;
        int a = Shapes.axis("logSumExp", axis, r);
        int inner = 1;
        for (int i = a + 1; i < r; i++) {
            inner *= x.shape[i];
        }
        int[] kept = x.shape.clone();
        kept[a] = 1;
        Var y = new LogSumExp(x, kept, x.shape[a], inner);
        return keepDim ? y : Gather.reshape(y, SumTo.dropAxis(x.shape, a));
    }

    private int at(int outIndex, int i) {
        int o = outIndex / inner;
        int j = outIndex % inner;
        return (o * n + i) * inner + j;
    }

    @Override
    void tangentForward() {
        for (int q = 0; q < value.length; q++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                int e = at(q, i);
                s += p[e] * x.tangent[e];
            }
            tangent[q] = s;
        }
    }

    @Override
    void backward(boolean second) {
        for (int q = 0; q < value.length; q++) {
            double g = adjoint[q];
            for (int i = 0; i < n; i++) {
                int e = at(q, i);
                x.adjoint[e] += p[e] * g;
                if (second) {
                    x.adjointTangent[e] += p[e] * (adjointTangent[q] + g * (x.tangent[e] - tangent[q]));
                }
            }
        }
    }
}
