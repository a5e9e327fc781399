package org.elbo4j.ppca;

import java.util.random.RandomGenerator;
import org.elbo4j.infer.AscentMonitor;
import org.elbo4j.infer.ObjectiveTrace;
import org.elbo4j.linalg.Covariance;

/**
 * EM for probabilistic PCA (Tipping &amp; Bishop 1999, §3.2 and eq. 29–30; Roweis, "EM algorithms
 * for PCA and SPCA", NIPS 1998) as coordinate ascent on the ELBO ({@link PpcaElbo}): iteration t
 *
 * <ol>
 *   <li>E-step: q_t(z_n) = p(z_n | x_n; W_t, σ_t²), so that ELBO(q_t; W_t, σ_t²) = L(W_t, σ_t²);</li>
 *   <li>M-step: (W_{t+1}, σ_{t+1}²) = argmax ELBO(q_t; ·), so that
 *       L(W_t, σ_t²) ≤ ELBO(q_t; W_{t+1}, σ_{t+1}²) ≤ L(W_{t+1}, σ_{t+1}²).</li>
 * </ol>
 * The trace records ELBO_t = ELBO(q_t; W_{t+1}, σ²_{t+1}) and the exact L_t = L(W_{t+1}, σ²_{t+1})
 * ({@link PpcaModel}) side by side, and an {@link AscentMonitor} on the ELBO decides when to stop.
 * Every iteration checks both inequalities and the E-step equality; the largest violations are in
 * the result (round-off, about 1e-13 relative, unless something is wrong). The fixed point spans
 * the leading eigenvectors, and L converges to the closed form ({@link PpcaClosedForm}).
 *
 * <p>EM converges linearly, and slowly when the noise variance is small against the retained
 * variances: on the raw wine table (q = 1, σ²/λ₁ ≈ 1.6e-4) the log-likelihood gap shrinks by about
 * 4e-4 per iteration. The closed form is then the answer and EM its check; the verdict says
 * MAX_STEPS when the budget runs out first.
 *
 * <p>Every step uses the data only through x̄ and S: one iteration costs one product S W
 * (d²q multiply-adds, in parallel, bit-identical for any thread count) and O(dq²) more.
 * The start is W₀ with independent N(0, tr S / (d q)) entries drawn from {@code rng}, σ₀² = tr S / d.
 */
public final class PpcaEm {

    private PpcaEm() {
    }

    /**
     * Fits q latent dimensions by EM.
     *
     * @throws IllegalArgumentException if n &lt; 2, q is not in [1, d), every coordinate is
     *     constant, maxIterations &lt; 1 or relTolerance is not finite and ≥ 0
     */
    public static PpcaEmFit fit(Covariance data, int q, int maxIterations, double relTolerance, RandomGenerator rng) {
        int n = data.count();
        int d = data.dimension();
        double traceS = Moments.checkFit("PpcaEm", data, q);
        AscentMonitor monitor = AscentMonitor.of(relTolerance, maxIterations);
        double[][] s = data.matrix();
        double[][] w = new double[d][q];
        double scale = Math.sqrt(traceS / ((double) d * q));
        for (double[] row : w) {
            for (int j = 0; j < q; j++) {
                row[j] = scale * rng.nextGaussian();
            }
        }
        double sigma2 = traceS / d;
        double[][] sw = Moments.times(s, w);
        double logLikelihood = PpcaModel.logLikelihood(n, traceS, w, sw, sigma2);
        double start = logLikelihood;
        ObjectiveTrace exact = new ObjectiveTrace();
        double boundExcess = 0;
        double ascentShortfall = 0;
        double eStepGap = 0;
        while (true) {
            PpcaElbo posterior = PpcaElbo.posterior(n, traceS, w, sw, sigma2);
            eStepGap = Math.max(eStepGap, Math.abs(posterior.at(w, sigma2) - logLikelihood) / scaleOf(logLikelihood));
            PpcaElbo.Parameters next = posterior.maximiser();
            if (!(next.sigma2() > 0) || !Double.isFinite(next.sigma2())) {
                monitor.add(Double.NaN);
                break;
            }
            double elbo = posterior.at(next.w(), next.sigma2());
            double[][] nextSw = Moments.times(s, next.w());
            double nextLogLikelihood = PpcaModel.logLikelihood(n, traceS, next.w(), nextSw, next.sigma2());
            boundExcess = Math.max(boundExcess, (elbo - nextLogLikelihood) / scaleOf(nextLogLikelihood));
            ascentShortfall = Math.max(ascentShortfall, (logLikelihood - elbo) / scaleOf(logLikelihood));
            w = next.w();
            sigma2 = next.sigma2();
            sw = nextSw;
            logLikelihood = nextLogLikelihood;
            exact.add(logLikelihood);
            if (monitor.add(elbo)) {
                break;
            }
        }
        PpcaModel model = PpcaModel.of(data.mean(), w, sigma2);
        return new PpcaEmFit(model, monitor.verdict(), monitor.reason(), start, monitor.trace(),
                exact, boundExcess, ascentShortfall, eStepGap);
    }

    private static double scaleOf(double value) {
        return Math.max(1.0, Math.abs(value));
    }
}
