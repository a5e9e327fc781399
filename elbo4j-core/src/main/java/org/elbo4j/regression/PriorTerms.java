package org.elbo4j.regression;

import java.util.List;
import org.elbo4j.glm.Family;

/**
 * The terms of a {@link RegressionModel}'s ℓ(u) outside the likelihood, on the unconstrained
 * coordinates u, with their exact gradient and Hessian:
 * <pre>
 *   log p(b) + log p(Intercept) + Σ_g [Σ_k log p(sd^g_k) + log p(L^g) + Σ_j log N(z^g_j; 0, I)]
 *   + Σ_a log p(aux_a) + log |det J|
 * </pre>
 * (for a {@link Centring#CENTRED} term Σ_j log MVN(r^g_j; 0, diag(sd) L Lᵀ diag(sd)) in place of the
 * z^g terms: {@link CentredPrior})
 * the sd and aux priors on the log scale with their Jacobians ({@link Prior#evaluateLog}), the
 * LKJ prior of the correlation factor in its coordinates ({@link CorrCholesky#logPrior}); every
 * term but the LKJ one is a function of one coordinate, so its Hessian is diagonal.
 */
final class PriorTerms {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final Priors priors;
    private final RegressionLayout layout;
    private final List<String> aux;

    PriorTerms(Priors priors, RegressionLayout layout, Family family) {
        this.priors = priors;
        this.layout = layout;
        this.aux = family.auxNames();
    }

    /**
     * The terms at u (groups: its group states); adds their gradient to {@code grad} and subtracts
     * their Hessian from {@code negHess} when these are not null.
     */
    double value(double[] u, GroupState[] groups, double[] grad, double[][] negHess) {
        double[] pr = new double[3];
        double value = 0;
        for (int j = 0; j < layout.p(); j++) {
            priors.b(j).evaluate(u[j], pr);
            value += add(j, pr, grad, negHess);
        }
        if (layout.hasIntercept()) {
            priors.intercept().evaluate(u[layout.interceptAt()], pr);
            value += add(layout.interceptAt(), pr, grad, negHess);
        }
        for (GroupState s : groups) {
            GroupBlock b = s.block();
            for (int k = 0; k < b.k(); k++) {
                priors.sd().evaluateLog(u[b.sdAt() + k], pr);
                value += add(b.sdAt() + k, pr, grad, negHess);
            }
            if (b.k() > 1) {
                value += CorrCholesky.logPrior(u, b.corAt(), b.k(), priors.lkj(), grad, negHess);
            }
            if (b.centred()) {
                value += CentredPrior.value(s, u, grad, negHess);
                continue;
            }
            for (int c = b.zAt(); c < b.zAt() + b.j() * b.k(); c++) {
                value += -HALF_LOG_TWO_PI - 0.5 * u[c] * u[c];
                if (grad != null) {
                    grad[c] -= u[c];
                }
                if (negHess != null) {
                    negHess[c][c] += 1;
                }
            }
        }
        for (int a = 0; a < aux.size(); a++) {
            priors.aux(aux.get(a)).evaluateLog(u[layout.auxAt() + a], pr);
            value += add(layout.auxAt() + a, pr, grad, negHess);
        }
        return value;
    }

    private static double add(int c, double[] pr, double[] grad, double[][] negHess) {
        if (grad != null) {
            grad[c] += pr[1];
        }
        if (negHess != null) {
            negHess[c][c] -= pr[2];
        }
        return pr[0];
    }
}
