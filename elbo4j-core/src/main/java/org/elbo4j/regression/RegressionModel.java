package org.elbo4j.regression;

import java.util.List;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Derivatives;
import org.elbo4j.glm.Family;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.infer.SubsampledLogDensity;

/**
 * The hierarchical generalised linear model of a formula, as brms writes it, on unconstrained
 * coordinates u, in double:
 * <pre>
 *   η_i = offset_i + Intercept + Σ_j (x_ij − x̄_j) b_j + Σ_g Σ_k Z^g_ik r^g_{level(i),k}
 *   r^g_j = diag(sd^g) L^g z^g_j,   z^g_j ~ N(0, I),   L^g ~ LKJ(η),   y_i ~ family(η_i, aux)
 *   ℓ(u) = Σ_i log p(y_i | η_i, aux) + log p(b) + log p(Intercept) + Σ_g [log p(sd^g) + log p(L^g)
 *          + Σ_j log N(z^g_j; 0, I)] + log p(aux) + log |det J|
 * </pre>
 * with the non-centred group effects (Papaspiliopoulos, Roberts and Sköld 2007), predictors centred
 * as brms centres them (the reported {@code b_Intercept = Intercept − Σ_j x̄_j b_j}), u = (b,
 * Intercept, per group: log sd, the correlation factor's coordinates ({@link CorrCholesky}), z;
 * log aux) and the priors of {@link Priors}.
 *
 * <p>ℓ, ∇ℓ and the Hessian ({@link #curvature}) are exact; the Hessian sums, per observation,
 * ℓ''(η)∇η∇ηᵀ + ℓ'(η)∇²η with the family's mixed derivatives in the auxiliary parameters, ∇²η
 * from {@link GroupState} (the correlation coordinates through {@link CorrCholeskyDerivatives}),
 * and the priors' second derivatives (the LKJ term's is diagonal in u).
 *
 * <p>As a {@link SubsampledLogDensity}, ℓ_B sums the likelihood over a row subset B times a scale
 * (N/|B| in a minibatch fit); the priors and the z^g terms are counted once.
 */
public final class RegressionModel implements LogDensityHessian, SubsampledLogDensity {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final ModelFrame frame;
    private final Family family;
    private final Priors priors;
    private final RegressionLayout layout;
    private final int n;
    private final double[] y;
    private final double[] trials;
    private final double[] offset;
    private final double[][] xc;

    private RegressionModel(ModelFrame frame, Family family, Priors priors, RegressionLayout layout, double[][] xc) {
        this.frame = frame;
        this.family = family;
        this.priors = priors;
        this.layout = layout;
        this.n = frame.rowCount();
        this.y = frame.y().orElseThrow();
        this.trials = frame.trials().orElse(null);
        this.offset = frame.offset();
        this.xc = xc;
    }

