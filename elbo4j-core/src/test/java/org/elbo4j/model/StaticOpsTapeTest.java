package org.elbo4j.model;

import java.util.List;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Poisson;
import org.elbo4j.dist.Uniform;
import org.elbo4j.tensor.Arith;
import org.elbo4j.tensor.Decompositions;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Reductions;
import org.elbo4j.tensor.Shaping;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * User models written with the static operation families ({@code Arith}, {@code Functions},
 * {@code Reductions}, {@code Shaping}, {@code Decompositions}) rather than {@code Tensor}'s instance
 * methods, which used to fall back to float32: each now runs on the tape, and {@link TapeAgreement}
 * checks it against its float32 path (ℓ to 1e−5 relative: float32 rounding of sums of ~10 terms of
 * order 1–10) and its own derivatives against central differences (gradient 1e−6, Hessian 1e−5
 * relative to the max-norm).
 */
class StaticOpsTapeTest {

    static final double VALUE_TOL = 1e-5;
    static final double GRAD_TOL = 1e-6;
    static final double HESS_TOL = 1e-5;

    /** The particle axes of a sample outside every plate ([] when traced, [M, 1] with one plate). */
    private static int[] lead(Tensor scalarSample) {
        return scalarSample.rank() == 0 ? new int[0] : new int[] {scalarSample.dim(0)};
    }

    private static int[] concat(int[] a, int... b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void elementwiseStaticFunctions() {
        Tensor x = Tensor.vector(-1.0, -0.5, 0.25, 0.5, 1.5, 2.0);
        Tensor y = Tensor.vector(-0.8, 0.1, 0.9, 1.2, 2.3, 3.1);
        Tensor counts = Tensor.vector(0, 1, 1, 2, 4, 3);
        FunctionModel model = FunctionModel.of(m -> {
            Tensor a = m.sample("a", Normal.of(0, 1));
            Tensor s = m.sample("s", Gamma.of(2, 2));
            Tensor sp = Arith.add(s, Tensor.scalar(1));
            // loc = a x + softplus(a) − ½ tanh(a)
            Tensor loc = Arith.sub(Arith.add(Arith.mul(a, x), Functions.softplus(a)),
                    Arith.scale(Functions.tanh(a), 0.5));
            // scale = max(√(s + ½), 0.3) through pow, maximum (a where) and clamp
            Tensor scale = Functions.clamp(Arith.maximum(Functions.pow(Arith.add(s, Tensor.scalar(0.5)), 0.5),
                    Tensor.scalar(0.3)), 0, 50);
            // rate = exp(ψ(s + 1) − 1/(s + 1) + a x / 4) · (s + 1)^{1/(s+1)}
            Tensor logRate = Arith.add(Arith.sub(Functions.digamma(sp), Functions.reciprocal(sp)),
                    Arith.div(Arith.mul(a, x), Tensor.scalar(4)));
            Tensor rate = Arith.mul(Functions.exp(logRate), Arith.pow(sp, Functions.reciprocal(sp)));
            try (Plate p = m.plate("data", 6)) {
                m.observe("y", Normal.of(loc, scale), y);
                m.observe("k", Poisson.of(Arith.minimum(rate, Tensor.scalar(1e4))), counts);
            }
        });
        TapeAgreement.check(model, 6, 3, 0.5, VALUE_TOL, GRAD_TOL, HESS_TOL);
    }

    /** A covariance and a precision matrix built from the parameters: Cholesky, triangular solves and matmul on the tape. */
    @Test
    void multivariateNormalFromAParameterDependentCovarianceOrPrecision() {
        Tensor y = Tensor.of(new double[] {0.3, -0.2, 1.1, 0.8, -0.7, -1.2, 0.2, 0.5, 1.4, 0.9}, 5, 2);
        for (boolean precision : new boolean[] {false, true}) {
            FunctionModel model = FunctionModel.of(m -> {
                Tensor s1 = m.sample("s1", HalfNormal.of(2));
                Tensor s2 = m.sample("s2", HalfNormal.of(2));
                Tensor rho = m.sample("rho", Uniform.of(-1, 1));
                Tensor mu = m.sample("mu", Independent.of(Normal.of(Tensor.zeros(2), Tensor.full(3.0, 2)), 1));
                Tensor off = Arith.mul(rho, Arith.mul(s1, s2));
                Tensor entries = Shaping.stack(List.of(Functions.square(s1), off, off, Functions.square(s2)), -1);
                // batch [] when traced, [M, 1] (the particles against the rows' plate) in a run
                Tensor matrix = Shaping.reshape(entries, concat(rho.shape(), 2, 2));
                Tensor loc = Shaping.reshape(mu, concat(rho.shape(), 2));
                MultivariateNormal d = precision ? MultivariateNormal.ofPrecision(loc, matrix)
                        : MultivariateNormal.ofCovariance(loc, matrix);
                try (Plate rows = m.plate("rows", 5)) {
                    m.observe("y", d, y);
                }
            });
            TapeAgreement.check(model, 5, 5, 0.4, VALUE_TOL, GRAD_TOL, HESS_TOL);
        }
    }

    /**
     * Triangular solves of both batch rules: a parameter matrix against data columns (the data
     * reused for every particle) and a data matrix against parameter columns (the matrix reused),
     * upper and transposed; the diagonal and static reductions.
     */
    @Test
    void triangularSolvesAndReductions() {
        Tensor b = Tensor.of(new double[] {0.5, -1.0, 2.0, 1.5, 0.25, -0.75}, 2, 3);
        Tensor t = Tensor.of(new double[] {2.0, 0.5, 0.0, 1.5}, 2, 2);
        Tensor y = Tensor.vector(0.4, -0.9, 1.3, 0.2, -0.1, 0.8);
        FunctionModel model = FunctionModel.of(m -> {
            Tensor a = m.sample("a", Normal.of(0, 1));
            Tensor s = m.sample("s", Gamma.of(3, 2));
            Tensor zero = Arith.scale(a, 0);
            Tensor lower = Shaping.reshape(Shaping.stack(List.of(Arith.add(s, Tensor.scalar(1)), zero, a,
                    Arith.add(zero, Tensor.scalar(2))), -1), concat(lead(a), 2, 2));
            Tensor x1 = Decompositions.solveTriangular(lower, b, true, false);                 // [.., 2, 3]
            Tensor columns = Shaping.reshape(Arith.mul(Shaping.reshape(a, concat(lead(a), 1, 1)), b),
                    concat(lead(a), 2, 3));
            Tensor x2 = Decompositions.solveTriangular(t, columns, false, true);               // Tᵀ upper
            Tensor logDiag = Reductions.sum(Functions.log(Decompositions.diagonal(lower)), -1, true);
            Tensor loc = Arith.add(Shaping.reshape(Arith.add(x1, x2), concat(lead(a), 6)), logDiag);
            Tensor scale = Arith.add(Reductions.mean(Functions.square(x1), -1, false), Tensor.scalar(0.5));
            scale = Shaping.reshape(Reductions.mean(scale, -1, true), concat(lead(a), 1));
            if (lead(a).length == 0) {
                scale = Shaping.reshape(scale, new int[0]);
            }
            try (Plate p = m.plate("data", 6)) {
                m.observe("y", Normal.of(loc, scale), y);
            }
        });
        TapeAgreement.check(model, 6, 7, 0.5, VALUE_TOL, GRAD_TOL, HESS_TOL);
    }
}
