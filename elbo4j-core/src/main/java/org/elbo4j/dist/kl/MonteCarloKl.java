package org.elbo4j.dist.kl;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * The Monte Carlo estimator {@code KL(p || q) ≈ (1/n) Σ_i [log p(x_i) − log q(x_i)]},
 * {@code x_i ~ p}, with standard error {@code s / sqrt(n)} (s the sample standard deviation of
 * the terms). For batches, each term is summed over the batch: the estimate is of the KL between
 * the products of the batch's distributions, which is the sum of their KLs.
 *
 * <p>Implementation note: draws are taken in chunks of {@value #CHUNK} so that memory stays
 * bounded for large n; the terms are accumulated in double with Welford's update.
 */
public final class MonteCarloKl {

    static final int CHUNK = 1 << 15;

    private MonteCarloKl() {
    }

    /**
     * Estimates KL(p || q) from {@code samples} draws of p taken from {@code rng}.
     *
     * @throws IllegalArgumentException when {@code samples < 2} or the batch shapes of p and q differ
     */
    public static MonteCarloEstimate estimate(Distribution p, Distribution q, int samples, RandomGenerator rng) {
        if (samples < 2) {
            throw new IllegalArgumentException("MonteCarloKl: samples must be >= 2, got " + samples);
        }
        if (!Arrays.equals(p.eventShape(), q.eventShape())) {
            throw new IllegalArgumentException("MonteCarloKl: p and q must have the same event shape, got "
                    + Arrays.toString(p.eventShape()) + " and " + Arrays.toString(q.eventShape()));
        }
        double mean = 0;
        double m2 = 0;
        int seen = 0;
        boolean infinite = false;
        try (GradMode scope = GradMode.noGrad()) {
            for (int start = 0; start < samples; start += CHUNK) {
                int n = Math.min(CHUNK, samples - start);
                Tensor x = p.sample(rng, n);
                Tensor diff = p.logProb(x).sub(q.logProb(x));
                int per = diff.size() / n;
                float[] d = diff.data();
                for (int i = 0; i < n; i++) {
                    double term = 0;
                    for (int j = 0; j < per; j++) {
                        term += d[i * per + j];
                    }
                    if (term == Double.POSITIVE_INFINITY) {
                        infinite = true;
                        continue;
                    }
                    seen++;
                    double delta = term - mean;
                    mean += delta / seen;
                    m2 += delta * (term - mean);
                }
            }
        }
        if (infinite || !Double.isFinite(mean)) {
            return new MonteCarloEstimate(infinite ? Double.POSITIVE_INFINITY : mean, Double.NaN, samples);
        }
        double variance = m2 / (samples - 1);
        return new MonteCarloEstimate(mean, Math.sqrt(variance / samples), samples);
    }
}
