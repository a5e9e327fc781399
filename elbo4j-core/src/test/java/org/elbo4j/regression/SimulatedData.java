package org.elbo4j.regression;

import java.util.Locale;
import java.util.SplittableRandom;

/** Seeded simulated data sets for the regression tests, as CSV text. */
final class SimulatedData {

    private SimulatedData() {
    }

    /**
     * Poisson counts with correlated group intercepts and slopes: J groups of {@code perGroup} rows,
     * x ~ N(0, 1), (r_j0, r_j1) ~ N(0, [[sd0², ρ sd0 sd1], [ρ sd0 sd1, sd1²]]),
     * y ~ Poisson(exp(b0 + r_j0 + (b1 + r_j1) x)); also a gaussian column yg = b0 + r_j0 + (b1 + r_j1) x + N(0, 0.5²),
     * a 0/1 column yb, a positive yp, a proportion yr and a two-level factor f.
     */
    static String poissonGroups(long seed, int groups, int perGroup, double b0, double b1, double sd0, double sd1,
            double rho) {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("y,x,g,yg,yb,yp,yr,f,n,k\n");
        for (int j = 0; j < groups; j++) {
            double z0 = gauss(rng);
            double z1 = gauss(rng);
            double r0 = sd0 * z0;
            double r1 = sd1 * (rho * z0 + Math.sqrt(1 - rho * rho) * z1);
            for (int i = 0; i < perGroup; i++) {
                double x = gauss(rng);
                double eta = b0 + r0 + (b1 + r1) * x;
                int y = poisson(rng, Math.exp(eta));
                double yg = eta + 0.5 * gauss(rng);
                int yb = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                double yp = Math.exp(eta + 0.3 * gauss(rng));
                double yr = 1 / (1 + Math.exp(-(eta + 0.3 * gauss(rng))));
                int n = 1 + rng.nextInt(10);
                int k = 0;
                for (int t = 0; t < n; t++) {
                    k += rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                }
                sb.append(String.format(Locale.ROOT, "%d,%.6f,G%02d,%.6f,%d,%.6f,%.6f,%s,%d,%d%n", y, x, j, yg, yb, yp, yr,
                        rng.nextBoolean() ? "lo" : "hi", n, k));
            }
        }
        return sb.toString();
    }

    /**
     * Gaussian responses with crossed group intercepts: every subject s (of {@code subjects}) meets
     * every item i (of {@code items}) once, x ~ N(0, 1), a_s ~ N(0, sdSubject²), c_i ~ N(0, sdItem²),
     * y = b0 + b1 x + a_s + c_i + N(0, sigma²).
     */
    static String crossedGaussian(long seed, int subjects, int items, double b0, double b1, double sdSubject,
            double sdItem, double sigma) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[subjects];
        double[] c = new double[items];
        for (int s = 0; s < subjects; s++) {
            a[s] = sdSubject * gauss(rng);
        }
        for (int i = 0; i < items; i++) {
            c[i] = sdItem * gauss(rng);
        }
        StringBuilder sb = new StringBuilder("y,x,subject,item\n");
        for (int s = 0; s < subjects; s++) {
            for (int i = 0; i < items; i++) {
                double x = gauss(rng);
                double y = b0 + b1 * x + a[s] + c[i] + sigma * gauss(rng);
                sb.append(String.format(Locale.ROOT, "%.6f,%.6f,s%02d,i%02d%n", y, x, s, i));
            }
        }
        return sb.toString();
    }

    static double gauss(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    static int poisson(SplittableRandom rng, double mu) {
        double l = Math.exp(-mu);
        double p = 1;
        int k = -1;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k;
    }
}
