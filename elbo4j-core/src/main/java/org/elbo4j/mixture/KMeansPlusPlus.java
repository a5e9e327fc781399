package org.elbo4j.mixture;

import java.util.random.RandomGenerator;

/**
 * Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007, with the local trials of
 * scikit-learn's {@code kmeans_plusplus}): the first centre is a uniformly drawn point; each
 * further centre is the best of {@code 2 + ⌊log K⌋} candidates drawn with probability
 * proportional to {@code D(x)²}, the squared distance to the nearest centre so far, "best"
 * meaning the smallest potential {@code Σ_n min(D(x_n)², |x_n − candidate|²)}.
 */
final class KMeansPlusPlus {

    private KMeansPlusPlus() {
    }

    /** The indices of K centres among the points. */
    static int[] centres(MixtureData data, int k, RandomGenerator rng) {
        int n = data.size();
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = data.row(i);
        }
        int trials = 2 + (int) Math.log(k);
        int[] chosen = new int[k];
        chosen[0] = rng.nextInt(n);
        double[] closest = distancesTo(x, x[chosen[0]]);
        double potential = sum(closest);
        double[] cumulative = new double[n];
        for (int c = 1; c < k; c++) {
            double run = 0;
            for (int i = 0; i < n; i++) {
                run += closest[i];
                cumulative[i] = run;
            }
            double bestPotential = Double.POSITIVE_INFINITY;
            double[] best = null;
            int bestIndex = -1;
            for (int t = 0; t < trials; t++) {
                double u = rng.nextDouble() * potential;
                int candidate = firstAtLeast(cumulative, u);
                double[] dist = distancesTo(x, x[candidate]);
                for (int i = 0; i < n; i++) {
                    dist[i] = Math.min(dist[i], closest[i]);
                }
                double p = sum(dist);
                if (p < bestPotential) {
                    bestPotential = p;
                    best = dist;
                    bestIndex = candidate;
                }
            }
            chosen[c] = bestIndex;
            closest = best;
            potential = bestPotential;
        }
        return chosen;
    }

    /** The first index with cumulative[i] ≥ u (the last index when none is), numpy's searchsorted. */
    private static int firstAtLeast(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] >= u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double[] distancesTo(double[][] x, double[] centre) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int j = 0; j < centre.length; j++) {
                double t = x[i][j] - centre[j];
                s += t * t;
            }
            out[i] = s;
        }
        return out;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /**
     * One-hot responsibilities: every point to its nearest centre (the lowest index on ties), and
     * each centre's own point to its centre, so that no component starts empty.
     */
    static double[][] hardAssignment(MixtureData data, int[] centres) {
        int n = data.size();
        int k = centres.length;
        double[][] c = new double[k][];
        for (int j = 0; j < k; j++) {
            c[j] = data.row(centres[j]);
        }
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = data.row(i);
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int m = 0; m < p.length; m++) {
                    double t = p[m] - c[j][m];
                    s += t * t;
                }
                if (s < best) {
                    best = s;
                    label[i] = j;
                }
            }
        }
        for (int j = 0; j < k; j++) {
            label[centres[j]] = j;
        }
        double[][] r = new double[n][k];
        for (int i = 0; i < n; i++) {
            r[i][label[i]] = 1.0;
        }
        return r;
    }
}
