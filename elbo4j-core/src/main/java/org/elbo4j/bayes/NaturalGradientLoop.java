package org.elbo4j.bayes;

import java.util.Arrays;
import java.util.List;
import org.elbo4j.infer.SignificantDigits;
import org.elbo4j.infer.Verdict;

/**
 * The full-rank Gaussian fit by exact natural-gradient steps of step size ρ (Khan &amp; Lin 2017,
 * "Conjugate-computation variational inference", eq. for Gaussian q), the fixed point of Opper &amp;
 * Archambeau (2009) when ρ = 1: from q = N(m, P⁻¹),
 * <pre>
 *   P′ = (1 − ρ) P + ρ (−E_q[∇²ℓ]),    m′ = m + ρ P′⁻¹ E_q[∇ℓ],
 * </pre>
 * with E_q[ℓ], E_q[∇ℓ] and −E_q[∇²ℓ] exact ({@link GaussianExpectations}: one pass over the data,
 * one Spark job for a partitioned model) and the exact objective
 * <pre>
 *   ELBO(m, P) = E_q[ℓ] + H[q],   H[q] = ½ d (1 + log 2π) + Σ_j log L_jj,   L Lᵀ = P⁻¹.
 * </pre>
 * Safeguard: a step whose ELBO is lower than the current one (by more than rounding,
 * {@value #ROUNDING} · max(1, |ELBO|)) or not finite, or whose P′ is not positive definite, is
 * rejected and retried with ρ halved; an accepted step doubles ρ back towards 1 (each retry is
 * one more pass). Stops (CONVERGED) after an accepted step with
 * <pre>
 *   |ΔELBO| &lt; {@value #ELBO_TOLERANCE} · max(1, |ELBO|)   and   max_j |Δm_j| / √S′_jj &lt; {@value #MEAN_TOLERANCE},
 * </pre>
 * PLATEAU when ρ falls below 2^−{@value #MAX_HALVINGS} without an ascent step, MAX_STEPS after
 * the pass budget min(maxSteps, {@value #MAX_PASSES}), NON_FINITE when the start's ELBO is not
 * finite. The trace holds the exact ELBO of every pass (a rejected step's too, when finite); the
 * reason counts the rejected steps. Deterministic: no random numbers.
 */
final class NaturalGradientLoop {

    static final int MAX_PASSES = 200;
    /**
     * The Newton decrement λ² at which {@link BayesFit} stops the Laplace start of this loop: the
     * first Newton iterate within λ = 1 posterior sd of the mode (the Newton search's own test of
     * success), which the loop's first step, itself Newton-like, removes; the loop's convergence
     * test decides the result. Measured on a logistic regression (N = 20,000, D = 20): 4 Newton
     * evaluations instead of 6 at the search's default 1e-4, the same 3 passes of this loop, and
     * the same Gaussian to 7e-6 posterior sd ({@code NaturalStartTest}).
     */
    static final double START_TOLERANCE = 1;
    static final double ELBO_TOLERANCE = 1e-9;
    static final double MEAN_TOLERANCE = 1e-3;
    static final double ROUNDING = 1e-12;
    static final int MAX_HALVINGS = 30;
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private final GaussianExpectations model;
    private final int d;
    private double[] mean;
    private double[][] precision;
    private double[][] covariance;
    private double[][] lower;
    private double[] gradient;
    private double[][] curvature;
    private double elbo;
    /** Steps rejected by the safeguard so far. */
    private int rejected;

    private NaturalGradientLoop(GaussianExpectations model, int d) {
        this.model = model;
        this.d = d;
    }

    /**
     * The fit from q = N(start, precision⁻¹) (the Laplace approximation, or any positive-definite
     * precision), with at most {@code maxPasses} evaluations; coordinates named by {@code names}.
     *
     * @throws IllegalArgumentException if the lengths differ or the precision is not positive definite
     */
    static Optimisation run(GaussianExpectations model, List<String> names, double[] start, double[][] precision,
            int maxPasses) {
        int d = start.length;
        if (names.size() != d || precision.length != d) {
            throw new IllegalArgumentException("NaturalGradientLoop: start, precision and names must have length " + d
                    + ", got " + precision.length + " and " + names.size());
        }
        NaturalGradientLoop loop = new NaturalGradientLoop(model, d);
        return loop.fit(names, start, precision, Math.min(maxPasses, MAX_PASSES));
    }

