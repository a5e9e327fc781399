package org.elbo4j.bayes.models;

/**
 * Quadrature rules for {@code E[f(μ + s t)]}, t ~ N(0, 1), of a function f that is analytic in the
 * strip |Im η| &lt; π with at most linear growth, such as log σ(η) and its derivatives (poles at
 * η = ±iπ): {@code E ≈ Σ_k w_k f(μ + s t_k)} with nodes t_k and weights w_k summing to 1.
 * <ul>
 *   <li>s ≤ 1.6: Gauss–Hermite with n nodes, {@code t_k = √2 x_k}, {@code w_k = ω_k/√π}
 *       (Abramowitz &amp; Stegun 25.4.46), n = 8, 16, 32 or 64 for s ≤ 0.3, 0.6, 1.0, 1.6. The error
 *       of n-node Gauss–Hermite on a function analytic in |Im x| &lt; ρ falls like
 *       {@code exp(−2ρ√(2n))}, here ρ = π/(s√2): {@code exp(−2π√n / s)}; the thresholds are where
 *       the measured error of E[log σ], E[σ] and E[σ(1 − σ)] (over μ ∈ [−6, 6]) stays below
 *       2e−11 absolute (relative for E[log σ]), see {@code tools/natgrad/quadrature_reference.py}.</li>
 *   <li>s &gt; 1.6: composite 10-point Gauss–Legendre on t ∈ [−10, 10] in ⌈40 s⌉ panels, each
 *       panel 0.5 wide in η (a tenth of the distance 2π to the nearest poles' reflections: the
 *       error per panel is of order 12^−20), weights {@code ω φ(t)}; the Gaussian tail beyond
 *       |t| = 10 holds 1.5e−23 of the mass; at most {@value #MAX_PANELS} panels (s ≤ 100 keeps
 *       the accuracy; a q that wide is far from any posterior and the fit's safeguard rejects it).</li>
 * </ul>
 * Nodes are found by Newton's method on the three-term recurrences (Golub &amp; Welsch give the
 * same nodes as eigenvalues), once per class load.
 */
final class NormalQuadrature {

    /** The Gauss–Hermite node counts and the largest s each serves. */
    private static final int[] NODES = {8, 16, 32, 64};
    private static final double[] MAX_SCALE = {0.3, 0.6, 1.0, 1.6};
    /** Half-width in t of the composite rule, and the panel width in η. */
    static final double TAIL = 10;
    static final double PANEL = 0.5;
    /** The most panels of the composite rule: beyond s = 100 the panels widen and the 1e−10 accuracy is lost. */
    static final int MAX_PANELS = 4000;

    private static final double[][] HERMITE_T = new double[NODES.length][];
    private static final double[][] HERMITE_W = new double[NODES.length][];
    private static final double[] LEGENDRE_X;
    private static final double[] LEGENDRE_W;

    static {
        for (int i = 0; i < NODES.length; i++) {
            double[][] r = hermite(NODES[i]);
            HERMITE_T[i] = r[0];
            HERMITE_W[i] = r[1];
        }
        double[][] l = legendre(10);
        LEGENDRE_X = l[0];
        LEGENDRE_W = l[1];
    }

    /** A rule: nodes t and weights w with Σ w = 1 (approximately). */
    record Rule(double[] t, double[] w) {
    }

    private NormalQuadrature() {
    }

