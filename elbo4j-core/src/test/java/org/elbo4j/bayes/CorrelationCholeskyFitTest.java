package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.dist.LkjCholesky;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Support;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A model whose only parameter is a 2×2 correlation Cholesky factor L, with an LKJ(η = 2) prior
 * and N = 200 bivariate normal observations x_n ~ N(0, L Lᵀ) drawn (seed 7) with correlation
 * ρ = 0.6. The unconstrained coordinate is u = atanh(L_10), and L_10 = ρ is the correlation.
 *
 * <p>The posterior of ρ is nearly Gaussian with sd ≈ (1 − ρ²)/√(N (1 + ρ²)) ≈ 0.039 (the inverse
 * Fisher information of a correlation with known unit variances), so a full-rank Gaussian guide
 * in u fits it well. Checks: the verdict is usable; the posterior mean of L_10 is within 3
 * posterior sd of the sample (Pearson) correlation of the data (the two differ by O(1/N) plus
 * the prior's pull towards 0, about 0.01 here); the posterior sd is within a factor 1.5 of the
 * asymptotic 0.039; every draw lies in {@link Support#CORRELATION_CHOLESKY}.
 *
 * <p>Against the exact posterior, by quadrature in double over ρ ∈ (−1, 1) of the hand-written
 * log density {@code log p(ρ) + Σ_n log N(x_n | 0, [[1, ρ], [ρ, 1]])} with
 * log p(ρ) = log(1 − ρ²) − log B(½, 2) (LKJ(2) for K = 2): posterior mean (0.6409) within 0.25
 * posterior sd, sd (0.0344) within 15 %, and the importance-sampled log evidence (−530.670)
 * within 0.02 (its Monte Carlo standard error is about 0.0015; the float32 log density adds
 * about 1e-4). Observed with seed 1: mean 0.6413, sd 0.0340, log evidence −530.6707. The data
 * and the fit are seeded, so the outcome is deterministic.
 */
class CorrelationCholeskyFitTest {

    private static final int N = 200;
    private static final double RHO = 0.6;

    /** x_n = L_true ε_n, ε_n ~ N(0, I₂), L_true = [[1, 0], [ρ, √(1 − ρ²)]]. */
    private static Tensor data() {
        Rng rng = Rng.of(7);
        double s = Math.sqrt(1 - RHO * RHO);
        float[] x = new float[N * 2];
        for (int n = 0; n < N; n++) {
            double e0 = rng.nextGaussian();
            double e1 = rng.nextGaussian();
            x[2 * n] = (float) e0;
            x[2 * n + 1] = (float) (RHO * e0 + s * e1);
        }
        return Tensor.of(x, N, 2);
    }

    private static double pearson(Tensor x) {
        double[] v = x.toDoubleArray();
        double m0 = 0;
        double m1 = 0;
        for (int n = 0; n < N; n++) {
            m0 += v[2 * n] / N;
            m1 += v[2 * n + 1] / N;
        }
        double s00 = 0;
        double s11 = 0;
        double s01 = 0;
        for (int n = 0; n < N; n++) {
            double a = v[2 * n] - m0;
            double b = v[2 * n + 1] - m1;
            s00 += a * a;
            s11 += b * b;
            s01 += a * b;
        }
        return s01 / Math.sqrt(s00 * s11);
    }

    /** {mean, sd, log evidence} of the exact posterior of ρ, by the midpoint rule on 200,000 nodes. */
    private static double[] exactPosterior(Tensor x) {
        double[] v = x.toDoubleArray();
        double s00 = 0;
        double s11 = 0;
        double s01 = 0;
        for (int n = 0; n < N; n++) {
            s00 += v[2 * n] * v[2 * n];
            s11 += v[2 * n + 1] * v[2 * n + 1];
            s01 += v[2 * n] * v[2 * n + 1];
        }
        int g = 200_000;
        double h = 2.0 / g;
        double[] logPost = new double[g];
        double max = Double.NEGATIVE_INFINITY;
        double logPriorNormaliser = Math.log(4.0 / 3.0); // B(½, 2) = ∫ (1 − ρ²) dρ = 4/3
        for (int i = 0; i < g; i++) {
            double rho = -1 + (i + 0.5) * h;
            double d = 1 - rho * rho;
            logPost[i] = Math.log(d) - logPriorNormaliser - N * Math.log(2 * Math.PI) - 0.5 * N * Math.log(d)
                    - 0.5 * (s00 - 2 * rho * s01 + s11) / d;
            max = Math.max(max, logPost[i]);
        }
        double z = 0;
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i < g; i++) {
            double rho = -1 + (i + 0.5) * h;
            double w = Math.exp(logPost[i] - max);
            z += w;
            m1 += w * rho;
            m2 += w * rho * rho;
        }
        double mean = m1 / z;
        return new double[] {mean, Math.sqrt(m2 / z - mean * mean), max + Math.log(z * h)};
    }

    private static BayesModel model(Tensor x) {
        LkjCholesky prior = LkjCholesky.of(2, 2.0);
        return new BayesModel() {
            @Override
            public List<Parameter> parameters() {
                return List.of(Parameter.correlationCholesky("L", 2));
            }

            @Override
            public int observationCount() {
                return N;
            }

            @Override
            public Tensor logPrior(ParameterValues theta) {
                return prior.logProb(theta.get("L"));
            }

            @Override
            public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
                Tensor l = theta.get("L");
                MultivariateNormal lik = MultivariateNormal.ofScaleTril(Tensor.zeros(l.dim(0), 2), l);
                return lik.logProb(batch.select(x).unsqueeze(1)).sum(0, false);
            }
        };
    }

    @Test
    void posteriorOfTheCorrelationIsNearTheSampleCorrelation() {
        Tensor x = data();
        double r = pearson(x);
        FitResult fit = BayesFit.fit(model(x), FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withSeed(1));
        assertTrue(fit.verdict().isUsable(), fit.verdict() + ": " + fit.reason());

        ParameterSummary l = fit.summary("L");
        assertArrayEquals(new int[] {2, 2}, l.shape());
        double mean = l.mean()[2];
        double sd = l.sd()[2];
        double asymptoticSd = (1 - RHO * RHO) / Math.sqrt(N * (1 + RHO * RHO));
        assertTrue(sd > asymptoticSd / 1.5 && sd < asymptoticSd * 1.5,
                "posterior sd of L[1][0] " + sd + " vs asymptotic " + asymptoticSd);
        assertEquals(r, mean, 3 * sd, "posterior mean of L[1][0] vs sample correlation " + r);
        double[] exact = exactPosterior(x);
        assertEquals(exact[0], mean, 0.25 * exact[1], "posterior mean of L[1][0] vs quadrature");
        assertEquals(exact[1], sd, 0.15 * exact[1], "posterior sd of L[1][0] vs quadrature");
        assertTrue(fit.evidence().isPresent(), "evidence");
        assertEquals(exact[2], fit.evidence().get().logEvidence(), 0.02, "log evidence vs quadrature");
        assertEquals(1.0, l.mean()[0], 1e-6, "L[0][0] is always 1");
        assertEquals(0.0, l.mean()[1], 0.0, "L[0][1] is always 0");

        Tensor draws = fit.draws().get("L");
        assertEquals(2, draws.dim(-1));
        Tensor inside = Support.CORRELATION_CHOLESKY.check(draws);
        assertEquals((double) inside.size(), inside.sum().item(), "every draw is a correlation Cholesky factor");
    }
}
