package org.elbo4j.bayes;

import org.elbo4j.infer.SampleQuantile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elbo4j.infer.LogDensity;
import org.elbo4j.infer.LogWeights;
import org.elbo4j.infer.ParetoK;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.kernel.Parallel;
import org.elbo4j.tensor.Tensor;

/**
 * What a fit reports about its Gaussian q(u) = N(μ, Σ), Σ = L Lᵀ: draws {@code u = μ + L z} in
 * double (for a {@link GuideFamily#FLOW} fit: draws of the {@link FlowGuide} with their log q), pushed
 * through the bijections; the importance weights
 * {@code log w = log p(D, f(u)) + log |det J_f(u)| − log q(u)} (full data, {@link UnconstrainedDensity})
 * give the final ELBO
 * {@code mean(log w)} with standard error {@code sd(log w)/√S}, and the {@link Evidence}
 * (log-mean-exp of the weights; both from {@link LogWeights#summary}).
 * Model evaluations go in chunks of {@value #CHUNK} draws so that the [S, N] intermediates stay small;
 * with a model's exact double-precision code ({@link UnconstrainedDensity#isExact}) and enough work the
 * chunks run as parallel tasks (each writes its own weights, so the result does not depend on the threads).
 */
final class Diagnostics {

    static final int CHUNK = 256;
    /** Draws × observations × d below which the evidence pass stays on one thread (a hand-off costs more). */
    private static final long PARALLEL_WORK = 10_000_000L;
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    /**
     * Final ELBO with its standard error, the evidence (empty for a point mass), and the
     * unconstrained draws with their log importance weights (empty arrays when none were made).
     */
    record Report(double elbo, double elboStderr, Optional<Evidence> evidence, double[][] draws, double[] logWeights) {

        /** No diagnostics (a point mass, no samples, or a non-finite fit). */
        static Report none() {
            return new Report(Double.NaN, Double.NaN, Optional.empty(), new double[0][], new double[0]);
        }
    }

    private final LogDensity density;
    private final boolean parallelSafe;
    private final long observations;
    private final UnconstrainedLayout layout;
    private final UnconstrainedGaussian q;
    private final DenseCholesky chol;
    /** The flow q is, instead of the Gaussian (null for a Gaussian or point mass). */
    private final FlowGuide flow;
    /** The nested-Laplace proposal q is, instead of the Gaussian (null otherwise). */
    private final NestedLaplaceProposal nested;
    /** Antithetic pairs of a nested-Laplace proposal per parallel task (each pair takes a Newton step). */
    private static final int NESTED_CHUNK = 16;

    private Diagnostics(LogDensity density, boolean parallelSafe, long observations, UnconstrainedLayout layout,
            UnconstrainedGaussian q, DenseCholesky chol, FlowGuide flow, NestedLaplaceProposal nested) {
        this.flow = flow;
        this.nested = nested;
        this.density = density;
        this.parallelSafe = parallelSafe;
        this.observations = observations;
        this.layout = layout;
        this.q = q;
        this.chol = chol;
    }

    /** Diagnostics of q; a zero covariance (MAP) is a point mass. */
    static Diagnostics of(BayesModel model, UnconstrainedLayout layout, UnconstrainedGaussian q) {
        return of(model, layout, q, Optional.empty());
    }

    /** Diagnostics of the flow when there is one, else of the Gaussian q. */
    static Diagnostics of(BayesModel model, UnconstrainedLayout layout, UnconstrainedGaussian q,
            Optional<FlowGuide> flow) {
        UnconstrainedDensity density = UnconstrainedDensity.of(model, layout);
        Minibatch full = Minibatch.full(model.observationCount());
        return of(density, density.isExact(full), model.observationCount(), layout, q, flow);
    }

    /**
     * Diagnostics of q for a plain target ℓ (no layout: only {@link #report} and {@link #rows});
     * {@code parallelSafe} when ℓ may be evaluated concurrently on disjoint points.
     */
    static Diagnostics of(LogDensity density, boolean parallelSafe, long observations, UnconstrainedLayout layout,
            UnconstrainedGaussian q) {
        return of(density, parallelSafe, observations, layout, q, Optional.empty());
    }

    /**
     * As {@link #of(LogDensity, boolean, long, UnconstrainedLayout, UnconstrainedGaussian)}, of the
     * flow when there is one: its draws u with {@code log w = ℓ(u) − log q(u)} from
     * {@link FlowGuide#draw} (a copy, so the caller's flow is not used).
     */
    static Diagnostics of(LogDensity density, boolean parallelSafe, long observations, UnconstrainedLayout layout,
            UnconstrainedGaussian q, Optional<FlowGuide> flow) {
        return of(density, parallelSafe, observations, layout, q, flow, Optional.empty());
    }

