package org.elbo4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.elbo4j.dist.Distribution;
import org.elbo4j.io.Json;
import org.elbo4j.io.JsonObject;
import org.elbo4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code elbo4j logprob --dist SPEC --x VALUE}: prints {@code {"log_prob": …}}. */
@Command(name = "logprob", mixinStandardHelpOptions = true,
        description = {"Print the log-density (or log-mass) log p(x) of a distribution at a value, as JSON.",
            "A distribution is its name and its parameters in this order, each a number or a bracketed array (an"
                + " array where a number is expected gives a batch of distributions, and an array of log p):",
            "  Normal(loc, scale)             Laplace(loc, scale)",
            "  LogNormal(loc, scale)          StudentT(df, loc, scale)",
            "  Gamma(concentration, rate)     Beta(alpha, beta)",
            "  Exponential(rate)              Uniform(low, high)",
            "  Poisson(rate)                  Bernoulli(probs)",
            "  Categorical([probs...])        Dirichlet([concentration...])",
            "  MultivariateNormal([loc...], [[covariance...]...])",
            "Names are matched ignoring case; kl reads its --p and --q the same way."},
        footer = {"  elbo4j logprob --dist 'Normal(0, 1)' --x 0.5",
            "  elbo4j logprob --dist 'Dirichlet([1, 2, 3])' --x '[0.2, 0.3, 0.5]'"})
public final class LogprobCommand implements Callable<Integer> {

    @Option(names = "--dist", required = true, paramLabel = "SPEC",
            description = "The distribution, e.g. 'Normal(0, 1)' (see above).")
    String dist;

    @Option(names = "--x", required = true, paramLabel = "VALUE",
            description = "The value: a number, or a bracketed array for vector events, e.g. '[0.2, 0.3, 0.5]'.")
    String x;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Distribution d = CliArguments.distribution("--dist", dist);
        Tensor value = CliArguments.value("--x", x);
        Tensor logProb = CliArguments.checked("--x", () -> d.logProb(value));
        JsonObject json = new JsonObject();
        switch (logProb.rank()) {
            case 0 -> json.put("log_prob", Json.nonFiniteAsString(logProb.item()));
            case 1 -> json.put("log_prob", Json.nonFiniteAsString(logProb.toDoubleArray()));
            default -> json.put("log_prob", Json.nonFiniteAsString(CliArguments.rows(logProb)));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json);
        out.flush();
        return 0;
    }
}
