package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * Parameter-free noise for reparameterized samplers, drawn in double and rounded once to float32,
 * in row-major order from the injected generator (one or two draws per element, as stated).
 */
final class StandardNoise {

    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private StandardNoise() {
    }

    /** One U ~ Uniform(0, 1) on the open interval: (k + ½)·2⁻⁵³ for a uniform 53-bit k. */
    static double openUniform(RandomGenerator rng) {
        return ((rng.nextLong() >>> 11) + 0.5) * TWO_POW_MINUS_53;
    }

    /** Standard exponential draws E = −log U, U ~ Uniform(0, 1) (one draw each). */
    static Tensor exponential(RandomGenerator rng, int[] shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) -Math.log(openUniform(rng));
        }
        return t;
    }

    /** Standard Laplace draws ±E with E standard exponential and a fair sign (two draws each). */
    static Tensor laplace(RandomGenerator rng, int[] shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            double e = -Math.log(openUniform(rng));
            d[i] = (float) (rng.nextBoolean() ? e : -e);
        }
        return t;
    }

    /** Standard Cauchy draws tan(π(U − ½)), U ~ Uniform(0, 1) on the open interval (one draw each). */
    static Tensor cauchy(RandomGenerator rng, int[] shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.tan(Math.PI * (openUniform(rng) - 0.5));
        }
        return t;
    }

    /** Standard half-Cauchy draws tan(πU/2), U ~ Uniform(0, 1) on the open interval (one draw each). */
    static Tensor halfCauchy(RandomGenerator rng, int[] shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.tan(0.5 * Math.PI * openUniform(rng));
        }
        return t;
    }

    /**
     * Open-uniform draws U returned as the pair {U, log U, log(1 − U)}, the logs computed in double
     * from the same U so that both tails keep full precision (one draw each).
     */
    static Tensor[] uniformWithLogs(RandomGenerator rng, int[] shape) {
        Tensor u = Tensor.zeros(shape);
        Tensor logU = Tensor.zeros(shape);
        Tensor log1mU = Tensor.zeros(shape);
        float[] a = u.data();
        float[] b = logU.data();
        float[] c = log1mU.data();
        for (int i = 0; i < a.length; i++) {
            double v = openUniform(rng);
            a[i] = (float) v;
            b[i] = (float) Math.log(v);
            c[i] = (float) Math.log1p(-v);
        }
        return new Tensor[] {u, logU, log1mU};
    }
}
