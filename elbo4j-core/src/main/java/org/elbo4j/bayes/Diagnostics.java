package org.elbo4j.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * What a fit reports about its Gaussian q(u) = N(μ, Σ), Σ = L Lᵀ: draws {@code u = μ + L z} in
 * double, pushed through the bijections; the importance weights
 * {@code log w = log p(D, f(u)) + log |det J_f(u)| − log q(u)} (full data) give the final ELBO
 * {@code mean(log w)} with standard error {@code sd(log w)/√S}, and the {@link Evidence}.
 * Model evaluations go in chunks of {@value #CHUNK} draws so that the [S, N] intermediates stay small.
 */
final class Diagnostics {

    static final int CHUNK = 256;
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    /** Final ELBO with its standard error, and the evidence (empty for a point mass). */
    record Report(double elbo, double elboStderr, Optional<Evidence> evidence) {
    }

    private final BayesModel model;
    private final UnconstrainedLayout layout;
    private final UnconstrainedGaussian q;
    private final DenseCholesky chol;

    private Diagnostics(BayesModel model, UnconstrainedLayout layout, UnconstrainedGaussian q, DenseCholesky chol) {
        this.model = model;
        this.layout = layout;
        this.q = q;
        this.chol = chol;
    }

    /** Diagnostics of q; a zero covariance (MAP) is a point mass. */
    static Diagnostics of(BayesModel model, UnconstrainedLayout layout, UnconstrainedGaussian q) {
        double[][] cov = q.covariance();
        boolean pointMass = true;
        for (double[] row : cov) {
            for (double v : row) {
                pointMass &= v == 0;
            }
        }
        return new Diagnostics(model, layout, q, pointMass ? null : factor(cov));
    }

    private static DenseCholesky factor(double[][] cov) {
        try {
            return DenseCholesky.of(cov);
        } catch (IllegalArgumentException e) {
            double maxDiag = 0;
            for (int i = 0; i < cov.length; i++) {
                maxDiag = Math.max(maxDiag, cov[i][i]);
            }
            for (int i = 0; i < cov.length; i++) {
                cov[i][i] += 1e-10 * maxDiag;
            }
            return DenseCholesky.of(cov);
        }
    }

    /** S unconstrained draws as rows, and their standard-normal z's sum of squares. */
    private double[][] drawU(int s, Rng rng, double[] halfSquares) {
        int d = q.dim();
        double[] mean = q.mean();
        double[][] u = new double[s][];
        for (int i = 0; i < s; i++) {
            if (chol == null) {
                u[i] = mean.clone();
                continue;
            }
            double[] z = new double[d];
            double ss = 0;
            for (int j = 0; j < d; j++) {
                z[j] = rng.nextGaussian();
                ss += z[j] * z[j];
            }
            double[] lz = chol.multiplyLower(z);
            for (int j = 0; j < d; j++) {
                lz[j] += mean[j];
            }
            u[i] = lz;
            if (halfSquares != null) {
                halfSquares[i] = 0.5 * ss;
            }
        }
        return u;
    }

    private static Tensor rows(double[][] u, int from, int to) {
        int d = u[0].length;
        double[] flat = new double[(to - from) * d];
        for (int i = from; i < to; i++) {
            System.arraycopy(u[i], 0, flat, (i - from) * d, d);
        }
        return Tensor.of(flat, to - from, d);
    }

    /** The ELBO, its standard error and the importance-sampled evidence with S draws. */
    Report report(int s, Rng rng) {
        if (chol == null || s == 0) {
            return new Report(Double.NaN, Double.NaN, Optional.empty());
        }
        double[] halfSquares = new double[s];
        double[][] u = drawU(s, rng, halfSquares);
        double logNormaliser = 0.5 * chol.logDet() + 0.5 * q.dim() * LOG_TWO_PI;
        double[] logW = new double[s];
        Minibatch full = Minibatch.full(model.observationCount());
        try (GradMode g = GradMode.noGrad()) {
            for (int from = 0; from < s; from += CHUNK) {
                int to = Math.min(s, from + CHUNK);
                UnconstrainedLayout.Constrained c = layout.constrain(rows(u, from, to));
                float[] lp = model.logJoint(c.values(), full).add(c.logAbsDetJacobian()).data();
                for (int i = from; i < to; i++) {
                    logW[i] = lp[i - from] + halfSquares[i] + logNormaliser;
                }
            }
        }
        double mean = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logW) {
            mean += v;
            max = Math.max(max, v);
        }
        mean /= s;
        double var = 0;
        for (double v : logW) {
            var += (v - mean) * (v - mean);
        }
        double elboStderr = Math.sqrt(var / (s - 1) / s);
        if (!Double.isFinite(max) || !Double.isFinite(mean)) {
            return new Report(mean, elboStderr, Optional.empty());
        }
        double sumW = 0;
        double sumW2 = 0;
        for (double v : logW) {
            double w = Math.exp(v - max);
            sumW += w;
            sumW2 += w * w;
        }
        double meanW = sumW / s;
        double varW = Math.max(0, (sumW2 - s * meanW * meanW) / (s - 1));
        double logEvidence = max + Math.log(meanW);
        double stderr = Math.sqrt(varW) / (Math.sqrt(s) * meanW);
        double ess = sumW * sumW / sumW2;
        double khat = ParetoK.ofLogWeights(logW);
        return new Report(mean, elboStderr, Optional.of(new Evidence(logEvidence, stderr, ess, khat, s)));
    }

    /** S constrained draws, one tensor [S] ++ shape per parameter. */
    ParameterValues draws(int s, Rng rng) {
        double[][] u = drawU(s, rng, null);
        Map<String, List<Tensor>> parts = new LinkedHashMap<>();
        try (GradMode g = GradMode.noGrad()) {
            for (int from = 0; from < s; from += CHUNK) {
                int to = Math.min(s, from + CHUNK);
                layout.constrain(rows(u, from, to)).values().asMap()
                        .forEach((name, t) -> parts.computeIfAbsent(name, k -> new ArrayList<>()).add(t.detach()));
            }
        }
        Map<String, Tensor> values = new LinkedHashMap<>();
        parts.forEach((name, list) -> values.put(name, list.size() == 1 ? list.get(0) : Tensor.concat(list, 0)));
        return ParameterValues.of(values);
    }

    /** Mean, sd and type-7 quantiles of every element of every parameter. */
    static Map<String, ParameterSummary> summarise(List<Parameter> parameters, ParameterValues draws) {
        Map<String, ParameterSummary> out = new LinkedHashMap<>();
        int s = draws.count();
        for (Parameter p : parameters) {
            float[] v = draws.get(p.name()).data();
            int k = p.size();
            double[] mean = new double[k];
            double[] sd = new double[k];
            double[] lo = new double[k];
            double[] mid = new double[k];
            double[] hi = new double[k];
            double[] column = new double[s];
            for (int e = 0; e < k; e++) {
                double sum = 0;
                for (int i = 0; i < s; i++) {
                    column[i] = v[i * k + e];
                    sum += column[i];
                }
                mean[e] = sum / s;
                double ss = 0;
                for (int i = 0; i < s; i++) {
                    ss += (column[i] - mean[e]) * (column[i] - mean[e]);
                }
                sd[e] = s > 1 ? Math.sqrt(ss / (s - 1)) : 0;
                Arrays.sort(column);
                lo[e] = quantile(column, 0.025);
                mid[e] = quantile(column, 0.5);
                hi[e] = quantile(column, 0.975);
            }
            out.put(p.name(), new ParameterSummary(p.name(), p.shape(), mean, sd, lo, mid, hi));
        }
        return out;
    }

    /** R's type-7 quantile of sorted values. */
    static double quantile(double[] sorted, double prob) {
        double h = (sorted.length - 1) * prob;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
