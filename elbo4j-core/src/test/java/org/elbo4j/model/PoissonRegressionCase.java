package org.elbo4j.model;

import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Poisson;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;

/**
 * A hierarchical Poisson regression with data simulated from known parameters:
 * {@code mu ~ N(0, 1)}, {@code sigma ~ Exponential(1)}, {@code beta ~ N(0, 1)},
 * {@code alpha_g ~ N(mu, sigma)} for G groups, {@code y_n ~ Poisson(exp(alpha_{g(n)} + beta x_n))}.
 * Public so that the README example test can reuse the simulated data.
 */
public final class PoissonRegressionCase {

    public static final int G = 8;
    public static final double MU = 1.0;
    public static final double SIGMA = 0.5;
    public static final double BETA = 0.7;

    public final int n;
    public final int[] group;
    public final Tensor x;
    public final Tensor y;
    public final double[] alpha = new double[G];

    /** N observations simulated with {@code seed}. */
    public PoissonRegressionCase(int n, long seed) {
        this.n = n;
        Rng rng = Rng.of(seed);
        for (int g = 0; g < G; g++) {
            alpha[g] = MU + SIGMA * rng.nextGaussian();
        }
        group = new int[n];
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            group[i] = i % G;
            xs[i] = rng.nextGaussian();
            double rate = Math.exp(alpha[group[i]] + BETA * xs[i]);
            ys[i] = poisson(rng, rate);
        }
        x = Tensor.of(xs, n);
        y = Tensor.of(ys, n);
    }

    private static int poisson(Rng rng, double rate) {
        double limit = Math.exp(-rate);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }

    /** The model, with minibatches of {@code batch} observations. */
    public ModelFunction function(int batch) {
        return m -> {
            Tensor mu = m.sample("mu", Normal.of(0, 1));
            Tensor sigma = m.sample("sigma", Exponential.of(1));
            Tensor beta = m.sample("beta", Normal.of(0, 1));
            Tensor a;
            try (Plate groups = m.plate("groups", G)) {
                a = m.sample("alpha", Normal.of(mu, sigma));
            }
            try (Plate data = m.plate("data", n, batch)) {
                Tensor eta = a.indexSelect(-1, data.subsample(group)).add(beta.mul(data.subsample(x)));
                m.observe("y", Poisson.of(eta.exp()), data.subsample(y));
            }
        };
    }
}
