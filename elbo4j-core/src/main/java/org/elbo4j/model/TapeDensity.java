package org.elbo4j.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elbo4j.autodiff.NotOnTape;
import org.elbo4j.autodiff.Ops;
import org.elbo4j.autodiff.Tape;
import org.elbo4j.autodiff.Var;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.dist.Support;
import org.elbo4j.dist.Validation;
import org.elbo4j.dist.transform.Bijection;
import org.elbo4j.dist.transform.Bijections;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.OpHook;
import org.elbo4j.tensor.Tensor;

/**
 * A {@link FunctionModel}'s full-data log density on unconstrained space, in double, with its
 * exact gradient and Hessian by automatic differentiation on a {@link Tape}:
 * <pre>
 *   ℓ(u) = log p(D, f(u)) + log |det J_f(u)|,   g = ∇ℓ(u) (one reverse sweep),
 *   H = −∇²ℓ(u) (d Hessian-vector products, forward-over-reverse).
 * </pre>
 * The bijections f are those of {@code dist.transform.Bijections}, written on the tape: identity
 * (log J = 0), exp for a positive support (log J = Σ u), the sigmoid for the unit interval
 * (log J = Σ log σ(u) + log σ(−u)) and {@code l + (h − l) σ(u)} for an interval [l, h]
 * (log J adds Σ log(h − l)); the other supports (simplex, Cholesky factors) replay their
 * {@code dist.transform} bijection's tensor operations on the tape. K points are one run of the
 * model with K particles. On a minibatch B the data plate's observe sites are scaled by N/|B|
 * ({@link #logDensities(double[], int, Minibatch, double[], double[])}).
 *
 * <p>Non-finite values: a point whose ℓ is NaN (an overflow in double, such as {@code exp(η) = ∞}
 * in a Poisson rate, or a matrix that is not positive definite in a Cholesky factorisation) gets
 * ℓ = −∞ and a zero gradient, as does a point at which an operation of the float32 replay rejects
 * its arguments (a float32 Cholesky factorisation of a matrix that rounds to singular): the float32
 * path gives −∞ to such a particle too.
 */
final class TapeDensity implements LogDensityHessian {

    private final ModelFunction function;
    private final List<Parameter> parameters;
    private final Map<String, Parameter> byName;
    private final int plateRank;
    private final Minibatch full;
    private final int[] offsets;
    private final int dim;

    /** One evaluation: the tape, its leaf u (K × d) and ℓ (K). */
    record Evaluation(Tape tape, Var u, Var logDensity) {
    }

