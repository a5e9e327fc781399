package org.elbo4j.dist.kl;

import java.util.List;
import java.util.function.Function;
import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Beta;
import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.Cauchy;
import org.elbo4j.dist.Dirichlet;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.HalfCauchy;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Laplace;
import org.elbo4j.dist.LowRankMultivariateNormal;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.OneHotCategorical;
import org.elbo4j.dist.Poisson;
import org.elbo4j.dist.Uniform;
import org.elbo4j.tensor.Tensor;

/** The KL pairs with reference values; parameters as in {@code reference/gen_contract.py}. */
final class KlCases {

    private KlCases() {
    }

    static List<KlCase> all() {
        Tensor cat = Tensor.vector(0.25, 0.5, 0.25);
        Tensor catQ = Tensor.vector(0.5, 0.375, 0.125);
        Tensor catCut = Tensor.vector(0.5, 0.5, 0.0);
        return List.of(
                of("normal", p -> pair(Normal.of(p.get(0), p.get(1)), Normal.of(p.get(2), p.get(3))),
                        s(0.5), s(1.5), s(-1.0), s(2.5)),
                of("laplace", p -> pair(Laplace.of(p.get(0), p.get(1)), Laplace.of(p.get(2), p.get(3))),
                        s(0.5), s(1.5), s(-1.0), s(0.75)),
                of("exponential", p -> pair(Exponential.of(p.get(0)), Exponential.of(p.get(1))), s(1.5), s(0.25)),
                of("uniform_inside", p -> pair(Uniform.of(p.get(0), p.get(1)), Uniform.of(p.get(2), p.get(3))),
                        s(0.0), s(1.0), s(-1.0), s(2.0)),
                of("uniform_outside", p -> pair(Uniform.of(p.get(0), p.get(1)), Uniform.of(p.get(2), p.get(3))),
                        s(-1.0), s(2.0), s(0.0), s(1.0)),
                of("gamma", p -> pair(Gamma.of(p.get(0), p.get(1)), Gamma.of(p.get(2), p.get(3))),
                        s(2.5), s(1.5), s(0.75), s(0.5)),
                of("gamma_large", p -> pair(Gamma.of(p.get(0), p.get(1)), Gamma.of(p.get(2), p.get(3))),
                        s(1000.0), s(10.0), s(1024.0), s(10.5)),
                of("beta", p -> pair(Beta.of(p.get(0), p.get(1)), Beta.of(p.get(2), p.get(3))),
                        s(2.0), s(3.5), s(0.5), s(0.75)),
                of("beta_large", p -> pair(Beta.of(p.get(0), p.get(1)), Beta.of(p.get(2), p.get(3))),
                        s(500.0), s(300.0), s(512.0), s(256.0)),
                of("poisson", p -> pair(Poisson.of(p.get(0)), Poisson.of(p.get(1))), s(3.5), s(1.25)),
                of("poisson_wide", p -> pair(Poisson.of(p.get(0)), Poisson.of(p.get(1))), s(0.5), s(4.0)),
                of("bernoulli", p -> pair(Bernoulli.of(p.get(0)), Bernoulli.of(p.get(1))), s(0.25), s(0.75)),
                of("bernoulli_zero", p -> pair(Bernoulli.of(p.get(0)), Bernoulli.of(p.get(1))), s(0.0), s(0.5)),
                of("bernoulli_impossible", p -> pair(Bernoulli.of(p.get(0)), Bernoulli.of(p.get(1))), s(0.5), s(0.0)),
                of("categorical", p -> pair(Categorical.of(unit(p.get(0))), Categorical.of(unit(p.get(1)))), cat, catQ),
                of("categorical_zero", p -> pair(Categorical.of(unit(p.get(0))), Categorical.of(unit(p.get(1)))), catCut, catQ),
                of("categorical_impossible", p -> pair(Categorical.of(unit(p.get(0))), Categorical.of(unit(p.get(1)))),
                        cat, catCut),
                of("one_hot_categorical", p -> pair(OneHotCategorical.of(unit(p.get(0))), OneHotCategorical.of(unit(p.get(1)))),
                        cat, catQ),
                of("dirichlet", p -> pair(Dirichlet.of(p.get(0)), Dirichlet.of(p.get(1))),
                        Tensor.vector(1.5, 2.0, 0.75), Tensor.vector(0.5, 0.5, 3.0)),
                of("multivariate_normal", p -> pair(MultivariateNormal.ofCovariance(p.get(0), sym(p.get(1))),
                        MultivariateNormal.ofCovariance(p.get(2), sym(p.get(3)))),
                        Tensor.vector(1.0, -1.0), Tensor.matrix(new double[][] {{2.0, 0.5}, {0.5, 1.0}}),
                        Tensor.vector(0.0, 0.5), Tensor.matrix(new double[][] {{1.0, -0.25}, {-0.25, 1.5}})),
                of("lowrank_multivariate_normal", p -> pair(LowRankMultivariateNormal.of(p.get(0), p.get(1), p.get(2)),
                        MultivariateNormal.ofCovariance(p.get(3), sym(p.get(4)))),
                        Tensor.vector(0.0, 1.0, 2.0), Tensor.matrix(new double[][] {{1.0}, {0.5}, {-0.25}}),
                        Tensor.vector(1.0, 0.5, 2.0), Tensor.vector(0.5, 0.5, 0.5),
                        Tensor.matrix(new double[][] {{2.0, 0.5, 0.0}, {0.5, 1.0, 0.25}, {0.0, 0.25, 1.5}})),
                of("independent_normal", p -> pair(Independent.of(Normal.of(p.get(0), p.get(1)), 1),
                        Independent.of(Normal.of(p.get(2), p.get(3)), 1)),
                        Tensor.vector(0.0, 1.0), Tensor.vector(1.0, 2.0), Tensor.vector(0.5, 0.0), Tensor.vector(2.0, 1.0)),
                of("cauchy", p -> pair(Cauchy.of(p.get(0), p.get(1)), Cauchy.of(p.get(2), p.get(3))),
                        s(0.5), s(1.5), s(-1.0), s(2.5)),
                of("half_normal", p -> pair(HalfNormal.of(p.get(0)), HalfNormal.of(p.get(1))), s(1.5), s(0.75)),
                of("half_cauchy", p -> pair(HalfCauchy.of(p.get(0)), HalfCauchy.of(p.get(1))), s(0.5), s(2.0)));
    }

    private static KlCase of(String name, Function<List<Tensor>, Distribution[]> build, Tensor... parameters) {
        return new KlCase(name, List.of(parameters), build);
    }

    private static Distribution[] pair(Distribution p, Distribution q) {
        return new Distribution[] {p, q};
    }

    /** p / Σp, so that a finite difference in one probability stays a distribution. */
    private static Tensor unit(Tensor p) {
        return p.div(p.sum());
    }

    private static Tensor sym(Tensor a) {
        return a.add(a.transpose(0, 1)).mul(0.5);
    }

    private static Tensor s(double v) {
        return Tensor.scalar(v);
    }
}