    /**
     * The rule for scale s ≥ 0 (see the class comment); the Gauss–Hermite rules are shared, do not change them.
     *
     * @throws IllegalArgumentException if s is not finite and ≥ 0
     */
    static Rule rule(double s) {
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("NormalQuadrature: s must be finite and >= 0, got " + s);
        }
        for (int i = 0; i < NODES.length; i++) {
            if (s <= MAX_SCALE[i]) {
                return new Rule(HERMITE_T[i], HERMITE_W[i]);
            }
        }
        return composite((int) Math.min(MAX_PANELS, Math.ceil(2 * TAIL * s / PANEL)));
    }

    /** The index of the Gauss–Hermite rule for s, or −1 for the composite rule. */
    static int tier(double s) {
        for (int i = 0; i < NODES.length; i++) {
            if (s <= MAX_SCALE[i]) {
                return i;
            }
        }
        return -1;
    }

    /** The shared Gauss–Hermite rule of tier i. */
    static Rule hermiteRule(int i) {
        return new Rule(HERMITE_T[i], HERMITE_W[i]);
    }

    /** Composite 10-point Gauss–Legendre on [−TAIL, TAIL] in {@code panels} panels, weights times φ(t). */
    static Rule composite(int panels) {
        int k = LEGENDRE_X.length;
        double[] t = new double[panels * k];
        double[] w = new double[panels * k];
        double h = 2 * TAIL / panels;
        for (int p = 0; p < panels; p++) {
            double mid = -TAIL + (p + 0.5) * h;
            for (int i = 0; i < k; i++) {
                double ti = mid + 0.5 * h * LEGENDRE_X[i];
                t[p * k + i] = ti;
                w[p * k + i] = 0.5 * h * LEGENDRE_W[i] * Math.exp(-0.5 * ti * ti) / Math.sqrt(2 * Math.PI);
            }
        }
        return new Rule(t, w);
    }

    /**
     * Gauss–Hermite nodes and weights for ∫ e^{−x²} f(x) dx, returned as the rule for N(0, 1):
     * t = √2 x, w = ω/√π. Newton's method on the orthonormal recurrence
     * {@code p_j = x √(2/j) p_{j−1} − √((j−1)/j) p_{j−2}} (Press et al., Numerical Recipes, gauher).
     */
    static double[][] hermite(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        double pim4 = Math.pow(Math.PI, -0.25);
        int m = (n + 1) / 2;
        double z = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0) {
                z = Math.sqrt(2.0 * n + 1) - 1.85575 * Math.pow(2.0 * n + 1, -0.16667);
            } else if (i == 1) {
                z -= 1.14 * Math.pow(n, 0.426) / z;
            } else if (i == 2) {
                z = 1.86 * z - 0.86 * x[0];
            } else if (i == 3) {
                z = 1.91 * z - 0.91 * x[1];
            } else {
                z = 2.0 * z - x[i - 2];
            }
            double pp = 0;
            for (int it = 0; it < 100; it++) {
                double p1 = pim4;
                double p2 = 0;
                for (int j = 1; j <= n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.sqrt(2.0 / j) * p2 - Math.sqrt((j - 1.0) / j) * p3;
                }
                pp = Math.sqrt(2.0 * n) * p2;
                double z1 = z;
                z = z1 - p1 / pp;
                if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) {
                    break;
                }
            }
            x[i] = z;
            x[n - 1 - i] = -z;
            w[i] = 2.0 / (pp * pp);
            w[n - 1 - i] = w[i];
        }
        double[] t = new double[n];
        double[] wn = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.sqrt(2) * x[n - 1 - i];
            wn[i] = w[n - 1 - i] / Math.sqrt(Math.PI);
        }
        return new double[][] {t, wn};
    }

    /** Gauss–Legendre nodes and weights on [−1, 1] by Newton's method on P_n (Numerical Recipes, gauleg). */
    static double[][] legendre(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double pp = 0;
            for (int it = 0; it < 100; it++) {
                double p1 = 1;
                double p2 = 0;
                for (int j = 1; j <= n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = ((2.0 * j - 1) * z * p2 - (j - 1.0) * p3) / j;
                }
                pp = n * (z * p1 - p2) / (z * z - 1);
                double z1 = z;
                z = z1 - p1 / pp;
                if (Math.abs(z - z1) <= 1e-16) {
                    break;
                }
            }
            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = 2 / ((1 - z * z) * pp * pp);
            w[n - 1 - i] = w[i];
        }
        return new double[][] {x, w};
    }
}
