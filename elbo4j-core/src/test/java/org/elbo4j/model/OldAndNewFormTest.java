package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.bayes.UnconstrainedLayout;
import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Poisson;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The hierarchical Poisson regression written with the model API and by hand as a
 * {@link BayesModel} (parameters declared, particles vectorised with unsqueeze) gives the same log
 * density, with and without subsampling, at the same points: to float32 round-off (relative 1e−5),
 * and the same gradient in unconstrained space (relative 1e−4 of its norm).
 */
class OldAndNewFormTest {

    private static final PoissonRegressionCase CASE = new PoissonRegressionCase(120, 17);

    /** The same model in the low-level form. */
    private static final BayesModel OLD = new BayesModel() {
        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.real("mu"), new Parameter("sigma", new int[0], Exponential.of(1).support()),
                    Parameter.real("beta"), Parameter.real("alpha", PoissonRegressionCase.G));
        }

        @Override
        public int observationCount() {
            return CASE.n;
        }

        @Override
        public Tensor logPrior(ParameterValues t) {
            Tensor mu = t.get("mu");
            Tensor sigma = t.get("sigma");
            Tensor lp = Normal.of(0, 1).logProb(mu).add(Exponential.of(1).logProb(sigma))
                    .add(Normal.of(0, 1).logProb(t.get("beta")));
            Tensor alpha = Normal.of(mu.unsqueeze(1), sigma.unsqueeze(1)).logProb(t.get("alpha")).sum(1, false);
            return lp.add(alpha);
        }

        @Override
        public Tensor logLikelihood(ParameterValues t, Minibatch b) {
            int[] rows = b.indices();
            int[] g = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                g[i] = CASE.group[rows[i]];
            }
            Tensor eta = t.get("alpha").indexSelect(1, g).add(t.get("beta").unsqueeze(1).mul(b.select(CASE.x)));
            return Poisson.of(eta.exp()).logProb(b.select(CASE.y)).sum(1, false);
        }
    };

    @Test
    void bothFormsGiveTheSameLogDensityAndGradient() {
        FunctionModel neu = FunctionModel.of(CASE.function(30));
        UnconstrainedLayout layout = UnconstrainedLayout.of(OLD);
        assertEquals(layout.parameters(), neu.parameters());
        int m = 5;
        double[] points = new double[m * layout.dim()];
        Rng rng = Rng.of(4);
        for (int i = 0; i < points.length; i++) {
            points[i] = 0.5 * rng.nextGaussian();
        }
        int[] subsample = {3, 17, 40, 41, 99, 100, 2, 5, 8, 13, 21, 34, 55, 89, 1, 0, 7, 9, 11, 12, 14, 15, 16, 18,
            19, 20, 22, 23, 24, 25};
        for (Minibatch batch : List.of(Minibatch.full(CASE.n), Minibatch.of(CASE.n, subsample))) {
            Tensor u1 = Tensor.of(points, m, layout.dim()).requiresGrad(true);
            Tensor u2 = Tensor.of(points, m, layout.dim()).requiresGrad(true);
            UnconstrainedLayout.Constrained c1 = layout.constrain(u1);
            UnconstrainedLayout.Constrained c2 = UnconstrainedLayout.of(neu).constrain(u2);
            Tensor old = OLD.logJoint(c1.values(), batch).add(c1.logAbsDetJacobian());
            Tensor now = neu.logJoint(c2.values(), batch).add(c2.logAbsDetJacobian());
            old.sum().backward();
            now.sum().backward();
            double norm = 0;
            for (float v : u1.grad().data()) {
                norm = Math.max(norm, Math.abs(v));
            }
            for (int i = 0; i < m; i++) {
                assertEquals(old.get(i), now.get(i), 1e-5 * Math.abs(old.get(i)), "log density " + i);
            }
            for (int i = 0; i < u1.grad().size(); i++) {
                assertEquals(u1.grad().data()[i], u2.grad().data()[i], 1e-4 * norm, "gradient " + i);
            }
            double prior = OLD.logPrior(c1.values()).get(0);
            assertEquals(prior, neu.logPrior(c2.values()).get(0), 1e-5 * Math.abs(prior), "log prior");
        }
    }
}
