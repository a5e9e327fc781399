package org.elbo4j.autodiff;

/**
 * An elementwise function z = f(a, b) of two arrays with NumPy broadcasting, storing at the
 * forward the partials f_a, f_b and (when the second order is needed) f_aa, f_ab, f_bb:
 * <pre>
 *   ż = f_a ȧ + f_b ḃ,
 *   ā += f_a z̄,   b̄ += f_b z̄                                  (summed over broadcast elements),
 *   ā̇ += f_a z̄̇ + z̄ (f_aa ȧ + f_ab ḃ),   b̄̇ += f_b z̄̇ + z̄ (f_ab ȧ + f_bb ḃ).
 * </pre>
 * The functions: a + b, a − b, a·b, a / b and a^b (for a &gt; 0, with ln a in the b-partials).
 */
final class Binary extends Var {

    private final Var a;
    private final Var b;
    private final int[] ia;
    private final int[] ib;
    private final double[] fa;
    private final double[] fb;
    private final double[] faa;
    private final double[] fab;
    private final double[] fbb;

    private Binary(Tape tape, Var a, Var b, double[] z, int[] shape, int[] ia, int[] ib, double[][] d) {
        super(tape, z, shape);
        this.a = a;
        this.b = b;
        this.ia = ia;
        this.ib = ib;
        this.fa = d[0];
        this.fb = d[1];
        this.faa = d[2];
        this.fab = d[3];
        this.fbb = d[4];
    }

    /** z, f_a, f_b, f_aa, f_ab, f_bb of one pair. */
    @FunctionalInterface
    interface Rule {
        void at(double a, double b, double[] out);
    }

    static Var of(Var a, Var b, Rule rule) {
        Tape tape = a.tape != null ? a.tape : b.tape;
        if (a.tape != null && b.tape != null && a.tape != b.tape) {
            throw new IllegalArgumentException("autodiff: the two inputs are on different tapes");
        }
        int[] shape = Shapes.broadcast(a.shape, b.shape);
        int n = Shapes.size(shape);
        int[] ia = Shapes.broadcastMap(a.shape, shape);
        int[] ib = Shapes.broadcastMap(b.shape, shape);
        double[] z = new double[n];
        double[] tmp = new double[6];
        double[][] d = new double[5][];
        if (tape != null) {
            for (int k = 0; k < 5; k++) {
                d[k] = new double[n];
            }
        }
        for (int i = 0; i < n; i++) {
            rule.at(a.value[ia == null ? i : ia[i]], b.value[ib == null ? i : ib[i]], tmp);
            z[i] = tmp[0];
            if (tape != null) {
                for (int k = 0; k < 5; k++) {
                    d[k][i] = tmp[k + 1];
                }
            }
        }
        return new Binary(tape, a, b, z, shape, ia, ib, d);
    }

    @Override
    void tangentForward() {
        for (int i = 0; i < value.length; i++) {
            tangent[i] = fa[i] * tangentOf(a, at(ia, i)) + fb[i] * tangentOf(b, at(ib, i));
        }
    }

    @Override
    void backward(boolean second) {
        boolean da = a.isActive();
        boolean db = b.isActive();
        for (int i = 0; i < value.length; i++) {
            double g = adjoint[i];
            int j = at(ia, i);
            int k = at(ib, i);
            if (da) {
                a.adjoint[j] += fa[i] * g;
            }
            if (db) {
                b.adjoint[k] += fb[i] * g;
            }
            if (second) {
                double ta = tangentOf(a, j);
                double tb = tangentOf(b, k);
                double gt = adjointTangent[i];
                if (da) {
                    a.adjointTangent[j] += fa[i] * gt + g * (faa[i] * ta + fab[i] * tb);
                }
                if (db) {
                    b.adjointTangent[k] += fb[i] * gt + g * (fab[i] * ta + fbb[i] * tb);
                }
            }
        }
    }

    private static int at(int[] map, int i) {
        return map == null ? i : map[i];
    }

    static Var add(Var a, Var b) {
        return of(a, b, (x, y, o) -> set(o, x + y, 1, 1, 0, 0, 0));
    }

    static Var sub(Var a, Var b) {
        return of(a, b, (x, y, o) -> set(o, x - y, 1, -1, 0, 0, 0));
    }

    static Var mul(Var a, Var b) {
        return of(a, b, (x, y, o) -> set(o, x * y, y, x, 0, 1, 0));
    }

    static Var div(Var a, Var b) {
        return of(a, b, (x, y, o) -> {
            double r = 1 / y;
            set(o, x * r, r, -x * r * r, 0, -r * r, 2 * x * r * r * r);
        });
    }

    static Var pow(Var a, Var b) {
        return of(a, b, (x, y, o) -> {
            double z = Math.pow(x, y);
            double l = Math.log(x);
            double zx = y * Math.pow(x, y - 1);
            set(o, z, zx, z * l, y * (y - 1) * Math.pow(x, y - 2), Math.pow(x, y - 1) * (1 + y * l), z * l * l);
        });
    }

    private static void set(double[] o, double z, double fa, double fb, double faa, double fab, double fbb) {
        o[0] = z;
        o[1] = fa;
        o[2] = fb;
        o[3] = faa;
        o[4] = fab;
        o[5] = fbb;
    }
}