    /**
     * As {@link #of(LogDensity, boolean, long, UnconstrainedLayout, UnconstrainedGaussian, Optional)},
     * of the nested-Laplace proposal when there is one: its draws with
     * {@code log w = ℓ(u) − log q(u)} ({@link NestedLaplaceProposal#draw}); the standard normals
     * behind every draw are taken from the random stream in draw order, then mapped in parallel
     * tasks when ℓ is {@code parallelSafe}, so the draws do not depend on the threads.
     */
    static Diagnostics of(LogDensity density, boolean parallelSafe, long observations, UnconstrainedLayout layout,
            UnconstrainedGaussian q, Optional<FlowGuide> flow, Optional<NestedLaplaceProposal> nested) {
        double[][] cov = q.covariance();
        boolean pointMass = true;
        for (double[] row : cov) {
            for (double v : row) {
                pointMass &= v == 0;
            }
        }
        return new Diagnostics(density, parallelSafe, observations, layout, q, pointMass ? null : factor(cov),
                flow.map(FlowGuide::copy).orElse(null), nested.orElse(null));
    }

    /** The Cholesky factor of cov, with a jitter of 1e−10 · max diagonal when it fails. */
    static DenseCholesky factor(double[][] cov) {
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

    /**
     * S unconstrained draws as rows, and their standard-normal z's half sum of squares (for a flow:
     * −log q of each draw).
     */
    private double[][] drawU(int s, Rng rng, double[] halfSquares) {
        int d = q.dim();
        if (nested != null) {
            return drawNested(s, rng, halfSquares);
        }
        if (flow != null) {
            double[][] u = new double[s][d];
            double[] z = new double[d];
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < d; j++) {
                    z[j] = rng.nextGaussian();
                }
                double logQ = flow.draw(z, u[i]);
                if (halfSquares != null) {
                    halfSquares[i] = -logQ;
                }
            }
            return u;
        }
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

