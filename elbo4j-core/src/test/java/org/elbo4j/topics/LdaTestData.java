package org.elbo4j.topics;

import java.util.random.RandomGenerator;

/** Draws from Gamma, Dirichlet and a known LDA, in doubles, for the topics tests. */
final class LdaTestData {

    private LdaTestData() {
    }

    /** Gamma(shape, 1) by Marsaglia &amp; Tsang (2000), with the shape &lt; 1 boost. */
    static double gamma(RandomGenerator rng, double shape) {
        if (shape < 1) {
            return gamma(rng, shape + 1) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** A Dirichlet(a) draw. */
    static double[] dirichlet(RandomGenerator rng, double[] a) {
        double[] x = new double[a.length];
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            x[i] = gamma(rng, a[i]);
            s += x[i];
        }
        for (int i = 0; i < a.length; i++) {
            x[i] /= s;
        }
        return x;
    }

    /** An index drawn from probabilities p. */
    static int categorical(RandomGenerator rng, double[] p, int offset, int n) {
        double u = rng.nextDouble();
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += p[offset + i];
            if (u < c) {
                return i;
            }
        }
        return n - 1;
    }

    /** A corpus of {@code docs} documents of {@code length} tokens from LDA with topics beta (K × V) and α. */
    static Corpus sample(RandomGenerator rng, double[] beta, double[] alpha, int v, int docs, int length) {
        int k = alpha.length;
        int[] start = new int[docs + 1];
        java.util.List<int[]> ids = new java.util.ArrayList<>();
        java.util.List<double[]> counts = new java.util.ArrayList<>();
        for (int d = 0; d < docs; d++) {
            double[] theta = dirichlet(rng, alpha);
            double[] bag = new double[v];
            for (int n = 0; n < length; n++) {
                int z = categorical(rng, theta, 0, k);
                bag[categorical(rng, beta, z * v, v)]++;
            }
            int nz = 0;
            for (double b : bag) {
                nz += b > 0 ? 1 : 0;
            }
            int[] wi = new int[nz];
            double[] wc = new double[nz];
            int j = 0;
            for (int w = 0; w < v; w++) {
                if (bag[w] > 0) {
                    wi[j] = w;
                    wc[j++] = bag[w];
                }
            }
            ids.add(wi);
            counts.add(wc);
            start[d + 1] = start[d] + nz;
        }
        int[] allIds = new int[start[docs]];
        double[] allCounts = new double[allIds.length];
        for (int d = 0; d < docs; d++) {
            System.arraycopy(ids.get(d), 0, allIds, start[d], ids.get(d).length);
            System.arraycopy(counts.get(d), 0, allCounts, start[d], counts.get(d).length);
        }
        return Corpus.of(start, allIds, allCounts, v);
    }

    /** K topics over V words, each a Dirichlet(concentration) draw. */
    static double[] topics(RandomGenerator rng, int k, int v, double concentration) {
        double[] beta = new double[k * v];
        double[] a = new double[v];
        java.util.Arrays.fill(a, concentration);
        for (int t = 0; t < k; t++) {
            System.arraycopy(dirichlet(rng, a), 0, beta, t * v, v);
        }
        return beta;
    }

    /**
     * The smallest mean total-variation distance between true and fitted topics over all matchings
     * (every permutation, i.e. the optimum the Hungarian algorithm finds; K ≤ 7 here).
     */
    static double matchedTotalVariation(double[] truth, double[] fitted, int k, int v) {
        double[][] cost = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double tv = 0;
                for (int w = 0; w < v; w++) {
                    tv += Math.abs(truth[a * v + w] - fitted[b * v + w]);
                }
                cost[a][b] = tv / 2;
            }
        }
        return best(cost, new boolean[k], 0) / k;
    }

    private static double best(double[][] cost, boolean[] used, int row) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < cost.length; c++) {
            if (!used[c]) {
                used[c] = true;
                best = Math.min(best, cost[row][c] + best(cost, used, row + 1));
                used[c] = false;
            }
        }
        return best;
    }
}
