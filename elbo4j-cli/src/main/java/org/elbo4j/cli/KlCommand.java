package org.elbo4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.kl.Kl;
import org.elbo4j.dist.kl.KlResult;
import org.elbo4j.io.Json;
import org.elbo4j.io.JsonObject;
import org.elbo4j.random.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j kl --p SPEC --q SPEC [--samples N] [--seed S]}: prints
 * {@code {"kl": …, "method": "analytic"|"monte-carlo", "stderr": …}} — the closed form when one is
 * registered for the pair (stderr 0), otherwise a Monte Carlo estimate from N draws of p.
 */
@Command(name = "kl", mixinStandardHelpOptions = true,
        description = {"Print the Kullback-Leibler divergence KL(p || q) of two distributions as JSON.",
            "It is the closed form when one is registered for the pair (its stderr is then 0), otherwise a seeded"
                + " Monte Carlo estimate from --samples draws of p, with its standard error. Distributions are"
                + " written as in logprob."},
        footer = {"  elbo4j kl --p 'Normal(0, 1)' --q 'Normal(1, 2)'",
            "  elbo4j kl --p 'Normal(0, 1)' --q 'StudentT(3, 0, 1)' --samples 100000"})
public final class KlCommand implements Callable<Integer> {

    @Option(names = "--p", required = true, paramLabel = "SPEC", description = "The distribution p, e.g. 'Gamma(2, 1)'.")
    String p;

    @Option(names = "--q", required = true, paramLabel = "SPEC", description = "The distribution q.")
    String q;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10000",
            description = "Draws of p for the Monte Carlo estimate, at least 2 (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "The seed of the Monte Carlo draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (samples < 2) {
            throw new UserError("--samples: must be >= 2, got " + samples);
        }
        Distribution dp = CliArguments.distribution("--p", p);
        Distribution dq = CliArguments.distribution("--q", q);
        KlResult kl = CliArguments.checked("--p/--q", () -> Kl.compute(dp, dq, samples, Rng.of(seed)));
        PrintWriter out = spec.commandLine().getOut();
        out.println(new JsonObject().put("kl", Json.nonFiniteAsString(kl.value())).put("method", kl.method().label())
                .put("stderr", Json.nonFiniteAsString(kl.stderr())));
        out.flush();
        return 0;
    }
}
