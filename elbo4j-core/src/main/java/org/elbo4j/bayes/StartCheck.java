package org.elbo4j.bayes;

import java.util.Optional;
import org.elbo4j.infer.LogWeights;
import org.elbo4j.infer.SignificantDigits;
import org.elbo4j.optim.PlateauDecay;
import org.elbo4j.random.Rng;

/**
 * Whether a variational fit started at the Laplace approximation needs any steps: a bound on what
 * the steps could gain. For every guide q, {@code ELBO(q) = log p(D) − KL(q ‖ p) ≤ log p(D)}, so
 * no guide can raise the ELBO above the start guide q₀'s by more than
 * <pre>
 *   G = log p(D) − ELBO(q₀) = KL(q₀ ‖ p),
 * </pre>
 * estimated from S draws u_s ~ q₀ with log weights r_s = ℓ(u_s) − log q₀(u_s) (the evidence
 * draws, {@link Diagnostics#report}) as {@code Ĝ = log((1/S) Σ e^{r_s}) − (1/S) Σ r_s ≥ 0}
 * (≈ ½ Var(r) when q₀ is close to p), with the delta-method standard error
 * {@code se = sd(ψ)/√S}, {@code ψ_s = e^{r_s}/mean(e^r) − 1 − (r_s − mean(r))}. The fit stops
 * at q₀ (verdict CONVERGED, no steps) when
 * <pre>
 *   Ĝ + 2 se &lt; ε = ½ · 0.05²  nats   and   (k̂ &lt; 0.5  or  max_s r_s − min_s r_s &lt; ε),
 * </pre>
 * i.e. q₀ is confidently within ε of the posterior in KL, with weights whose Pareto k̂ says the
 * importance-sampling estimate is reliable (Yao et al. 2018), or weights all equal to within a
 * factor e^ε (a posterior that is Gaussian up to rounding: the Pareto fit to their tail would be a
 * fit to rounding noise, its k̂ meaningless). ε is the KL of a shift of one mean
 * by 0.05 posterior sd between Gaussians of equal covariance ({@code ½ δ²}): the precision the
 * loop's own stopping rule resolves ({@link PlateauDecay#SETTLED_SHIFT}); any guide the loop could
 * reach is then no closer than that. A Gaussian posterior (conjugate regression), or a large-N
 * logistic regression whose posterior is its Laplace approximation, stops here; with a mean-field
 * or low-rank family q₀ is the family's start (diagonal of the Laplace sds), so correlated
 * posteriors do not.
 *
 * <p>Implementation note: the S full-data evaluations are made only after a screen of
 * {@value #SCREEN_DRAWS} draws (random stream of the fit's "start check") has {@code Ĝ < ε}, so
 * a start far from the posterior costs {@value #SCREEN_DRAWS} evaluations; when the fit stops
 * here, the S draws are those of the evidence stream and their report is the fit's diagnostics.
 */
final class StartCheck {

    /** ε: the KL (nats) below which the start guide counts as the posterior. */
    static final double TOLERANCE = 0.5 * PlateauDecay.SETTLED_SHIFT * PlateauDecay.SETTLED_SHIFT;
    /** Draws of the screen before the S evidence draws. */
    static final int SCREEN_DRAWS = 64;
    /** The fewest evidence draws S the check runs with (fewer: no check). */
    static final int MIN_DRAWS = 100;
    /** The k̂ below which the weights are reliable. */
    static final double KHAT_LIMIT = 0.5;

    /** The check's answer when the fit may stop at q₀: its diagnostics and the numbers behind the verdict. */
    record Stop(Diagnostics.Report report, String reason) {
    }

    private StartCheck() {
    }

    /**
     * The check of q₀ ({@code start}): empty when the fit must take steps.
     *
     * @param start        diagnostics of q₀ on the full data
     * @param draws        S, the evidence draws
     * @param screenRng    the stream of the screen
     * @param evidenceRng  the stream of the evidence draws (as the fit's diagnostics use it)
     */
    static Optional<Stop> run(Diagnostics start, int draws, Rng screenRng, Rng evidenceRng) {
        if (draws < MIN_DRAWS) {
            return Optional.empty();
        }
        Diagnostics.Report screen = start.report(SCREEN_DRAWS, screenRng);
        if (!(gap(screen.logWeights())[0] < TOLERANCE)) {
            return Optional.empty();
        }
        Diagnostics.Report report = start.report(draws, evidenceRng);
        double[] g = gap(report.logWeights());
        if (report.evidence().isEmpty() || !(g[0] + 2 * g[1] < TOLERANCE)
                || !(report.evidence().get().khat() < KHAT_LIMIT || spread(report.logWeights()) < TOLERANCE)) {
            return Optional.empty();
        }
        return Optional.of(new Stop(report, "no steps: the start is within " + SignificantDigits.of(g[0], 3)
                + " ± " + SignificantDigits.of(g[1], 3) + " (se) nats of the posterior (KL bound on any ELBO gain,"
                + " importance-sampled over " + draws + " draws, khat " + SignificantDigits.of(
                        report.evidence().get().khat(), 2) + "), below " + SignificantDigits.of(TOLERANCE, 3) + " (a 0.05 sd shift)"));
    }

    /** max − min of the log weights. */
    static double spread(double[] logW) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : logW) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }

    /**
     * {Ĝ, se}: log-mean-exp minus mean of the log weights and its delta-method standard error
     * (see the class comment); {NaN, NaN} when a weight is not finite.
     */
    static double[] gap(double[] logW) {
        int s = logW.length;
        LogWeights.Summary sum = LogWeights.summary(logW);
        if (!sum.hasEstimate() || s < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logW) {
            max = Math.max(max, v);
        }
        double meanW = Math.exp(sum.logMeanExp() - max);
        double psiMean = 0;
        double[] psi = new double[s];
        for (int i = 0; i < s; i++) {
            psi[i] = Math.exp(logW[i] - max) / meanW - 1 - (logW[i] - sum.mean());
            psiMean += psi[i] / s;
        }
        double ss = 0;
        for (double p : psi) {
            ss += (p - psiMean) * (p - psiMean);
        }
        double gap = Math.max(0, sum.logMeanExp() - sum.mean());
        return new double[] {gap, Math.sqrt(ss / (s - 1) / s)};
    }
}
