package org.elbo4j.regression;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.bayes.DensityFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.Optimisation;

/**
 * The parametrisation of every group-level term chosen from how informative the data are about its
 * levels (Papaspiliopoulos, Roberts and Sköld 2007: the centred form mixes and fits well when the
 * data's information about a level outweighs the prior's, the non-centred form when it does not;
 * Gorinova, Moore and Hoffman 2020 choose per variable). At a point u of the non-centred model
 * (the mean of a mean-field fit, {@link #pilot}), with the GLM working weights
 * w_i = −∂²ℓ_i/∂η² at η(u) ({@link RegressionModel#workingWeights}) and the data's Fisher
 * information about effect k of level j, τ_jk = Σ_{i: level(i) = j} Z_ik² w_i,
 * <pre>
 *   κ = min_k median_j (sd_k² τ_jk),   centred when κ &gt; 1
 * </pre>
 * (sd_k² τ_jk is the ratio of the prior variance to the likelihood's variance of r_jk; the median
 * over levels makes the rule the typical level's, the minimum over k keeps a term non-centred when
 * any of its coefficients is weakly informed). Deterministic given u.
 *
 * @param terms one entry per group term, in formula order
 */
public record CentringChoice(List<Term> terms) {

    /** κ above which a term is centred. */
    public static final double THRESHOLD = 1;

    /**
     * One term's choice.
     *
     * @param group           the grouping factor's name
     * @param centring        the chosen parametrisation
     * @param informativeness κ
     */
    public record Term(String group, Centring centring, double informativeness) {
    }

    /** The chosen parametrisation of every term, in formula order. */
    public List<Centring> centring() {
        return terms.stream().map(Term::centring).toList();
    }

    /** The choice at u, a point of {@code model} (in its own coordinates, whatever its parametrisation). */
    public static CentringChoice at(RegressionModel model, double[] u) {
        double[] w = model.workingWeights(u);
        List<Term> out = new ArrayList<>();
        for (GroupBlock b : model.layout().groups()) {
            GroupState s = GroupState.of(b, u);
            int[] level = b.design().levelOfRow();
            double[][] zRows = b.design().z().rows();
            double[][] tau = new double[b.k()][b.j()];
            for (int i = 0; i < w.length; i++) {
                if (level[i] >= 0) {
                    for (int c = 0; c < b.k(); c++) {
                        tau[c][level[i]] += zRows[i][c] * zRows[i][c] * w[i];
                    }
                }
            }
            double kappa = Double.POSITIVE_INFINITY;
            for (int c = 0; c < b.k(); c++) {
                double sd2 = s.sd()[c] * s.sd()[c];
                for (int j = 0; j < b.j(); j++) {
                    tau[c][j] *= sd2;
                }
                kappa = Math.min(kappa, Priors.median(tau[c]));
            }
            out.add(new Term(b.design().group(), kappa > THRESHOLD ? Centring.CENTRED : Centring.NONCENTRED, kappa));
        }
        return new CentringChoice(List.copyOf(out));
    }

    /**
     * The pilot's step budget. The rule needs the order of magnitude of κ, not a converged fit: on
     * the brms benchmarks the mean-field fits converge after 1000–1400 steps (0.29–0.34 s), and
     * after {@value} steps κ is within 3–24 % of the converged value (epilepsy 6.73 vs 6.56,
     * bernoulli 0.177 vs 0.143, crossed 38.2/14.5 vs 36.4/14.3), the same choices, in 0.08–0.12 s.
     */
    static final int PILOT_STEPS = 300;

    /**
     * The choice at the mean of a mean-field fit of {@code model} in the non-centred form, with the
     * formula defaults ({@link FormulaFitDefaults}), {@code seed} and at most {@link #PILOT_STEPS}
     * steps; the pilot's own result is not kept.
     */
    public static CentringChoice pilot(RegressionModel model, long seed) {
        RegressionModel noncentred = model.withCentring(null);
        FitConfig config = FormulaFitDefaults.of(noncentred, FitConfig.defaults().withGuide(GuideFamily.MEAN_FIELD)
                .withSeed(seed).withMaxSteps(PILOT_STEPS), false, false);
        Optimisation fit = DensityFit.fit(noncentred, noncentred.initialPoint(), noncentred.layout().coordinateNames(),
                config);
        return at(noncentred, fit.guide().mean());
    }
}
