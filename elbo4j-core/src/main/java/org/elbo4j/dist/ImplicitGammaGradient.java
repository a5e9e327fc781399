package org.elbo4j.dist;

import org.apache.commons.numbers.gamma.Digamma;

/**
 * The implicit reparameterization gradient of a standard Gamma draw (Figurnov, Mohamed and Mnih,
 * "Implicit Reparameterization Gradients", NeurIPS 2018): for z ~ Gamma(α, 1) held at a fixed
 * CDF level u = P(α, z), where P is the regularized lower incomplete gamma function,
 *
 * <pre>  dz/dα = −(∂P(α, z)/∂α) / f(z; α),   f(z; α) = z^(α−1) e^(−z) / Γ(α).</pre>
 *
 * <p>This class returns the relative derivative {@code D(α, z) = d log z / dα}, so that
 * {@code dz/dα = z · D}; D stays finite when z underflows (it needs only log z).
 *
 * <p>Derivation. Write {@code T ~ Gamma(α, 1)} and {@code φ(w) = αw − z(e^w − 1)}. Then
 * {@code ∂P/∂α = (z^α e^(−z)/Γ(α)) · ∫_{−∞}^{0} (log z + w − ψ(α)) e^{φ(w)} dw}, and since
 * {@code E[log T] = ψ(α)} the same value is minus the integral over {@code [0, ∞)}. Hence, with
 * the lower and upper integrals {@code G = ∫_{−∞}^0 e^φ}, {@code G' = ∫_{−∞}^0 (−w) e^φ},
 * {@code Gu = ∫_0^∞ e^φ}, {@code Gu' = ∫_0^∞ w e^φ}:
 *
 * <pre>  D = G · (ψ(α) − log z) + G'  =  Gu · (log z − ψ(α)) + Gu'.</pre>
 *
 * <p>Both forms are exact; the implementation picks the stable one.
 * <ul>
 *   <li>{@code z ≤ α + 1}: the lower series {@code G = Σ_n g_n}, {@code g_0 = 1/α},
 *       {@code g_n = g_{n−1} · z/(α+n)} (so that γ(α, z) = z^α e^(−z) G), and
 *       {@code G' = −∂G/∂α = Σ_n g_n h_n} with {@code h_n = Σ_{k≤n} 1/(α+k)}. Every term is
 *       positive. When {@code log z ≤ ψ(α)} both summands of D are positive; above that point
 *       the subtraction costs at most a few digits because there Q(α, z) is not small.</li>
 *   <li>{@code z > α + 1}: Legendre's continued fraction
 *       {@code Gu = 1/(z+1−α− 1(1−α)/(z+3−α− 2(2−α)/(z+5−α− …)))} (so that
 *       Γ(α, z) = z^α e^(−z) Gu), evaluated by the modified Lentz algorithm while carrying the
 *       derivative {@code Gu' = ∂Gu/∂α} forward (as in Moore 1982, AS 187); both summands of D
 *       are positive here.</li>
 * </ul>
 *
 * <p>Implementation note: no exp, lgamma or incomplete gamma value is formed, so nothing
 * overflows or cancels at large α or in the tails. Both expansions need O(√α + 1) terms near
 * the bulk and fewer in the tails (measured: about 1 µs per draw for α ≤ 100, 11 µs at
 * α = 1e4). Validated against 50-digit mpmath values over α ∈ [0.05, 100], u ∈ [1e-6, 1 − 1e-6]
 * (worst relative error 8e-15; see {@code gen_gamma_family.py}) and against double-precision
 * differences of the inverse CDF for α ∈ [0.01, 1e4] (ImplicitReparamTest).
 */
final class ImplicitGammaGradient {

    private static final double EPS = 1e-15;
    private static final double TINY = 1e-300;
    private static final int MAX_TERMS = 10_000_000;

    private ImplicitGammaGradient() {
    }

    /**
     * d log z / dα for z ~ Gamma(α, 1) at a fixed CDF level, given log z (which may be very
     * negative when z underflows); +∞ when log z = −∞.
     */
    static double logDerivative(double alpha, double logZ) {
        if (logZ == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        double z = Math.exp(logZ);
        double psi = Digamma.value(alpha);
        if (z <= alpha + 1) {
            return lowerSeries(alpha, z, psi - logZ);
        }
        return upperContinuedFraction(alpha, z, logZ - psi);
    }

    /** dz/dα = z · D, with the limit 0 when z = 0. */
    static double derivative(double alpha, double z) {
        if (z == 0) {
            return 0;
        }
        return z * logDerivative(alpha, Math.log(z));
    }

    /** G · (ψ(α) − log z) + G' by the series of γ(α, z); {@code psiMinusLogZ} = ψ(α) − log z. */
    private static double lowerSeries(double alpha, double z, double psiMinusLogZ) {
        double term = 1 / alpha;
        double harmonic = 1 / alpha;
        double g = term;
        double gPrime = term * harmonic;
        for (int n = 1; n < MAX_TERMS; n++) {
            term *= z / (alpha + n);
            harmonic += 1 / (alpha + n);
            g += term;
            gPrime += term * harmonic;
            double ratio = z / (alpha + n + 1);
            if (ratio < 1) {
                double tailFactor = 1 / (1 - ratio);
                if (term * tailFactor <= EPS * g && term * harmonic * tailFactor * tailFactor <= EPS * gPrime) {
                    return g * psiMinusLogZ + gPrime;
                }
            }
        }
        throw new ArithmeticException("ImplicitGammaGradient: series did not converge for alpha=" + alpha
                + ", z=" + z);
    }

    /** Gu · (log z − ψ(α)) + Gu' by the continued fraction of Γ(α, z); z > α + 1. */
    private static double upperContinuedFraction(double alpha, double z, double logZMinusPsi) {
        double b = z + 1 - alpha;
        double db = -1;
        double c = 1 / TINY;
        double dc = 0;
        double d = 1 / b;
        double dd = -db / (b * b);
        double h = d;
        double dLogH = dd / d;
        for (int i = 1; i < MAX_TERMS; i++) {
            double an = -i * (i - alpha);
            double dan = i;
            b += 2;
            double denom = an * d + b;
            double dDenom = dan * d + an * dd + db;
            if (Math.abs(denom) < TINY) {
                denom = TINY;
            }
            d = 1 / denom;
            dd = -dDenom * d * d;
            double cNew = b + an / c;
            dc = db + dan / c - an * dc / (c * c);
            c = Math.abs(cNew) < TINY ? TINY : cNew;
            double delta = d * c;
            double dLogDelta = dd / d + dc / c;
            h *= delta;
            dLogH += dLogDelta;
            if (Math.abs(delta - 1) <= EPS && Math.abs(dLogDelta) <= EPS * Math.abs(dLogH)) {
                return h * (logZMinusPsi + dLogH);
            }
        }
        throw new ArithmeticException("ImplicitGammaGradient: continued fraction did not converge for alpha="
                + alpha + ", z=" + z);
    }
}
