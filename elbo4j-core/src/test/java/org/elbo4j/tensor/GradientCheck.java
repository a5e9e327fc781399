package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.random.Rng;

/**
 * Finite-difference check of the reverse-mode gradients of an operation.
 *
 * <p>For an operation {@code f} of inputs {@code x₁ … x_k} and a fixed random weight tensor
 * {@code w} of the output's shape, the scalar loss is {@code L(x) = Σ w ⊙ f(x)}. The analytic
 * gradient is {@code backward()} of {@code (f(x) · w).sum()}. The numeric one is the central
 * difference {@code (L(x + h·e_j) − L(x − h·e_j)) / (x_j⁺ − x_j⁻)}, where f is evaluated in float32
 * on the perturbed inputs but L is summed in double, and the denominator uses the float32 values
 * actually stored (so rounding of {@code x ± h} costs nothing).
 *
 * <p>Error budget with {@code h = STEP · max(1, |x_j|)}: the truncation error is
 * {@code h²·|f'''|/6} (about 3e-6·|f'''|) and the rounding of each float32 output costs about
 * {@code 6e-8·|f| / (2h)} (about 1e-5·|f|). A component passes when
 * {@code |analytic − numeric| ≤ ABS_TOL + REL_TOL · max(|analytic|, |numeric|)}; a wrong rule
 * (a missing factor, a sign, a lost broadcast contribution) is off by O(1) and fails. Inputs must
 * stay at least a few h away from kinks (relu/abs at 0, clamp bounds, ties of max).
 */
public final class GradientCheck {

    /**
     * Relative tolerance of one gradient component. The engine's own checks stay below 1/15 of
     * the combined tolerance (measured worst case: matmul and logSumExp at about 1e-4 relative).
     */
    public static final double REL_TOL = 2e-3;

    /** Absolute tolerance of one gradient component (the gradients checked are of order 1). */
    public static final double ABS_TOL = 2e-4;

    /**
     * Relative finite-difference step, about the cube root of float32 epsilon. Relative, so that
     * functions whose curvature scales with |x| (log, pow) are checked well; for shift-invariant
     * functions (logSumExp) keep inputs of order 1.
     */
    public static final double STEP = 4e-3;

    /** Seed of the weight tensor {@code w}. */
    private static final long WEIGHT_SEED = 20240611L;

    /** An operation under test, evaluated on the (leaf) inputs in order. */
    @FunctionalInterface
    public interface Op {
        Tensor apply(Tensor[] inputs);
    }

    private GradientCheck() {
    }

    /**
     * Checks every element of the gradient of every input with {@link #REL_TOL} and
     * {@link #ABS_TOL}; the inputs (leaves) are marked to require gradients. Fails with the op
     * name, input, position and both values.
     */
    public static void check(String name, Op op, Tensor... inputs) {
        checkWithin(REL_TOL, ABS_TOL, name, op, inputs);
    }

    /** {@link #check} with explicit tolerances, for functions whose float32 forward is less accurate. */
    public static void checkWithin(double relTol, double absTol, String name, Op op, Tensor... inputs) {
        for (Tensor x : inputs) {
            x.requiresGrad(true);
            x.zeroGrad();
        }
        Tensor out = op.apply(inputs);
        Tensor weights = Tensor.randn(Rng.of(WEIGHT_SEED), out.shape());
        Arith.mul(out, weights).sum().backward();
        double base = weightedSum(out, weights);
        if (!Double.isFinite(base)) {
            fail(name + ": the loss at the check point is not finite (" + base + "); choose other inputs");
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            assertNotNull(x.grad(), name + ": input " + i + " received no gradient");
            assertArrayEquals(x.shape(), x.grad().shape(), name + ": gradient shape of input " + i);
            float[] analytic = x.grad().data();
            float[] values = x.data();
            for (int j = 0; j < values.length; j++) {
                double numeric = numericDerivative(op, inputs, weights, values, j);
                double a = analytic[j];
                double tolerance = absTol + relTol * Math.max(Math.abs(a), Math.abs(numeric));
                if (!(Math.abs(a - numeric) <= tolerance)) {
                    failures.add(String.format("input %d element %d (x=%s): analytic %.6g, numeric %.6g",
                            i, j, values[j], a, numeric));
                }
            }
        }
        for (Tensor x : inputs) {
            x.zeroGrad();
        }
        if (!failures.isEmpty()) {
            fail(name + ": " + failures.size() + " gradient component(s) differ from central differences"
                    + " (rel " + relTol + ", abs " + absTol + "): "
                    + String.join("; ", failures.subList(0, Math.min(5, failures.size()))));
        }
    }

    @SuppressWarnings("try")
    private static double numericDerivative(Op op, Tensor[] inputs, Tensor weights, float[] values, int j) {
        float original = values[j];
        double h = STEP * Math.max(1.0, Math.abs(original));
        float plus = (float) (original + h);
        float minus = (float) (original - h);
        try (GradMode ignored = GradMode.noGrad()) {
            values[j] = plus;
            double lossPlus = weightedSum(op.apply(inputs), weights);
            values[j] = minus;
            double lossMinus = weightedSum(op.apply(inputs), weights);
            return (lossPlus - lossMinus) / ((double) plus - (double) minus);
        } finally {
            values[j] = original;
        }
    }

    /** {@code Σ w ⊙ y} in double. */
    private static double weightedSum(Tensor y, Tensor weights) {
        float[] v = y.data();
        float[] w = weights.data();
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += (double) v[i] * w[i];
        }
        return s;
    }

    // ---------------------------------------------------------------- inputs

    /** Uniform values on [low, high). */
    public static Tensor uniform(long seed, double low, double high, int... shape) {
        return Tensor.rand(Rng.of(seed), low, high, shape);
    }

    /** Values of random sign with magnitude uniform on [low, high): kept away from 0. */
    public static Tensor signed(long seed, double low, double high, int... shape) {
        Rng rng = Rng.of(seed);
        Tensor t = Tensor.rand(rng, low, high, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (rng.nextBoolean()) {
                d[i] = -d[i];
            }
        }
        return t;
    }

    /**
     * Distinct values {@code spacing · k + offset} for k = 0 … n−1 in shuffled order: no two
     * elements come within {@code spacing} of each other, so max and maximum have no ties.
     */
    public static Tensor distinct(long seed, double spacing, double offset, int... shape) {
        Rng rng = Rng.of(seed);
        int n = Shape.size(shape);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (spacing * i + offset);
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            float tmp = d[i];
            d[i] = d[k];
            d[k] = tmp;
        }
        return Tensor.of(d, shape);
    }
}