    /**
     * {@link #drawU} for the nested-Laplace proposal: draws 2i and 2i + 1 are an antithetic pair
     * made from the i-th row of standard normals (the stream's next {@code noiseSize} values for
     * each pair; an odd S drops the last pair's partner).
     */
    private double[][] drawNested(int s, Rng rng, double[] halfSquares) {
        int m = nested.noiseSize();
        int pairs = (s + 1) / 2;
        double[][] noise = new double[pairs][m];
        for (double[] row : noise) {
            for (int j = 0; j < m; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[][] u = new double[s][nested.dim()];
        double[] logQ = new double[s];
        int chunks = (pairs + NESTED_CHUNK - 1) / NESTED_CHUNK;
        java.util.function.IntConsumer chunk = c -> {
            for (int i = c * NESTED_CHUNK; i < Math.min(pairs, (c + 1) * NESTED_CHUNK); i++) {
                boolean partner = 2 * i + 1 < s;
                logQ[2 * i] = nested.draw(noise[i], u[2 * i], partner ? u[2 * i + 1] : null);
                if (partner) {
                    logQ[2 * i + 1] = logQ[2 * i];
                }
            }
        };
        if (parallelSafe) {
            Parallel.forEachTask(chunks, chunk);
        } else {
            for (int c = 0; c < chunks; c++) {
                chunk.accept(c);
            }
        }
        if (halfSquares != null) {
            for (int i = 0; i < s; i++) {
                halfSquares[i] = -logQ[i];
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

    /** logW for the draws of chunk c (rows [c·CHUNK, min(S, (c + 1)·CHUNK))). */
    private static void logWeights(LogDensity density, double[][] u, double[] halfSquares,
            double logNormaliser, int c, double[] logW) {
        int d = u[0].length;
        int from = c * CHUNK;
        int to = Math.min(u.length, from + CHUNK);
        double[] points = new double[(to - from) * d];
        for (int i = from; i < to; i++) {
            System.arraycopy(u[i], 0, points, (i - from) * d, d);
        }
        double[] lp = new double[to - from];
        density.logDensities(points, to - from, lp, null);
        for (int i = from; i < to; i++) {
            double w = lp[i - from] + halfSquares[i] + logNormaliser;
            // a NaN density (e.g. ∞ − ∞ where exp(η) overflows far in q's tail) is a zero weight
            logW[i] = Double.isNaN(w) ? Double.NEGATIVE_INFINITY : w;
        }
    }

    /** The ELBO, its standard error and the importance-sampled evidence with S draws. */
    Report report(int s, Rng rng) {
        if (chol == null || s == 0) {
            return Report.none();
        }
        double[][] u = new double[s][];
        double[] logW = new double[s];
        weigh(u, logW, 0, rng);
        return report(u, logW);
    }

    /**
     * {@code first} (a {@link #report} of S draws made with {@code rng}) extended to {@code total}
     * draws: the next total − S draws of the same {@code rng}, which must be the generator that made
     * {@code first} and not used since, so the result equals {@code report(total, rng)} made from the
     * generator's start (the draws and each draw's weight are the same; the evidence, ELBO and k̂ are
     * recomputed over all of them). {@code first} itself when it has no draws or total ≤ S.
     */
    Report extend(Report first, int total, Rng rng) {
        int s = first.draws().length;
        if (s == 0 || total <= s) {
            return first;
        }
        double[][] u = Arrays.copyOf(first.draws(), total);
        double[] logW = Arrays.copyOf(first.logWeights(), total);
        weigh(u, logW, s, rng);
        return report(u, logW);
    }

    /** Draws rows {@code from … u.length − 1} of u with rng and writes their log weights. */
    private void weigh(double[][] u, double[] logW, int from, Rng rng) {
        int s = u.length - from;
        double[] halfSquares = new double[s];
        double[][] drawn = drawU(s, rng, halfSquares);
        double logNormaliser = flow != null || nested != null ? 0 : 0.5 * chol.logDet() + 0.5 * q.dim() * LOG_TWO_PI;
        double[] w = new double[s];
        int d = q.dim();
        int chunks = (s + CHUNK - 1) / CHUNK;
        if (parallelSafe && (long) s * observations * d >= PARALLEL_WORK) {
            Parallel.forEachTask(chunks, c -> logWeights(density, drawn, halfSquares, logNormaliser, c, w));
        } else {
            for (int c = 0; c < chunks; c++) {
                logWeights(density, drawn, halfSquares, logNormaliser, c, w);
            }
        }
        System.arraycopy(drawn, 0, u, from, s);
        System.arraycopy(w, 0, logW, from, s);
    }

    /** The report of draws u with log weights logW. */
    private static Report report(double[][] u, double[] logW) {
        LogWeights.Summary w = LogWeights.summary(logW);
        if (!w.hasEstimate()) {
            return new Report(w.mean(), w.meanStderr(), Optional.empty(), u, logW);
        }
        double khat = ParetoK.ofLogWeights(logW);
        Evidence evidence = new Evidence(w.logMeanExp(), w.logMeanExpStderr(), w.ess(), khat, logW.length);
        return new Report(w.mean(), w.meanStderr(), Optional.of(evidence), u, logW);
    }

    /**
     * S constrained draws, one tensor [S] ++ shape per parameter; mapped in double when every
     * bijection is elementwise ({@link UnconstrainedLayout#constrainElementwise}).
     */
    ParameterValues draws(int s, Rng rng) {
        return constrained(drawU(s, rng, null));
    }

    /** S unconstrained draws of q, as rows. */
    double[][] rows(int s, Rng rng) {
        return drawU(s, rng, null);
    }

    /**
     * {@code count} draws resampled with replacement from a report's draws by their
     * Pareto-smoothed importance weights ({@link ParetoK#smoothedLogWeights}), systematic
     * resampling (one uniform offset, {@code count} evenly spaced points on the cumulative
     * weights), constrained: an approximate posterior sample that corrects q where k̂ &lt; 0.7.
     */
    ParameterValues resampled(Report report, int count, Rng rng) {
        return constrained(resampledRows(report, count, rng));
    }

    /** The unconstrained rows of {@link #resampled}. */
    static double[][] resampledRows(Report report, int count, Rng rng) {
        double[] logW = ParetoK.smoothedLogWeights(report.logWeights());
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logW) {
            max = Math.max(max, v);
        }
        double[] cumulative = new double[logW.length];
        double total = 0;
        for (int i = 0; i < logW.length; i++) {
            total += Math.exp(logW[i] - max);
            cumulative[i] = total;
        }
        double[][] chosen = new double[count][];
        double offset = rng.nextDouble();
        int j = 0;
        for (int i = 0; i < count; i++) {
            double point = (i + offset) / count * total;
            while (j < logW.length - 1 && cumulative[j] < point) {
                j++;
            }
            chosen[i] = report.draws()[j];
        }
        return chosen;
    }

    /** The constrained values of the rows of u, one tensor [S] ++ shape per parameter. */
    private ParameterValues constrained(double[][] u) {
        int s = u.length;
        Optional<Map<String, double[]>> direct = layout.constrainElementwise(u);
        if (direct.isPresent()) {
            Map<String, Tensor> values = new LinkedHashMap<>();
            for (Parameter p : layout.parameters()) {
                int[] shape = new int[p.shape().length + 1];
                shape[0] = s;
                System.arraycopy(p.shape(), 0, shape, 1, shape.length - 1);
                values.put(p.name(), Tensor.of(direct.get().get(p.name()), shape));
            }
            return ParameterValues.of(values);
        }
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
                lo[e] = SampleQuantile.of(column, 0.025);
                mid[e] = SampleQuantile.of(column, 0.5);
                hi[e] = SampleQuantile.of(column, 0.975);
            }
            out.put(p.name(), new ParameterSummary(p.name(), p.shape(), mean, sd, lo, mid, hi));
        }
        return out;
    }

}
