package org.elbo4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.InitStrategy;
import org.elbo4j.io.JsonObject;
import org.elbo4j.regression.Centring;
import org.elbo4j.regression.CentringChoice;
import org.elbo4j.regression.RegressionFit;
import org.elbo4j.regression.RegressionModel;

/**
 * The parametrisation of a formula fit's group-level terms ({@code fit --formula --centring}) and
 * the fit in it: {@code centred} or {@code noncentred} for every term, or {@code auto}, chosen per
 * term by {@link CentringChoice} (centred when κ = min_k median_j sd_k² τ_jk &gt; 1) at the mean of
 * a mean-field fit in the non-centred form. For a mean-field guide that fit is the candidate
 * itself, and when κ centres a term the mean-field fit in the chosen form is run too and the one
 * with the higher ELBO kept (both bound the same log p(y): the two densities differ by the Jacobian
 * of r = diag(sd) L z, so their ELBOs are comparable); for the other guides a mean-field pilot
 * ({@link CentringChoice#pilot}) decides, and the fit runs once in the chosen form. A nested Laplace
 * fit ({@code --guide nested}) has no use for the choice: given the hyperparameters the two forms
 * are affine images of each other, and the Laplace approximation is affine-invariant, so auto is
 * non-centred without a pilot. Printed and written to fit.json as {@code centring}.
 *
 * @param mode        auto, centred or noncentred, as given
 * @param choice      the form of every term (κ NaN when not auto)
 * @param seconds     the wall time spent choosing (the pilot, or the mean-field fit not kept)
 * @param elboCentred the ELBO of the centred mean-field candidate (NaN when there was none)
 * @param elboNoncentred the ELBO of the non-centred mean-field candidate (NaN when there was none)
 * @param invariant   true for a nested Laplace fit, which the form does not change
 */