    /**
     * @throws NotOnTape if a parameter's support has no bijection on the tape
     */
    TapeDensity(ModelFunction function, List<Parameter> parameters, Map<String, Parameter> byName, int plateRank,
            int observationCount) {
        this.function = function;
        this.parameters = parameters;
        this.byName = byName;
        this.plateRank = plateRank;
        this.full = Minibatch.full(observationCount);
        this.offsets = new int[parameters.size() + 1];
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Support s = p.support();
            if (!written(s) && Bijections.fromUnconstrained(s).isEmpty()) {
                throw new NotOnTape("parameter '" + p.name() + "' has the support " + s.name()
                        + ", which has no bijection on the tape");
            }
            offsets[i + 1] = offsets[i] + p.unconstrainedSize();
        }
        this.dim = offsets[parameters.size()];
    }

    int dim() {
        return dim;
    }

    /** Runs the model once for the K rows of {@code points}, on the full data. */
    Evaluation evaluate(double[] points, int k) {
        return evaluate(points, k, full, false);
    }

    /**
     * With {@code detect}, the parameters' float32 images require gradients (so that a tensor
     * computed from them by an operation the tape does not record is recognised, {@link TapeSites});
     * without, the float32 side runs without a graph. The operations a model calls do not depend on
     * the parameter values ({@link ModelFunction}), so the detecting run of {@link #probe} covers
     * every later run.
     */
    Evaluation evaluate(double[] points, int k, Minibatch batch, boolean detect) {
        Tape tape = Tape.create();
        Var u = tape.leaf(points, k, dim);
        TapeSites sites = new TapeSites();
        Map<String, Tensor> raw = new LinkedHashMap<>();
        Var logJacobian = null;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            int[] shape = SiteShapes.concat(new int[] {k}, p.shape());
            Var block = parameters.size() == 1 ? u : Ops.slice(u, 1, offsets[i], offsets[i + 1]);
            Var ub = Ops.reshape(block, SiteShapes.concat(new int[] {k}, p.unconstrainedShape()));
            Var[] fj = written(p.support()) ? constrain(p.support(), ub) : replay(p, ub, sites, detect);
            Tensor t = Tensor.of(fj[0].value(), shape).requiresGrad(detect);
            sites.bind(t, fj[0]);
            raw.put(p.name(), t);
            if (fj[1] != null) {
                Var lj = TapeSites.perParticle(fj[1], k, fj[1].shape().length);
                logJacobian = logJacobian == null ? lj : logJacobian.add(lj);
            }
        }
        ParameterValues theta = ParameterValues.of(raw);
        try (OpHook.Scope s = OpHook.listen(sites); Validation v = Validation.off();
                GradMode g = detect ? GradMode.enableGrad() : GradMode.noGrad()) {
            ModelContext c = ModelContext.forTape(theta, batch, plateRank, byName, sites);
            function.run(c);
            c.finish();
        }
        Var joint = sites.logJoint(k);
        return new Evaluation(tape, u, logJacobian == null ? joint : joint.add(logJacobian));
    }

    /** True for the supports whose bijection {@link #constrain} writes on the tape directly. */
    private static boolean written(Support s) {
        return s == Support.REAL || s == Support.REAL_VECTOR || s == Support.POSITIVE || s == Support.NONNEGATIVE
                || s == Support.UNIT_INTERVAL || s.bounds().isPresent();
    }

    /**
     * {f(u), log|det J| per event} for any other support (simplex, Cholesky factors): the parameter's
     * float32 bijection ({@code dist.transform}) run on u's float32 image with its tensor operations
     * replayed on the tape, so the bijection is written once. Its constants (such as the
     * stick-breaking offsets log(K − k − 1)) are float32 numbers, which only shifts the map: the
     * value and the Jacobian on the tape are those of the same bijection, in double.
     *
     * @throws NotOnTape if the bijection uses an operation the tape does not record
     */
    private static Var[] replay(Parameter p, Var u, TapeSites sites, boolean detect) {
        Bijection b = p.bijection();
        Tensor ut = Tensor.of(u.value(), u.shape()).requiresGrad(detect);
        sites.bind(ut, u);
        Tensor x;
        Tensor lj;
        try (OpHook.Scope s = OpHook.listen(sites); GradMode g = detect ? GradMode.enableGrad() : GradMode.noGrad()) {
            x = b.forward(ut);
            lj = b.logAbsDetJacobian(ut, x);
        }
        Var fx = sites.lookup(x);
        Var flj = sites.lookup(lj);
        if (fx == null || flj == null || !fx.isActive() && u.isActive()) {
            throw new NotOnTape("parameter '" + p.name() + "': its bijection " + b.getClass().getSimpleName()
                    + " uses an operation the double-precision path does not record");
        }
        return new Var[] {fx, flj};
    }

    /** {f(u), log|det J| elementwise or null when 0}. */
    private static Var[] constrain(Support s, Var u) {
        if (s == Support.REAL || s == Support.REAL_VECTOR) {
            return new Var[] {u, null};
        }
        if (s == Support.POSITIVE || s == Support.NONNEGATIVE) {
            return new Var[] {u.exp(), u};
        }
        Var sig = Ops.sigmoid(u);
        Var lj = Ops.logSigmoid(u).add(Ops.logSigmoid(u.neg()));
        if (s == Support.UNIT_INTERVAL) {
            return new Var[] {sig, lj};
        }
        Support.Bounds b = s.bounds().orElseThrow();
        Var low = Tape.constant(b.low().toDoubleArray(), b.low().shape());
        Var width = Tape.constant(b.high().sub(b.low()).toDoubleArray(), b.low().shape());
        return new Var[] {low.add(width.mul(sig)), lj.add(width.log())};
    }

    @Override
    public void logDensities(double[] points, int k, double[] values, double[] gradients) {
        logDensities(points, k, full, values, gradients);
    }

    /**
     * ℓ_B on {@code batch}: the data plate's observe sites scaled by N/|B| on the tape, as
     * {@link ModelContext} scales them in float32.
     */
    void logDensities(double[] points, int k, Minibatch batch, double[] values, double[] gradients) {
        try {
            Evaluation e = evaluate(points, k, batch, false);
            write(e, k, values, gradients, 0);
        } catch (ModelException | NotOnTape e) {
            throw e;
        } catch (IllegalArgumentException e) {
            double[] one = new double[dim];
            double[] v = new double[1];
            double[] g = gradients == null ? null : new double[dim];
            int failed = 0;
            for (int p = 0; p < k; p++) {
                System.arraycopy(points, p * dim, one, 0, dim);
                try {
                    if (k == 1) {
                        throw e;       // the point alone failed
                    }
                    write(evaluate(one, 1, batch, false), 1, v, g, 0);
                } catch (ModelException | NotOnTape x) {
                    throw x;
                } catch (IllegalArgumentException x) {
                    failed++;
                    v[0] = Double.NEGATIVE_INFINITY;
                    if (g != null) {
                        Arrays.fill(g, 0);
                    }
                }
                values[p] = v[0];
                if (g != null) {
                    System.arraycopy(g, 0, gradients, p * dim, dim);
                }
            }
            if (failed == 0) {
                throw new ModelException("FunctionModel: the model fails for " + k + " particles together but runs"
                        + " for each alone: it does not broadcast over the leading particle dimension ("
                        + e.getMessage() + ")", e);
            }
        }
    }

    private static void write(Evaluation e, int k, double[] values, double[] gradients, int unused) {
        double[] l = e.logDensity().value();
        double[] g = gradients == null ? null : e.tape().gradient(e.logDensity(), e.u(), null);
        int d = e.u().size() / k;
        for (int p = 0; p < k; p++) {
            boolean nan = Double.isNaN(l[p]);
            values[p] = nan ? Double.NEGATIVE_INFINITY : l[p];
            if (g != null) {
                for (int j = 0; j < d; j++) {
                    gradients[p * d + j] = nan ? 0 : g[p * d + j];
                }
            }
        }
    }

    @Override
    public double curvature(double[] u, double[] gradient, double[][] negativeHessian) {
        if (u.length != dim) {
            throw new IllegalArgumentException("FunctionModel: u has " + u.length + " coordinates, the model " + dim);
        }
        Evaluation e;
        try {
            e = evaluate(u, 1);
        } catch (ModelException | NotOnTape x) {
            throw x;
        } catch (IllegalArgumentException x) {
            e = null;          // rejected in the float32 replay: −∞, as on the float32 path
        }
        double l = e == null ? Double.NaN : e.logDensity().value()[0];
        if (Double.isNaN(l)) {
            if (gradient != null) {
                Arrays.fill(gradient, 0);
            }
            if (negativeHessian != null) {
                for (double[] row : negativeHessian) {
                    Arrays.fill(row, 0);
                }
            }
            return Double.NEGATIVE_INFINITY;
        }
        if (gradient != null) {
            System.arraycopy(e.tape().gradient(e.logDensity(), e.u(), null), 0, gradient, 0, dim);
        }
        if (negativeHessian != null) {
            double[][] h = e.tape().hessian(e.logDensity(), e.u(), null);
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    negativeHessian[i][j] = -h[i][j];
                }
            }
        }
        return l;
    }

    /** The probe run at compile time: empty when the model runs on the tape, else why not. */
    static Optional<String> probe(TapeDensity density) {
        try {
            Evaluation e = density.evaluate(new double[2 * density.dim], 2, density.full, true);
            e.tape().gradient(e.logDensity(), e.u(), null);
            density.logDensities(new double[2 * density.dim], 2, new double[2], new double[2 * density.dim]);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }
}