    private Optimisation fit(List<String> names, double[] start, double[][] p0, int cap) {
        double[] trace = new double[cap];
        int passes = 0;
        double[] g = new double[d];
        double[][] h = new double[d][d];
        mean = start.clone();
        precision = copy(p0);
        covariance = DenseCholesky.of(precision).inverse();
        lower = Diagnostics.factor(copy(covariance)).lower();
        elbo = model.expectations(mean, lower, g, h) + entropy(lower);
        trace[passes++] = elbo;
        gradient = g;
        curvature = h;
        if (!Double.isFinite(elbo)) {
            return result(names, Verdict.NON_FINITE, "the exact ELBO at the start is " + elbo, trace, passes);
        }
        double rho = 1;
        int halvings = 0;
        rejected = 0;
        while (passes < cap) {
            double[][] pn = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    pn[i][j] = (1 - rho) * precision[i][j] + rho * curvature[i][j];
                }
            }
            DenseCholesky cp;
            try {
                cp = DenseCholesky.of(pn);
            } catch (IllegalArgumentException e) {
                cp = null;
            }
            double[][] sn = null;
            double[][] ln = null;
            double[] mn = null;
            double en = Double.NaN;
            double[] gn = new double[d];
            double[][] hn = new double[d][d];
            if (cp != null) {
                sn = cp.inverse();
                ln = Diagnostics.factor(copy(sn)).lower();
                double[] step = cp.solve(gradient);
                mn = new double[d];
                for (int i = 0; i < d; i++) {
                    mn[i] = mean[i] + rho * step[i];
                }
                en = model.expectations(mn, ln, gn, hn) + entropy(ln);
                trace[passes++] = Double.isFinite(en) ? en : elbo;
            }
            if (cp == null || !(en >= elbo - ROUNDING * Math.max(1, Math.abs(elbo)))) {
                rho /= 2;
                rejected++;
                if (++halvings > MAX_HALVINGS) {
                    return result(names, Verdict.PLATEAU, "no ascent step down to step size 2^-" + MAX_HALVINGS
                            + "; ELBO " + SignificantDigits.of(elbo, 12), trace, passes);
                }
                continue;
            }
            double shift = 0;
            for (int i = 0; i < d; i++) {
                shift = Math.max(shift, Math.abs(mn[i] - mean[i]) / Math.sqrt(sn[i][i]));
            }
            double change = Math.abs(en - elbo);
            mean = mn;
            precision = pn;
            covariance = sn;
            lower = ln;
            gradient = gn;
            curvature = hn;
            elbo = en;
            if (change < ELBO_TOLERANCE * Math.max(1, Math.abs(en)) && shift < MEAN_TOLERANCE) {
                return result(names, Verdict.CONVERGED, "exact ELBO " + SignificantDigits.of(en, 12) + " changed by "
                        + SignificantDigits.of(change, 2) + " and the mean by " + SignificantDigits.of(shift, 2)
                        + " posterior sd at step size " + rho, trace, passes);
            }
            rho = Math.min(1, 2 * rho);
        }
        return result(names, Verdict.MAX_STEPS, "pass budget of " + cap + " used up; exact ELBO "
                + SignificantDigits.of(elbo, 12), trace, passes);
    }

    private Optimisation result(List<String> names, Verdict verdict, String reason, double[] trace, int passes) {
        String note = "natural-gradient steps on the exact ELBO (" + passes + " passes over the data, " + rejected
                + " steps rejected and retried with half the step size): ";
        return new Optimisation(verdict, note + reason, Arrays.copyOf(trace, passes), passes,
                new UnconstrainedGaussian(names, mean, covariance));
    }

    /** H[N(m, L Lᵀ)] = ½ d (1 + log 2π) + Σ_j log L_jj. */
    static double entropy(double[][] lower) {
        double h = 0.5 * lower.length * (1 + LOG_TWO_PI);
        for (int j = 0; j < lower.length; j++) {
            h += Math.log(lower[j][j]);
        }
        return h;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