    /**
     * The model of {@code frame} with {@code family}; {@code priors} null for the defaults.
     *
     * @throws IllegalArgumentException for a response outside the family's support (naming the
     *     file and line), a binomial family without trials, or trials without a binomial family
     */
    public static RegressionModel of(ModelFrame frame, Family family, Priors priors) {
        double[] y = frame.y().orElseThrow(() -> new IllegalArgumentException("RegressionModel: the data have no "
                + "response column '" + frame.formula().response() + "'"));
        if (family.needsTrials() != frame.trials().isPresent()) {
            throw new IllegalArgumentException(family.needsTrials()
                    ? "family binomial needs the trials in the formula: y | trials(n) ~ ..."
                    : "y | trials(n) is for the binomial family, not " + family.name());
        }
        double[] t = frame.trials().orElse(null);
        for (int i = 0; i < y.length; i++) {
            try {
                family.check(y[i], t == null ? 1 : t[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(frame.source() + ": line " + frame.lines()[i] + ": " + e.getMessage());
            }
        }
        RegressionLayout layout = RegressionLayout.of(frame, family);
        double[][] xc = layout.centredColumns(frame);
        Priors p = priors != null ? priors : defaultPriors(frame, family);
        return new RegressionModel(frame, family, p, layout, xc);
    }

    /** The default priors ({@link Priors#defaults}) of {@code frame} with {@code family}. */
    public static Priors defaultPriors(ModelFrame frame, Family family) {
        RegressionLayout layout = RegressionLayout.of(frame, family);
        double[][] xc = layout.centredColumns(frame);
        double[][] columns = new double[layout.p()][frame.rowCount()];
        for (int i = 0; i < frame.rowCount(); i++) {
            for (int j = 0; j < layout.p(); j++) {
                columns[j][i] = xc[i][j];
            }
        }
        return Priors.defaults(frame.y().orElseThrow(), columns, layout.bNames(), family);
    }

    /** The layout of u and the names of the reported quantities. */
    public RegressionLayout layout() {
        return layout;
    }

    /** The priors. */
    public Priors priors() {
        return priors;
    }

    /** The family. */
    public Family family() {
        return family;
    }

    /** The data. */
    public ModelFrame frame() {
        return frame;
    }

    /** d. */
    public int dim() {
        return layout.dim();
    }

    /** A starting point: the intercept at the link of the mean response, log sigma at log sd(y), the rest 0. */
    public double[] initialPoint() {
        double[] u = new double[layout.dim()];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += trials == null ? y[i] : y[i] / trials[i];
        }
        mean /= n;
        if (layout.hasIntercept()) {
            u[layout.interceptAt()] = switch (family.link()) {
                case "log" -> Math.log(Math.max(mean, 0.1));
                case "logit" -> Math.log(Math.min(Math.max(mean, 0.01), 0.99) / (1 - Math.min(Math.max(mean, 0.01), 0.99)));
                case "probit" -> 0;
                default -> mean;
            };
        }
        List<String> aux = family.auxNames();
        for (int a = 0; a < aux.size(); a++) {
            u[layout.auxAt() + a] = aux.get(a).equals("sigma") ? Math.log(Math.max(Priors.sd(y), 1e-3))
                    : aux.get(a).equals("nu") ? Math.log(10) : 0;
        }
        return u;
    }

    @Override
    public int observationCount() {
        return n;
    }

    @Override
    public void logDensities(double[] points, int k, int[] rows, double scale, double[] values, double[] gradients) {
        int d = layout.dim();
        if (points.length != k * d) {
            throw new IllegalArgumentException("RegressionModel: points must have k * d = " + k * d
                    + " entries, got " + points.length);
        }
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("RegressionModel: rows must be in [0, " + n + "), got " + r);
            }
        }
        double[] u = new double[d];
        double[] g = gradients == null ? null : new double[d];
        for (int p = 0; p < k; p++) {
            System.arraycopy(points, p * d, u, 0, d);
            values[p] = evaluate(u, rows, scale, g, null, null);
            if (g != null) {
                System.arraycopy(g, 0, gradients, p * d, d);
            }
        }
    }

    @Override
    public double curvature(double[] u, double[] gradient, double[][] negativeHessian) {
        return evaluate(u, gradient, negativeHessian, null);
    }

    /** log p(y_i | u) for every observation into {@code out} (length N), for PSIS-LOO and WAIC. */
    public void pointwiseLogLikelihood(double[] u, double[] out) {
        evaluate(u, null, null, out);
    }

    /** ℓ(u) with its gradient (if not null), −∇²ℓ (if not null) and the pointwise log-likelihood. */
    double evaluate(double[] u, double[] grad, double[][] negHess, double[] pointwise) {
        return evaluate(u, null, 1, grad, negHess, pointwise);
    }

    /**
     * As {@link #evaluate(double[], double[], double[][], double[])} with the likelihood summed over
     * {@code rows} (all N when null) times {@code scale}; the pointwise values are unscaled.
     */
    private double evaluate(double[] u, int[] rows, double scale, double[] grad, double[][] negHess,
            double[] pointwise) {
        int d = layout.dim();
        if (grad != null) {
            java.util.Arrays.fill(grad, 0);
        }
        if (negHess != null) {
            for (double[] row : negHess) {
                java.util.Arrays.fill(row, 0);
            }
        }
        GroupState[] groups = new GroupState[layout.groups().size()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = GroupState.of(layout.groups().get(g), u);
        }
        int p = layout.p();
        int auxCount = family.auxNames().size();
        double[] logAux = new double[2];
        for (int a = 0; a < auxCount; a++) {
            logAux[a] = u[layout.auxAt() + a];
        }
        double intercept = layout.hasIntercept() ? u[layout.interceptAt()] : 0;
        Derivatives dv = new Derivatives();
        double value = 0;
        int[] idx = negHess == null ? null : new int[layout.localSize()];
        double[] gv = negHess == null ? null : new double[layout.localSize()];
        int count = rows == null ? n : rows.length;
        for (int r = 0; r < count; r++) {
            int i = rows == null ? r : rows[r];
            double eta = offset[i] + intercept;
            double[] xi = xc[i];
            for (int j = 0; j < p; j++) {
                eta += xi[j] * u[j];
            }
            for (GroupState s : groups) {
                eta += s.contribution(i);
            }
            family.evaluate(y[i], trials == null ? 1 : trials[i], eta, logAux, dv);
            value += scale * dv.value;
            if (pointwise != null) {
                pointwise[i] = dv.value;
            }
            if (grad != null) {
                double e = scale * dv.eta;
                for (int j = 0; j < p; j++) {
                    grad[j] += e * xi[j];
                }
                if (layout.hasIntercept()) {
                    grad[layout.interceptAt()] += e;
                }
                for (GroupState s : groups) {
                    s.accumulate(i, e);
                }
                for (int a = 0; a < auxCount; a++) {
                    grad[layout.auxAt() + a] += scale * dv.aux[a];
                }
            }
            if (negHess != null) {
                int m = 0;
                for (int j = 0; j < p; j++) {
                    idx[m] = j;
                    gv[m++] = xi[j];
                }
                if (layout.hasIntercept()) {
                    idx[m] = layout.interceptAt();
                    gv[m++] = 1;
                }
                for (GroupState s : groups) {
                    m = s.etaGradient(i, idx, gv, m);
                }
                for (int a = 0; a < m; a++) {
                    double w = dv.etaEta * gv[a];
                    double[] row = negHess[idx[a]];
                    for (int b = 0; b < m; b++) {
                        row[idx[b]] -= w * gv[b];
                    }
                }
                for (GroupState s : groups) {
                    s.etaSecondDerivative(i, dv.eta, negHess);
                }
                for (int a = 0; a < auxCount; a++) {
                    int ia = layout.auxAt() + a;
                    for (int b = 0; b < m; b++) {
                        negHess[ia][idx[b]] -= dv.etaAux[a] * gv[b];
                        negHess[idx[b]][ia] -= dv.etaAux[a] * gv[b];
                    }
                    for (int b = 0; b < auxCount; b++) {
                        negHess[ia][layout.auxAt() + b] -= dv.auxAux[a][b];
                    }
                }
            }
        }
        if (grad != null) {
            for (GroupState s : groups) {
                s.backward(u, grad);
            }
        }
        return value + logPrior(u, groups, grad, negHess);
    }

    private double logPrior(double[] u, GroupState[] groups, double[] grad, double[][] negHess) {
        double[] pr = new double[3];
        double value = 0;
        for (int j = 0; j < layout.p(); j++) {
            priors.b(j).evaluate(u[j], pr);
            value += add(j, pr, grad, negHess);
        }
        if (layout.hasIntercept()) {
            priors.intercept().evaluate(u[layout.interceptAt()], pr);
            value += add(layout.interceptAt(), pr, grad, negHess);
        }
        for (GroupState s : groups) {
            GroupBlock b = s.block();
            for (int k = 0; k < b.k(); k++) {
                priors.sd().evaluateLog(u[b.sdAt() + k], pr);
                value += add(b.sdAt() + k, pr, grad, negHess);
            }
            if (b.k() > 1) {
                value += CorrCholesky.logPrior(u, b.corAt(), b.k(), priors.lkj(), grad, negHess);
            }
            for (int c = b.zAt(); c < b.zAt() + b.j() * b.k(); c++) {
                value += -HALF_LOG_TWO_PI - 0.5 * u[c] * u[c];
                if (grad != null) {
                    grad[c] -= u[c];
                }
                if (negHess != null) {
                    negHess[c][c] += 1;
                }
            }
        }
        List<String> aux = family.auxNames();
        for (int a = 0; a < aux.size(); a++) {
            priors.aux(aux.get(a)).evaluateLog(u[layout.auxAt() + a], pr);
            value += add(layout.auxAt() + a, pr, grad, negHess);
        }
        return value;
    }

    private static double add(int c, double[] pr, double[] grad, double[][] negHess) {
        if (grad != null) {
            grad[c] += pr[1];
        }
        if (negHess != null) {
            negHess[c][c] -= pr[2];
        }
        return pr[0];
    }
}
