package org.elbo4j.infer;

import java.util.function.Function;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;

/** Repeated seeded runs of an estimator: means and standard errors of values and gradients. */
final class EstimatorSamples {

    final double[] mean;
    final double[] stderr;
    final double[] variance;

    private EstimatorSamples(double[] sum, double[] sumSq, int n) {
        mean = new double[sum.length];
        stderr = new double[sum.length];
        variance = new double[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = sum[i] / n;
            variance[i] = Math.max(0, (sumSq[i] - n * mean[i] * mean[i]) / (n - 1));
            stderr[i] = Math.sqrt(variance[i] / n);
        }
    }

    /** Statistics of {@code sample.apply(rng)} over {@code n} child streams of {@code seed}. */
    static EstimatorSamples of(long seed, int n, Function<Rng, double[]> sample) {
        Rng root = Rng.of(seed);
        double[] sum = null;
        double[] sumSq = null;
        for (int r = 0; r < n; r++) {
            double[] v = sample.apply(root.child(r));
            if (sum == null) {
                sum = new double[v.length];
                sumSq = new double[v.length];
            }
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
                sumSq[i] += v[i] * v[i];
            }
        }
        return new EstimatorSamples(sum, sumSq, n);
    }

    /** The gradients of {@code result.loss()} w.r.t. the params, negated (so: estimates of +∇ELBO). */
    static double[] elboGradient(ElboResult result, Tensor... params) {
        for (Tensor p : params) {
            p.zeroGrad();
        }
        result.loss().backward();
        int size = 0;
        for (Tensor p : params) {
            size += p.size();
        }
        double[] g = new double[size];
        int k = 0;
        for (Tensor p : params) {
            Tensor grad = p.grad();
            for (int i = 0; i < p.size(); i++) {
                g[k++] = grad == null ? 0.0 : -grad.data()[i];
            }
        }
        return g;
    }
}
