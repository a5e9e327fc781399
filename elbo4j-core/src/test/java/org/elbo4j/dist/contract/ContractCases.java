package org.elbo4j.dist.contract;

import java.util.List;
import java.util.function.Function;
import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Beta;
import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.Cauchy;
import org.elbo4j.dist.ContinuousBernoulli;
import org.elbo4j.dist.Dirichlet;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.HalfCauchy;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Laplace;
import org.elbo4j.dist.LogNormal;
import org.elbo4j.dist.LowRankMultivariateNormal;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.OneHotCategorical;
import org.elbo4j.dist.Poisson;
import org.elbo4j.dist.StudentT;
import org.elbo4j.dist.Uniform;
import org.elbo4j.dist.transform.ExpBijection;
import org.elbo4j.dist.transform.TransformedDistribution;
import org.elbo4j.tensor.Tensor;

/**
 * Every distribution family, as instances for the contract tests. The parameters are dyadic
 * rationals (exact in float32) and must match {@code reference/gen_contract.py}, which computes
 * the reference log-densities for the same names. Parameters are chosen so that the moment
 * checks have finite fourth moments (StudentT with 10.5 degrees of freedom); Cauchy and
 * HalfCauchy have no finite moments (NaN and +∞), so only their other contracts are checked.
 */
final class ContractCases {

    private ContractCases() {
    }

    static List<ContractCase> all() {
        return List.of(
                of("normal", p -> Normal.of(p.get(0), p.get(1)), true, s(0.5), s(2.0)),
                of("lognormal", p -> LogNormal.of(p.get(0), p.get(1)), true, s(0.25), s(0.75)),
                of("transformed_exp_normal", p -> TransformedDistribution.of(Normal.of(p.get(0), p.get(1)),
                        ExpBijection.of()), true, s(0.25), s(0.75)),
                of("laplace", p -> Laplace.of(p.get(0), p.get(1)), true, s(-1.0), s(0.5)),
                of("studentt", p -> StudentT.of(p.get(0), p.get(1), p.get(2)), false, s(10.5), s(1.0), s(2.0)),
                of("cauchy", p -> Cauchy.of(p.get(0), p.get(1)), true, s(0.5), s(2.0)),
                of("half_normal", p -> HalfNormal.of(p.get(0)), true, s(1.5)),
                of("half_cauchy", p -> HalfCauchy.of(p.get(0)), true, s(0.75)),
                of("uniform", p -> Uniform.of(p.get(0), p.get(1)), true, s(-1.0), s(3.0)),
                of("exponential", p -> Exponential.of(p.get(0)), true, s(1.5)),
                of("gamma", p -> Gamma.of(p.get(0), p.get(1)), false, s(2.5), s(1.5)),
                of("gamma_small", p -> Gamma.of(p.get(0), p.get(1)), false, s(0.375), s(2.0)),
                of("beta", p -> Beta.of(p.get(0), p.get(1)), false, s(2.0), s(3.5)),
                of("continuous_bernoulli", p -> ContinuousBernoulli.of(p.get(0)), true, s(0.25)),
                of("bernoulli", p -> Bernoulli.of(p.get(0)), false, s(0.25)),
                of("bernoulli_logits", p -> Bernoulli.ofLogits(p.get(0)), false, s(-1.5)),
                of("categorical", p -> Categorical.of(p.get(0)), false, Tensor.vector(0.25, 0.5, 0.25)),
                of("poisson", p -> Poisson.of(p.get(0)), false, s(3.5)),
                of("one_hot_categorical", p -> OneHotCategorical.of(p.get(0)), false,
                        Tensor.vector(0.25, 0.5, 0.25)),
                of("dirichlet", p -> Dirichlet.of(p.get(0)), false, Tensor.vector(1.5, 2.0, 0.75)),
                of("multivariate_normal", p -> MultivariateNormal.ofCovariance(p.get(0), symmetric(p.get(1))), true,
                        Tensor.vector(1.0, -1.0), Tensor.matrix(new double[][] {{2.0, 0.5}, {0.5, 1.0}})),
                of("lowrank_multivariate_normal", p -> LowRankMultivariateNormal.of(p.get(0), p.get(1), p.get(2)),
                        true, Tensor.vector(0.0, 1.0, 2.0), Tensor.matrix(new double[][] {{1.0}, {0.5}, {-0.25}}),
                        Tensor.vector(1.0, 0.5, 2.0)),
                of("independent_normal", p -> Independent.of(Normal.of(p.get(0), p.get(1)), 1), true,
                        Tensor.vector(0.0, 1.0), Tensor.vector(1.0, 2.0)));
    }

    /** The case with this name. */
    static ContractCase named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no contract case " + name));
    }

    /** The reference key of a case (cases built two ways share one reference). */
    static String referenceKey(String name) {
        return name.equals("transformed_exp_normal") ? "lognormal" : name;
    }

    private static ContractCase of(String name, Function<List<Tensor>, Distribution> build, boolean pathwise,
            Tensor... parameters) {
        return new ContractCase(name, List.of(parameters), build, pathwise);
    }

    /** (A + Aᵀ)/2, so that a finite difference in one entry of A stays a valid covariance. */
    private static Tensor symmetric(Tensor a) {
        return a.add(a.transpose(0, 1)).mul(0.5);
    }

    private static Tensor s(double v) {
        return Tensor.scalar(v);
    }
}
