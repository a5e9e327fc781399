package org.elbo4j.autodiff;

/**
 * An elementwise function z = f(a, b) of two arrays with NumPy broadcasting, f one of a + b,
 * a − b, a·b, a / b and a^b (for a &gt; 0, with ln a in the b-partials). With the partials f_a, f_b,
 * f_aa, f_ab, f_bb at each element:
 * <pre>
 *   ż = f_a ȧ + f_b ḃ,
 *   ā += f_a z̄,   b̄ += f_b z̄                                  (summed over broadcast elements),
 *   ā̇ += f_a z̄̇ + z̄ (f_aa ȧ + f_ab ḃ),   b̄̇ += f_b z̄̇ + z̄ (f_ab ȧ + f_bb ḃ).
 * </pre>
 * Implementation note: the partials are computed in the sweeps from the inputs' values (one
 * switch per sweep, not per element), so the forward stores only z; an input of one element is
 * read at index 0 without an index map.
 */
final class Binary extends Var {

    enum Kind { ADD, SUB, MUL, DIV, POW }

    private final Kind kind;
    private final Var a;
    private final Var b;
    private final int[] ia;
    private final int[] ib;

    private Binary(Tape tape, Kind kind, Var a, Var b, double[] z, int[] shape, int[] ia, int[] ib) {
        super(tape, z, shape);
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.ia = ia;
        this.ib = ib;
    }

    static Var of(Var a, Var b, Kind kind) {
        Tape tape = tapeOf(a, b);
        int[] shape = Shapes.broadcast(a.shape, b.shape);
        int n = Shapes.size(shape);
        int[] ia = map(a, shape, n);
        int[] ib = map(b, shape, n);
        double[] z = new double[n];
        double[] av = a.value;
        double[] bv = b.value;
        for (int i = 0; i < n; i++) {
            double x = av[at(ia, av, i)];
            double y = bv[at(ib, bv, i)];
            z[i] = switch (kind) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
                case POW -> Math.pow(x, y);
            };
        }
        return new Binary(tape, kind, a, b, z, shape, ia, ib);
    }

    /** The tape of the active inputs (null when none is); they must share one. */
    static Tape tapeOf(Var... inputs) {
        Tape tape = null;
        for (Var v : inputs) {
            if (v.tape != null && tape != null && v.tape != tape) {
                throw new IllegalArgumentException("autodiff: the inputs are on different tapes");
            }
            tape = v.tape != null ? v.tape : tape;
        }
        return tape;
    }

    /** Null when the input is read at i (same size) or at 0 (one element); else the broadcast map. */
    private static int[] map(Var v, int[] shape, int n) {
        return v.size() == n || v.size() == 1 ? null : Shapes.broadcastMap(v.shape, shape);
    }

    private static int at(int[] map, double[] values, int i) {
        return map != null ? map[i] : values.length == 1 ? 0 : i;
    }

    /** f_a, f_b, f_aa, f_ab, f_bb at (x, y, z) into d. */
    private void partials(double x, double y, double z, double[] d) {
        switch (kind) {
            case ADD -> set(d, 1, 1, 0, 0, 0);
            case SUB -> set(d, 1, -1, 0, 0, 0);
            case MUL -> set(d, y, x, 0, 1, 0);
            case DIV -> {
                double r = 1 / y;
                set(d, r, -z * r, 0, -r * r, 2 * z * r * r);
            }
            case POW -> {
                double l = Math.log(x);
                double p1 = Math.pow(x, y - 1);
                set(d, y * p1, z * l, y * (y - 1) * Math.pow(x, y - 2), p1 * (1 + y * l), z * l * l);
            }
        }
    }

    @Override
    void tangentForward() {
        double[] d = new double[5];
        for (int i = 0; i < value.length; i++) {
            int j = at(ia, a.value, i);
            int k = at(ib, b.value, i);
            partials(a.value[j], b.value[k], value[i], d);
            tangent[i] = d[0] * tangentOf(a, j) + d[1] * tangentOf(b, k);
        }
    }

    @Override
    void backward(boolean second) {
        boolean da = a.isActive();
        boolean db = b.isActive();
        if (!second && kind == Kind.ADD || !second && kind == Kind.SUB) {
            double sb = kind == Kind.ADD ? 1 : -1;
            for (int i = 0; i < value.length; i++) {
                if (da) {
                    a.adjoint[at(ia, a.value, i)] += adjoint[i];
                }
                if (db) {
                    b.adjoint[at(ib, b.value, i)] += sb * adjoint[i];
                }
            }
            return;
        }
        double[] d = new double[5];
        for (int i = 0; i < value.length; i++) {
            double g = adjoint[i];
            int j = at(ia, a.value, i);
            int k = at(ib, b.value, i);
            partials(a.value[j], b.value[k], value[i], d);
            if (da) {
                a.adjoint[j] += d[0] * g;
            }
            if (db) {
                b.adjoint[k] += d[1] * g;
            }
            if (second) {
                double ta = tangentOf(a, j);
                double tb = tangentOf(b, k);
                double gt = adjointTangent[i];
                if (da) {
                    a.adjointTangent[j] += d[0] * gt + g * (d[2] * ta + d[3] * tb);
                }
                if (db) {
                    b.adjointTangent[k] += d[1] * gt + g * (d[3] * ta + d[4] * tb);
                }
            }
        }
    }

    static Var add(Var a, Var b) {
        return of(a, b, Kind.ADD);
    }

    static Var sub(Var a, Var b) {
        return of(a, b, Kind.SUB);
    }

    static Var mul(Var a, Var b) {
        return of(a, b, Kind.MUL);
    }

    static Var div(Var a, Var b) {
        return of(a, b, Kind.DIV);
    }

    static Var pow(Var a, Var b) {
        return of(a, b, Kind.POW);
    }

    private static void set(double[] o, double fa, double fb, double faa, double fab, double fbb) {
        o[0] = fa;
        o[1] = fb;
        o[2] = faa;
        o[3] = fab;
        o[4] = fbb;
    }
}
