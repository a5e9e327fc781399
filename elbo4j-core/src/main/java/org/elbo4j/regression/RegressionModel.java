package org.elbo4j.regression;

import java.util.Arrays;
import java.util.List;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Family;
import org.elbo4j.bayes.LatentGaussianDensity;
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
 * with the non-centred group effects by default, or centred ones per term ({@link Centring}: then r^g_j are
 * the coordinates and Σ_j log MVN(r^g_j; 0, diag(sd) L Lᵀ diag(sd)) replaces the z terms), predictors centred
 * as brms centres them (the reported {@code b_Intercept = Intercept − Σ_j x̄_j b_j}), u = (b,
 * Intercept, per group: log sd, the correlation factor's coordinates ({@link CorrCholesky}), z;
 * log aux) and the priors of {@link Priors}.
 *
 * <p>ℓ, ∇ℓ and the Hessian ({@link #curvature}) are exact. ℓ and ∇ℓ alone (every
 * {@link #logDensities} call, and {@link #curvature} without a Hessian) come from the column passes
 * of {@link LikelihoodPass}, and so does the pointwise log-likelihood; the Hessian from the row-by-row
 * {@link RowPass} (ℓ''(η)∇η∇ηᵀ + ℓ'(η)∇²η per observation, ∇²η from {@link GroupState}, the
 * correlation coordinates through {@link CorrCholeskyDerivatives}); the priors from
 * {@link PriorTerms}. The two passes agree up to the order of their sums.
 *
 * <p>As a {@link SubsampledLogDensity}, ℓ_B sums the likelihood over a row subset B times a scale
 * (N/|B| in a minibatch fit); the priors and the z^g terms are counted once. B = all N rows in
 * order with scale 1 is the full density, bit for bit.
 */
public final class RegressionModel implements LatentGaussianDensity, SubsampledLogDensity {

    private final ModelFrame frame;
    private final Family family;
    private final Priors priors;
    private final RegressionLayout layout;
    private final int n;
    private final double[] y;
    private final double[] trials;
    private final LikelihoodPass columns;
    private final RowPass rowByRow;
    private final PriorTerms priorTerms;

    private RegressionModel(ModelFrame frame, Family family, Priors priors, RegressionLayout layout, double[][] xc) {
        this.frame = frame;
        this.family = family;
        this.priors = priors;
        this.layout = layout;
        this.n = frame.rowCount();
        this.y = frame.y().orElseThrow();
        this.trials = frame.trials().orElse(null);
        this.columns = LikelihoodPass.of(family, layout, y, trials, frame.offset(), xc);
        this.rowByRow = new RowPass(family, layout, y, trials, frame.offset(), xc);
        this.priorTerms = new PriorTerms(priors, layout, family);
    }

    /**
     * The model of {@code frame} with {@code family}; {@code priors} null for the defaults.
     *
     * @throws IllegalArgumentException for a response outside the family's support (naming the
     *     file and line), a binomial family without trials, or trials without a binomial family
     */
    public static RegressionModel of(ModelFrame frame, Family family, Priors priors) {
        return of(frame, family, priors, null);
    }

    /**
     * As {@link #of(ModelFrame, Family, Priors)} with group term g's effects parametrised by
     * {@code centring.get(g)} (null: all non-centred).
     */
    public static RegressionModel of(ModelFrame frame, Family family, Priors priors, List<Centring> centring) {
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
        RegressionLayout layout = RegressionLayout.of(frame, family, centring);
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

    /** The same model with group term g's effects parametrised by {@code centring.get(g)}. */
    public RegressionModel withCentring(List<Centring> centring) {
        return of(frame, family, priors, centring);
    }

    /**
     * The data's information about η of every observation at u: w_i = max(0, −∂²ℓ_i/∂η²) (the GLM
     * working weight: 1/σ² gaussian, μ poisson, p(1−p) bernoulli logit, ...), for {@link CentringChoice}.
     */
    public double[] workingWeights(double[] u) {
        return rowByRow.workingWeights(u, groups(u));
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

    /**
     * θ for {@link org.elbo4j.bayes.GuideFamily#NESTED_LAPLACE}: every group term's log sds and
     * correlation coordinates, and the log auxiliary parameters (sigma, shape, phi, nu); the
     * coefficients, the Intercept and the group-level effects are the latent coordinates.
     */
    @Override
    public int[] hyperparameters() {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (GroupBlock b : layout.groups()) {
            for (int i = b.sdAt(); i < b.zAt(); i++) {
                out.add(i);
            }
        }
        for (int i = layout.auxAt(); i < layout.dim(); i++) {
            out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The effects of the group term with the most effect coordinates, one set per level: given θ
     * and the other coordinates, level j's effects meet only its own rows and its own prior term, in
     * either parametrisation.
     */
    @Override
    public int[][] separableLatentBlocks() {
        GroupBlock largest = null;
        for (GroupBlock b : layout.groups()) {
            if (largest == null || b.j() * b.k() > largest.j() * largest.k()) {
                largest = b;
            }
        }
        if (largest == null) {
            return new int[0][];
        }
        int[][] out = new int[largest.j()][largest.k()];
        for (int j = 0; j < largest.j(); j++) {
            for (int c = 0; c < largest.k(); c++) {
                out[j][c] = largest.zAt() + j * largest.k() + c;
            }
        }
        return out;
    }

    /**
     * The latent coordinates outside {@link #separableLatentBlocks()}: the coefficients, the
     * Intercept and the effects of every group term but the largest, whose precision the nested
     * Laplace guide factors densely for every pair of draws (m³/3 operations).
     */
    public int denseLatentSize() {
        int blocks = 0;
        for (int[] b : separableLatentBlocks()) {
            blocks += b.length;
        }
        return layout.dim() - hyperparameters().length - blocks;
    }

    @Override
    public int observationCount() {
        return n;
    }

    @Override
    public void logDensities(double[] points, int k, double[] values, double[] gradients) {
        logDensities(points, k, null, 1, values, gradients);
    }

    @Override
    public void logDensities(double[] points, int k, int[] rows, double scale, double[] values, double[] gradients) {
        int d = layout.dim();
        if (points.length != k * d) {
            throw new IllegalArgumentException("RegressionModel: points must have k * d = " + k * d
                    + " entries, got " + points.length);
        }
        for (int r : rows == null ? new int[0] : rows) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("RegressionModel: rows must be in [0, " + n + "), got " + r);
            }
        }
        double[] u = new double[d];
        double[] g = gradients == null ? null : new double[d];
        for (int p = 0; p < k; p++) {
            System.arraycopy(points, p * d, u, 0, d);
            values[p] = gradientPass(u, rows, scale, g);
            if (g != null) {
                System.arraycopy(g, 0, gradients, p * d, d);
            }
        }
    }

    @Override
    public double curvature(double[] u, double[] gradient, double[][] negativeHessian) {
        if (negativeHessian == null) {
            return gradientPass(u, null, 1, gradient);
        }
        return evaluate(u, gradient, negativeHessian);
    }

    /** log p(y_i | u) for every observation into {@code out} (length N), for PSIS-LOO and WAIC. */
    public void pointwiseLogLikelihood(double[] u, double[] out) {
        if (out.length != n) {
            throw new IllegalArgumentException("RegressionModel: out must have N = " + n + " entries, got "
                    + out.length);
        }
        columns.value(u, groups(u), null, 1, null, out);
    }

    /** The group states at u. */
    private GroupState[] groups(double[] u) {
        GroupState[] groups = new GroupState[layout.groups().size()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = GroupState.of(layout.groups().get(g), u);
        }
        return groups;
    }

    /** ℓ_B(u) with its gradient (if not null) by {@link LikelihoodPass}: rows null for all N. */
    private double gradientPass(double[] u, int[] rows, double scale, double[] grad) {
        if (grad != null) {
            Arrays.fill(grad, 0);
        }
        GroupState[] groups = groups(u);
        double value = columns.value(u, groups, rows, scale, grad, null);
        if (grad != null) {
            for (GroupState s : groups) {
                s.backward(u, grad);
            }
        }
        return value + priorTerms.value(u, groups, grad, null);
    }

    /**
     * ℓ(u) and its gradient as {@link #curvature}, with −∇²ℓ right among the latent coordinates (b,
     * Intercept, group-level effects) only: the likelihood's curvature in the log sds, correlations
     * and auxiliary parameters is not computed (their rows hold partial sums).
     */
    @Override
    public double latentCurvature(double[] u, double[] gradient, double[][] negativeHessian) {
        return evaluate(u, gradient, negativeHessian, true);
    }

    private double evaluate(double[] u, double[] grad, double[][] negHess) {
        return evaluate(u, grad, negHess, false);
    }

    /** ℓ(u) by {@link RowPass}, with its gradient (if not null) and −∇²ℓ (latent block only when {@code latentOnly}). */
    private double evaluate(double[] u, double[] grad, double[][] negHess, boolean latentOnly) {
        if (grad != null) {
            Arrays.fill(grad, 0);
        }
        for (double[] row : negHess) {
            Arrays.fill(row, 0);
        }
        GroupState[] groups = groups(u);
        double value = rowByRow.value(u, groups, grad, negHess, latentOnly);
        if (grad != null) {
            for (GroupState s : groups) {
                s.backward(u, grad);
            }
        }
        return value + priorTerms.value(u, groups, grad, negHess);
    }
}
