package org.elbo4j.model;

import java.util.Locale;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.ParameterSummary;

/**
 * Not a test: a measurement of fit time and posterior means, float32 tensor path
 * ({@code BayesFit.fit(model, ...)}, what {@code FunctionModel.fit} ran before the tape) against the
 * double-precision path ({@code model.fit(...)}), interleaved run by run in one JVM.
 * Run: {@code java -cp <test classpath> org.elbo4j.model.DoublePathBench [repeats]}; with
 * {@code export FILE.csv} it writes the N = 1000 data set (x, y, group 1..8) for
 * {@code tools/poisson_regression_nuts.R}.
 */
public final class DoublePathBench {

    private DoublePathBench() {
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("export")) {
            PoissonRegressionCase c = new PoissonRegressionCase(1000, 21);
            StringBuilder sb = new StringBuilder("x,y,group\n");
            for (int i = 0; i < c.n; i++) {
                sb.append(c.x.get(i)).append(',').append((int) c.y.get(i)).append(',').append(c.group[i] + 1).append('\n');
            }
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(args[1]), sb);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        if (args.length == 2 && args[0].equals("prior")) {
            PoissonRegressionCase c = new PoissonRegressionCase(400, 6);
            FunctionModel model = FunctionModel.of(c.function(400));
            for (int r = 0; r < Integer.parseInt(args[1]); r++) {
                for (int path = 0; path < 2; path++) {
                    FitConfig config = FitConfig.defaults().withInit(org.elbo4j.bayes.InitStrategy.priorMedian())
                            .withParticles(4).withSeed(2);
                    long t0 = System.nanoTime();
                    FitResult f = path == 0 ? BayesFit.fit(model, config) : model.fit(config);
                    System.out.printf(Locale.ROOT, "prior-median init, %s %.3f s steps %d %s%n",
                            path == 0 ? "float32" : "double ", (System.nanoTime() - t0) / 1e9, f.steps(), f.verdict());
                }
            }
            return;
        }
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        PoissonRegressionCase readme = new PoissonRegressionCase(2000, 7);
        PoissonRegressionCase full = new PoissonRegressionCase(1000, 21);
        run("README example (N=2000, minibatch 200)", FunctionModel.of(readme.function(200)), 200, repeats);
        run("Poisson regression N=1000, full data", FunctionModel.of(full.function(1000)), 0, repeats);
    }

    private static void run(String name, FunctionModel model, int batch, int repeats) {
        System.out.println("== " + name + ", double path: " + model.doublePrecision().isPresent());
        for (int r = 0; r < repeats; r++) {
            for (int path = 0; path < 2; path++) {
                FitConfig c = FitConfig.defaults().withSeed(1 + r).withBatchSize(batch);
                long t0 = System.nanoTime();
                FitResult f = path == 0 ? BayesFit.fit(model, c) : model.fit(c);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%s seed %d  %.3f s  steps %d  %s  mu %.4f  sigma %.4f  beta %.4f%n",
                        path == 0 ? "float32" : "double ", 1 + r, s, f.steps(), f.verdict(), mean(f, "mu"),
                        mean(f, "sigma"), mean(f, "beta"));
            }
        }
    }

    private static double mean(FitResult f, String name) {
        ParameterSummary s = f.summary(name);
        return s.mean()[0];
    }
}
