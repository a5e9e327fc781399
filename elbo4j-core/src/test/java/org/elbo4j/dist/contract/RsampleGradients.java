package org.elbo4j.dist.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Reparameterizable;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * Gradient checks of {@code rsample}.
 *
 * <p>Pathwise families: with a fixed seed the draws x(θ) are a smooth function of the parameters,
 * so the autodiff gradient of {@code L(θ) = Σ_i w_i x_i(θ)} (fixed random weights w) must equal
 * the central difference {@code (L(θ + h) − L(θ − h)) / 2h} of two draws with the same seed, for
 * each parameter element. Tolerance: 2e-3 relative (float32 draws; h = 5e-3·max(1, |θ|)).
 *
 * <p>Implicitly reparameterized families: the gradient of {@code E[w·x + x²]} computed by
 * averaging rsample gradients over 40 independent chunks of 1000 draws must equal the central
 * difference of its closed form {@code w·mean(θ) + Σ (variance(θ) + mean(θ)²)}, within Z
 * standard errors of the chunk average plus 2e-3 relative for the finite difference.
 */
final class RsampleGradients {

    private RsampleGradients() {
    }

    static void checkPathwise(ContractCase c) {
        int draws = 64;
        List<Tensor> params = c.copies(true);
        Tensor x = ((Reparameterizable) c.build().apply(params)).rsample(Rng.of(21), draws);
        Tensor w = Tensor.randn(Rng.of(22), x.shape());
        x.mul(w).sum().backward();
        for (int k = 0; k < params.size(); k++) {
            float[] grad = params.get(k).grad().toFloatArray();
            for (int j = 0; j < grad.length; j++) {
                double[] plus = perturbed(c, k, j, +1);
                double[] minus = perturbed(c, k, j, -1);
                double lp = pathwiseObjective(c, k, j, (float) plus[0], w, draws);
                double lm = pathwiseObjective(c, k, j, (float) minus[0], w, draws);
                double fd = (lp - lm) / (plus[0] - minus[0]);
                assertTrue(Math.abs(fd - grad[j]) <= 2e-3 * Math.max(1.0, Math.abs(grad[j])),
                        c.name() + " parameter " + k + "[" + j + "]: autodiff " + grad[j] + " vs finite difference " + fd);
            }
        }
    }

    static void checkInExpectation(ContractCase c, double z) {
        int chunks = 40;
        int draws = 1000;
        Distribution d0 = c.distribution();
        Tensor w = Tensor.randn(Rng.of(23), d0.mean().shape());
        int total = 0;
        for (Tensor p : c.parameters()) {
            total += p.size();
        }
        double[][] g = new double[chunks][total];
        for (int r = 0; r < chunks; r++) {
            List<Tensor> params = c.copies(true);
            Tensor x = ((Reparameterizable) c.build().apply(params)).rsample(Rng.of(100 + r), draws);
            x.mul(w).add(x.square()).sum().div(draws).backward();
            int at = 0;
            for (Tensor p : params) {
                float[] gp = p.grad() == null ? new float[p.size()] : p.grad().toFloatArray();
                for (float v : gp) {
                    g[r][at++] = v;
                }
            }
        }
        int at = 0;
        for (int k = 0; k < c.parameters().size(); k++) {
            for (int j = 0; j < c.parameters().get(k).size(); j++, at++) {
                double mean = 0;
                for (double[] row : g) {
                    mean += row[at] / chunks;
                }
                double var = 0;
                for (double[] row : g) {
                    var += (row[at] - mean) * (row[at] - mean) / (chunks - 1);
                }
                double se = Math.sqrt(var / chunks);
                double[] plus = perturbed(c, k, j, +1);
                double[] minus = perturbed(c, k, j, -1);
                double fd = (momentObjective(c, k, j, (float) plus[0], w) - momentObjective(c, k, j, (float) minus[0], w))
                        / (plus[0] - minus[0]);
                assertTrue(Math.abs(mean - fd) <= z * se + 2e-3 * Math.max(1.0, Math.abs(fd)),
                        c.name() + " parameter " + k + "[" + j + "]: rsample gradient " + mean + " ± " + se
                                + " vs finite difference of the moments " + fd);
            }
        }
    }

    /** {θ ± h} for element j of parameter k, as the float32 value actually used. */
    private static double[] perturbed(ContractCase c, int k, int j, int sign) {
        double theta = c.parameters().get(k).data()[j];
        double h = 5e-3 * Math.max(1.0, Math.abs(theta));
        return new double[] {(float) (theta + sign * h)};
    }

    private static List<Tensor> withElement(ContractCase c, int k, int j, float value) {
        List<Tensor> params = c.copies(false);
        params.get(k).data()[j] = value;
        return params;
    }

    private static double pathwiseObjective(ContractCase c, int k, int j, float value, Tensor w, int draws) {
        try (GradMode scope = GradMode.noGrad()) {
            Tensor x = ((Reparameterizable) c.build().apply(withElement(c, k, j, value))).rsample(Rng.of(21), draws);
            return dot(x.data(), w.data());
        }
    }

    private static double momentObjective(ContractCase c, int k, int j, float value, Tensor w) {
        try (GradMode scope = GradMode.noGrad()) {
            Distribution d = c.build().apply(withElement(c, k, j, value));
            float[] m = d.mean().data();
            float[] v = d.variance().data();
            double out = dot(m, w.data());
            for (int i = 0; i < m.length; i++) {
                out += v[i] + (double) m[i] * m[i];
            }
            return out;
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
