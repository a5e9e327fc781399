package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.ContinuousBernoulli;
import org.elbo4j.dist.Dirichlet;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.LkjCholesky;
import org.elbo4j.dist.LowRankMultivariateNormal;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.OneHotCategorical;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The event-shaped families on the tape ({@link TapeMultivariate}), LowRankMultivariateNormal with
 * one factor for every row and with a batch of factors: each value against scipy (or,
 * for LKJ, the paper's form of the normaliser; for the continuous Bernoulli, 50-digit mpmath) printed by {@code tools/tape_multivariate_references.py}
 * to 1e−13 relative, against the family's own float32 {@code logProb} to 2e−6 relative, and the
 * gradient and Hessian with respect to every parameter and x (when continuous) together against central differences
 * ({@link TapeCheck}: 1e−7 and 1e−6 relative to the max-norm).
 */
class TapeMultivariateTest {

    // Output of tools/tape_multivariate_references.py (scipy 1.10.1):
    static final double DIRICHLET = -0.01389741366634678;
    static final double MVN = -3.471103507736531;
    static final double[] LKJ_L = {1.0, 0.0, 0.0, 0.3, 0.9539392014169457, 0.0, -0.2, 0.4898979485566356,
        0.848528137423857};
    static final double LKJ = -1.19171915309338;
    static final double CATEGORICAL_2 = -0.8057842190293448;
    static final double CB_SMALL = -0.04874719151108932;
    static final double CB_LARGE = 0.5019412156161933;
    static final double LOW_RANK = -4.058932346305962;
    static final double[] LOW_RANK_BATCH = {-4.058932346305962, -4.712476917499663};

    static final double GRAD_TOL = 1e-7;
    static final double HESS_TOL = 1e-6;

    /** The leaf cut into the given parameter tensors (in order) and x (the rest). */
    private static Function<Var, Var> density(Distribution d, Tensor[] params, double[] x, int[] xShape) {
        boolean discrete = d.support().isDiscrete();
        return leaf -> {
            Map<Tensor, Var> map = new IdentityHashMap<>();
            int at = 0;
            for (Tensor p : params) {
                map.put(p, Ops.reshape(Ops.slice(leaf, 0, at, at + p.size()), p.shape()));
                at += p.size();
            }
            Var v = discrete ? Tape.constant(x, xShape) : Ops.reshape(Ops.slice(leaf, 0, at, leaf.size()), xShape);
            return TapeDensities.logProb(d, v, map::get);
        };
    }

    /**
     * {@code exact} holds the parameters' values in double (the tensors hold them rounded to
     * float32, which only the float32 comparison sees).
     */
    private static void check(String name, Distribution d, Tensor[] params, double[] exact, double[] x, int[] xShape,
            double expected) {
        double[] leaf = d.support().isDiscrete() ? exact : concat(exact, x);
        Function<Var, Var> f = density(d, params, x, xShape);
        double value = f.apply(Tape.create().leaf(leaf, leaf.length)).value()[0];
        assertEquals(expected, value, 1e-13 * Math.abs(expected), name + " against the reference");
        double float32 = d.logProb(Tensor.of(x, xShape)).item();
        assertEquals(value, float32, 2e-6 * Math.max(1, Math.abs(value)), name + " against float32 logProb");
        TapeCheck.check(name, f, leaf, new int[] {leaf.length}, GRAD_TOL, HESS_TOL);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void dirichlet() {
        double[] alpha = {1.3, 0.7, 2.4};
        Tensor a = Tensor.of(alpha, 3);
        check("Dirichlet", Dirichlet.of(a), new Tensor[] {a}, alpha, new double[] {0.2, 0.5, 0.3}, new int[] {3},
                DIRICHLET);
    }

    @Test
    void multivariateNormalFromItsCholeskyFactor() {
        double[] loc = {0.3, -0.2, 0.5};
        double[] l = {1.2, 0, 0, 0.4, 0.9, 0, -0.3, 0.25, 1.5};
        MultivariateNormal d = MultivariateNormal.ofScaleTril(Tensor.of(loc, 3), Tensor.of(l, 3, 3));
        check("MultivariateNormal", d, new Tensor[] {d.loc(), d.scaleTril()}, concat(loc, l),
                new double[] {0.7, 0.1, -0.4}, new int[] {3}, MVN);
    }

    @Test
    void lkjCholesky() {
        Tensor eta = Tensor.scalar(1.7);
        check("LkjCholesky", LkjCholesky.of(3, eta), new Tensor[] {eta}, new double[] {1.7}, LKJ_L,
                new int[] {3, 3}, LKJ);
    }

    @Test
    void categoricalAndOneHot() {
        double[] logits = {0.4, -1.1, 0.9, 0.2};
        double lse = 0;
        for (double v : logits) {
            lse += Math.exp(v);
        }
        double[] normalised = new double[4];
        for (int i = 0; i < 4; i++) {
            normalised[i] = logits[i] - Math.log(lse);
        }
        Categorical c = Categorical.ofLogits(Tensor.of(logits, 4));
        check("Categorical", c, new Tensor[] {c.logits()}, normalised, new double[] {2}, new int[0], CATEGORICAL_2);
        OneHotCategorical h = OneHotCategorical.ofLogits(Tensor.of(logits, 4));
        check("OneHotCategorical", h, new Tensor[] {h.logits()}, normalised, new double[] {0, 0, 1, 0},
                new int[] {4}, CATEGORICAL_2);
    }

    /** One W for every row: the rows' projections in one product and one solve with a column per row. */
    @Test
    void lowRankMultivariateNormal() {
        double[] loc = {0.2, -0.4, 0.1};
        double[] w = {0.8, -0.3, 0.5, 0.9, -0.6, 0.4};
        double[] diag = {0.7, 1.3, 0.5};
        LowRankMultivariateNormal d = LowRankMultivariateNormal.of(Tensor.of(loc, 3), Tensor.of(w, 3, 2),
                Tensor.of(diag, 3));
        check("LowRankMultivariateNormal", d, new Tensor[] {d.loc(), d.covFactor(), d.covDiag()},
                concat(concat(loc, w), diag), new double[] {0.6, -1.1, 0.9}, new int[] {3}, LOW_RANK);
    }

    /**
     * A W per batch entry: batch [2] against x [2, 3] (rows split into the factors' batch and the
     * rest: one product and one solve per factor), and batch [1, 2] against x [2, 2, 3] (no such
     * split: W broadcast to every row); each entry against scipy, derivatives of their weighted sum.
     */
    @Test
    void lowRankMultivariateNormalWithABatchOfFactors() {
        lowRankBatch(new int[] {2}, new int[] {2, 3});
        lowRankBatch(new int[] {1, 2}, new int[] {2, 2, 3});
    }

    private static void lowRankBatch(int[] batch, int[] xShape) {
        double[] loc = {0.2, -0.4, 0.1};
        double[] w = {0.8, -0.3, 0.5, 0.9, -0.6, 0.4, 0.2, 0.7, -1.1, 0.3, 0.4, -0.5};
        double[] diag = {0.7, 1.3, 0.5, 1.1, 0.4, 0.9};
        double[] rows = {0.6, -1.1, 0.9, -0.3, 0.5, 1.4};
        double[] x = new double[Shapes.size(xShape)];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows[i % 6];
        }
        int[] wShape = Arrays.copyOf(batch, batch.length + 2);
        wShape[batch.length] = 3;
        wShape[batch.length + 1] = 2;
        int[] dShape = Arrays.copyOf(batch, batch.length + 1);
        dShape[batch.length] = 3;
        LowRankMultivariateNormal d = LowRankMultivariateNormal.of(Tensor.of(loc, 3), Tensor.of(w, wShape),
                Tensor.of(diag, dShape));
        Tensor[] params = {d.loc(), d.covFactor(), d.covDiag()};
        double[] exact = concat(concat(concat(loc, loc), w), diag);
        Function<Var, Var> f = density(d, params, x, xShape);
        double[] leaf = concat(exact, x);
        Var v = f.apply(Tape.create().leaf(leaf, leaf.length));
        Tensor float32 = d.logProb(Tensor.of(x, xShape));
        assertEquals(x.length / 3, v.size());
        for (int i = 0; i < v.size(); i++) {
            double expected = LOW_RANK_BATCH[i % 2];
            assertEquals(expected, v.value()[i], 1e-13 * Math.abs(expected), "entry " + i);
            assertEquals(v.value()[i], float32.toDoubleArray()[i], 2e-6 * Math.abs(expected), "float32, entry " + i);
        }
        TapeCheck.check("LowRankMultivariateNormal batch " + Arrays.toString(batch), f, leaf,
                new int[] {leaf.length}, GRAD_TOL, HESS_TOL);
    }

    /** Both branches of the normaliser: its series (|ℓ| &lt; ½) and its closed form. */
    @Test
    void continuousBernoulli() {
        Tensor small = Tensor.scalar(0.3);
        check("ContinuousBernoulli series", ContinuousBernoulli.ofLogits(small), new Tensor[] {small},
                new double[] {0.3}, new double[] {0.35}, new int[0], CB_SMALL);
        Tensor large = Tensor.scalar(2.5);
        check("ContinuousBernoulli closed form", ContinuousBernoulli.ofLogits(large), new Tensor[] {large},
                new double[] {2.5}, new double[] {0.8}, new int[0], CB_LARGE);
    }
}
