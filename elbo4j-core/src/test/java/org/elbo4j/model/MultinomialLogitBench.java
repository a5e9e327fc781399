package org.elbo4j.model;

import java.util.Arrays;
import java.util.Locale;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;

/**
 * Not a test: the fit time of the multinomial-logit model ({@link MultinomialLogitCase}, matmul +
 * concat + logSumExp), float32 tensor path ({@code BayesFit.fit(model, …)}: what {@code model.fit}
 * ran before these operations were on the tape) against the double-precision tape
 * ({@code model.fit}), interleaved run by run in one JVM after one warm-up of each.
 * Run: {@code java -cp <test classpath> org.elbo4j.model.MultinomialLogitBench [n] [repeats]}.
 */
public final class MultinomialLogitBench {

    private MultinomialLogitBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        MultinomialLogitCase c = new MultinomialLogitCase(n, 7);
        FunctionModel model = FunctionModel.of(c.function());
        System.out.println("double path: " + model.doublePrecisionUnavailable().orElse("available"));
        FitConfig config = FitConfig.defaults().withSeed(2);
        for (int r = -1; r < repeats; r++) {
            for (int path = 0; path < 2; path++) {
                long t0 = System.nanoTime();
                FitResult f = path == 0 ? BayesFit.fit(model, config) : model.fit(config);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%s %s %.3f s  steps %d  %s  w %s%n", r < 0 ? "warm-up" : "run " + r,
                        path == 0 ? "float32" : "double ", s, f.steps(), f.verdict(),
                        Arrays.toString(Arrays.stream(f.summary("w").mean()).map(v -> Math.round(v * 1e4) / 1e4).toArray()));
            }
        }
    }
}
