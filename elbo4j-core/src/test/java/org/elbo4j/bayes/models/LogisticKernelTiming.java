package org.elbo4j.bayes.models;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A timing harness (not a test) for the three double-precision kernels of the logistic model on one
 * partition's share of issue 13's benchmark: {@code curvature} (Newton's gradient and Hessian),
 * {@code expectations} (the natural-gradient pass) and {@code evidence} ({@code logLikelihoods} at
 * K points, no gradients). Run one kernel per fresh JVM, e.g.
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp CLASSES:TEST_CLASSES:COMMONS_NUMBERS_JARS \
 *       org.elbo4j.bayes.models.LogisticKernelTiming curvature 500000 100 1000 5
 * </pre>
 * ({@code bench/logistic_kernels.sh} does this for the three kernels; arguments: kernel, rows N,
 * features D, points K for {@code evidence}, warm repeats). Prints the first (cold) call's time
 * (wall clock and the process's CPU time, JIT threads included: on a loaded machine the CPU time
 * is the steadier measure), the fastest warm call's (wall clock and the calling thread's CPU
 * time) and the rate in fused multiply-adds per second of that CPU time
 * (the d²/2 per row of curvature, d² per row of expectations, K·D per row of evidence). Data:
 * x_nj ~ N(0, 1/D), y_n ~ Bernoulli(σ(η_n)) at a random θ; an intercept (d = D + 1).
 */
public final class LogisticKernelTiming {

    private LogisticKernelTiming() {
    }

    public static void main(String[] args) {
        String kernel = args.length > 0 ? args[0] : "curvature";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int features = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        SplittableRandom rng = new SplittableRandom(13);
        int dd = features + 1;
        double[] x = new double[n * features];
        double[] y = new double[n];
        double[] theta = new double[dd];
        for (int j = 0; j < dd; j++) {
            theta[j] = rng.nextDouble(-1, 1);
        }
        double sd = 1 / Math.sqrt(features);
        for (int i = 0; i < n; i++) {
            double eta = theta[0];
            for (int j = 0; j < features; j++) {
                double v = gaussian(rng) * sd;
                x[i * features + j] = v;
                eta += theta[j + 1] * v;
            }
            y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        LogisticLikelihood lik = new LogisticLikelihood(x, y, features);
        LogisticExpectations exp = lik.expectations();
        double[] points = new double[k * dd];
        for (int i = 0; i < points.length; i++) {
            points[i] = theta[i % dd] + 0.01 * gaussian(rng);
        }
        double[][] lower = new double[dd][dd];
        for (int a = 0; a < dd; a++) {
            for (int b = 0; b < a; b++) {
                lower[a][b] = 1e-4 * gaussian(rng);
            }
            lower[a][a] = 0.002;
        }
        double[] g = new double[dd];
        double[][] h = new double[dd][dd];
        double[] values = new double[k];
        Runnable call = switch (kernel) {
            case "curvature" -> () -> lik.curvature(theta, true, g, h);
            case "expectations" -> () -> exp.expectations(theta, lower, true, g, h);
            case "evidence" -> () -> lik.logLikelihoods(points, k, true, values, null);
            default -> throw new IllegalArgumentException("LogisticKernelTiming: kernel must be curvature, "
                    + "expectations or evidence, got " + kernel);
        };
        double fma = switch (kernel) {
            case "curvature" -> n * (dd * (dd + 1) / 2.0 + 2.0 * dd);
            case "expectations" -> n * (dd * (double) dd + 2.0 * dd);
            default -> (double) n * k * features;
        };
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        call.run();
        double cold = (System.nanoTime() - t0) / 1e9;
        double coldCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        for (int r = 0; r < repeats; r++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            call.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
            bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - c) / 1e9);
        }
        double check = kernel.equals("evidence") ? values[0] + values[k - 1] : g[0] + h[dd - 1][dd - 2];
        System.out.printf(Locale.ROOT, "%s N=%d D=%d%s: cold %.3f s (process CPU %.3f s), warm best %.3f s "
                + "(thread CPU %.3f s, %.2f GFMA/s), check %.17g%n", kernel, n, features,
                kernel.equals("evidence") ? " K=" + k : "", cold, coldCpu, best, bestCpu, fma / bestCpu / 1e9, check);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
