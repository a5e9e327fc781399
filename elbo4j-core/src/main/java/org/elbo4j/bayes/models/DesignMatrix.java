package org.elbo4j.bayes.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.dist.Normal;
import org.elbo4j.tensor.Tensor;

/**
 * Validation and tensor conversion of a regression's inputs, and the coefficients with their
 * Gaussian prior, shared by the built-in regression models. Log-densities come from
 * {@code org.elbo4j.dist} ({@link Normal#logProb} for tensors, {@link Normal#logDensity} in double),
 * never re-derived here.
 */
final class DesignMatrix {

    private DesignMatrix() {
    }

    /** Checks that X is a non-empty finite N × D matrix and y a finite vector of N values. */
    static void check(String model, double[][] x, double[] y) {
        if (x == null || y == null || x.length == 0) {
            throw new IllegalArgumentException(model + ": X and y must be non-empty");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(model + ": X has " + x.length + " rows but y has " + y.length + " values");
        }
        int d = x[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(model + ": X must have at least one column");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException(model + ": row " + i + " of X has " + x[i].length
                        + " columns, expected " + d);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(model + ": X must be finite, got " + v + " in row " + i);
                }
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(model + ": y must be finite, got " + y[i] + " at " + i);
            }
        }
    }

    static void positive(String model, String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(model + ": " + name + " must be finite and > 0, got " + v);
        }
    }

    static Tensor matrix(double[][] x) {
        return Tensor.matrix(x);
    }

    /** η = intercept + β Xᵀ for M particles: β [M, D], rows [B, D], intercept [M] or null → [M, B]. */
    static Tensor linearPredictor(Tensor beta, Tensor rows, Tensor intercept) {
        Tensor eta = org.elbo4j.tensor.LinAlg.matmul(beta, rows, false, true);
        return intercept == null ? eta : eta.add(intercept.unsqueeze(1));
    }

    /** The regression coefficients: {@code intercept} (when asked) then {@code beta} of {@code features}. */
    static List<Parameter> coefficients(boolean intercept, int features) {
        List<Parameter> p = new ArrayList<>();
        if (intercept) {
            p.add(Parameter.real("intercept"));
        }
        p.add(Parameter.real("beta", features));
        return p;
    }

    /** M prior draws of the coefficients, {@code intercept} [M] (when present) and {@code beta} [M, D] ~ N(0, s²). */
    static Map<String, Tensor> coefficientPriorDraws(RandomGenerator rng, int m, boolean intercept, int features,
            double s) {
        Map<String, Tensor> draws = new LinkedHashMap<>();
        if (intercept) {
            draws.put("intercept", normalDraws(rng, s, m));
        }
        draws.put("beta", normalDraws(rng, s, m, features));
        return draws;
    }

    /** N(0, s²) draws of the given shape. */
    static Tensor normalDraws(RandomGenerator rng, double s, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (s * rng.nextGaussian());
        }
        return t;
    }

    /** log N(β; 0, s²I) + log N(intercept; 0, s²) (when present), per particle → [M]. */
    static Tensor coefficientLogPrior(ParameterValues theta, boolean intercept, double s) {
        Tensor lp = normalLogPrior(theta.get("beta"), s);
        return intercept ? lp.add(normalLogPrior(theta.get("intercept"), s)) : lp;
    }

    /** Σ_i log N(x_i; 0, s) over the last axis of x [M, K] (or of x [M] when it has rank 1) → [M]. */
    static Tensor normalLogPrior(Tensor x, double s) {
        Tensor lp = Normal.of(0.0, s).logProb(x);
        return x.rank() == 1 ? lp : lp.sum(1, false);
    }

    /**
     * {@code value} plus Σ_j log N(u_j; 0, s) over the d coordinates of the point at {@code off}
     * in {@code u}; adds ∂/∂u_j to {@code gradient} (at the same offset) and −∂²/∂u_j² to the
     * diagonal of {@code negativeHessian} when they are not null.
     */
    static double addNormalLogPrior(double[] u, int off, int d, double s, double value, double[] gradient,
            double[][] negativeHessian) {
        for (int j = 0; j < d; j++) {
            double uj = u[off + j];
            value += Normal.logDensity(uj, 0.0, s);
            if (gradient != null) {
                gradient[off + j] += Normal.logDensityDerivative(uj, 0.0, s);
            }
            if (negativeHessian != null) {
                negativeHessian[j][j] -= Normal.logDensitySecondDerivative(uj, 0.0, s);
            }
        }
        return value;
    }

    /** The augmented design [1, X] (if intercept) as a double matrix. */
    static double[][] augmented(double[][] x, boolean intercept) {
        int d = x[0].length + (intercept ? 1 : 0);
        double[][] a = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            if (intercept) {
                a[i][0] = 1;
            }
            System.arraycopy(x[i], 0, a[i], intercept ? 1 : 0, x[i].length);
        }
        return a;
    }
}