record CentringPlan(String mode, CentringChoice choice, double seconds, double elboCentred, double elboNoncentred,
        boolean invariant) {

    /** A plan and the fit made in it. */
    record Fitted(CentringPlan plan, RegressionModel model, RegressionFit.Result result) {
    }

    /** The mode of the option's value; a bad value is a {@link UserError}. */
    static String mode(String option) {
        return switch (option) {
            case "auto", "centred", "noncentred" -> option;
            default -> throw new UserError("--centring: expected auto, centred or noncentred, got '" + option + "'");
        };
    }

    /** Chooses the forms for {@code noncentred} (the model with every term non-centred) under {@code mode} and fits. */
    static Fitted fit(String mode, RegressionModel noncentred, FitConfig config, boolean effects) {
        boolean modeBased = config.guide() == GuideFamily.MAP || config.guide() == GuideFamily.LAPLACE
                || config.init().kind() == InitStrategy.Kind.LAPLACE;
        if (modeBased && mode.equals("centred") && noncentred.layout().hasGroups()) {
            throw new UserError("--centring centred: the centred joint density has no mode (it grows without bound as"
                    + " a group sd goes to 0 with its effects), so --guide map or laplace and --init laplace need"
                    + " --centring noncentred or auto");
        }
        boolean nested = config.guide() == GuideFamily.NESTED_LAPLACE;
        boolean auto = mode.equals("auto") && noncentred.layout().hasGroups() && !modeBased && !nested;
        if (auto && config.guide() == GuideFamily.MEAN_FIELD) {
            RegressionFit.Result nc = RegressionFit.fit(noncentred, config, effects);
            CentringChoice choice = CentringChoice.at(noncentred, nc.optimisation().guide().mean());
            if (!choice.centring().contains(Centring.CENTRED)) {
                return new Fitted(new CentringPlan(mode, choice, 0, Double.NaN, Double.NaN, false), noncentred, nc);
            }
            RegressionModel centred = noncentred.withCentring(choice.centring());
            RegressionFit.Result c = RegressionFit.fit(centred, config, effects);
            double ec = c.draws().elbo();
            double en = nc.draws().elbo();
            if (ec > en || Double.isNaN(en) && !Double.isNaN(ec)) {
                return new Fitted(new CentringPlan(mode, choice, nc.seconds(), ec, en, false), centred, c);
            }
            return new Fitted(new CentringPlan(mode, noncentredTerms(choice), c.seconds(), ec, en, false), noncentred, nc);
        }
        CentringPlan plan;
        if (auto) {
            long start = System.nanoTime();
            CentringChoice choice = CentringChoice.pilot(noncentred, config.seed());
            plan = new CentringPlan(mode, choice, (System.nanoTime() - start) / 1e9, Double.NaN, Double.NaN, false);
        } else {
            // auto with a mode-based or nested Laplace fit: non-centred (the centred density has no mode;
            // the nested Laplace fit is the same in both forms)
            Centring form = mode.equals("centred") ? Centring.CENTRED : Centring.NONCENTRED;
            List<CentringChoice.Term> terms = new ArrayList<>();
            for (String g : noncentred.layout().groupNames()) {
                terms.add(new CentringChoice.Term(g, form, Double.NaN));
            }
            plan = new CentringPlan(mode, new CentringChoice(List.copyOf(terms)), 0, Double.NaN, Double.NaN, nested);
        }
        RegressionModel model = plan.choice.terms().isEmpty() ? noncentred : noncentred.withCentring(plan.choice.centring());
        return new Fitted(plan, model, RegressionFit.fit(model, config, effects));
    }

    /** {@code choice} with every term non-centred, κ kept. */
    private static CentringChoice noncentredTerms(CentringChoice choice) {
        return new CentringChoice(choice.terms().stream()
                .map(t -> new CentringChoice.Term(t.group(), Centring.NONCENTRED, t.informativeness())).toList());
    }

    /** One line: every term's form and, for auto, κ (and the ELBOs compared); nothing without group terms. */
    void print(PrintWriter out) {
        if (choice.terms().isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("centring (" + mode + "):");
        for (CentringChoice.Term t : choice.terms()) {
            sb.append(' ').append(t.group()).append(' ').append(t.centring().label());
            if (!Double.isNaN(t.informativeness())) {
                sb.append(String.format(Locale.ROOT, " (kappa %.3g)", t.informativeness()));
            }
            sb.append(t == choice.terms().get(choice.terms().size() - 1) ? "" : ",");
        }
        if (mode.equals("auto") && Double.isNaN(choice.terms().get(0).informativeness()) && invariant) {
            sb.append("   [non-centred: the nested Laplace fit is the same in either form]");
        } else if (mode.equals("auto") && Double.isNaN(choice.terms().get(0).informativeness())) {
            sb.append("   [non-centred: a map or laplace fit, or a Laplace start, needs a mode, which the centred"
                    + " density lacks]");
        } else if (mode.equals("auto")) {
            sb.append(String.format(Locale.ROOT, "   [centred when kappa = min_k median_j sd_k^2 tau_jk > %.0f",
                    CentringChoice.THRESHOLD));
            sb.append(Double.isNaN(elboCentred) ? "" : String.format(Locale.ROOT,
                    " and the centred mean-field ELBO is higher: %.2f vs %.2f non-centred", elboCentred, elboNoncentred));
            sb.append(String.format(Locale.ROOT, "; %.2f s spent choosing]", seconds));
        }
        out.println(sb);
    }

    /** {mode, threshold, choice_seconds, [elbo_centred, elbo_noncentred,] terms: [{group, form, kappa}]} for fit.json. */
    JsonObject json() {
        List<JsonObject> terms = new ArrayList<>();
        for (CentringChoice.Term t : choice.terms()) {
            terms.add(new JsonObject().put("group", t.group()).put("form", t.centring().label())
                    .put("kappa", Double.isNaN(t.informativeness()) ? null : t.informativeness()));
        }
        JsonObject o = new JsonObject().put("mode", mode).put("threshold", CentringChoice.THRESHOLD)
                .put("choice_seconds", seconds);
        if (!Double.isNaN(elboCentred)) {
            o.put("elbo_centred", elboCentred).put("elbo_noncentred", elboNoncentred);
        }
        return o.put("terms", terms);
    }

    /** The forms as model.json stores them. */
    List<String> labels() {
        return choice.centring().stream().map(Centring::label).toList();
    }
}
