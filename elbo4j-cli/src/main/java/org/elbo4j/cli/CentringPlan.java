package org.elbo4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.elbo4j.io.JsonObject;
import org.elbo4j.regression.Centring;
import org.elbo4j.regression.CentringChoice;
import org.elbo4j.regression.RegressionModel;

/**
 * The parametrisation of a formula fit's group-level terms ({@code fit --formula --centring}):
 * {@code centred} or {@code noncentred} for every term, or {@code auto}, chosen per term by
 * {@link CentringChoice#pilot} (a mean-field pilot fit in the non-centred form; centred when
 * κ = min_k median_j sd_k² τ_jk &gt; 1). Printed and written to fit.json as {@code centring}.
 *
 * @param mode   auto, centred or noncentred, as given
 * @param choice the choice of every term (κ NaN when not auto)
 * @param seconds the wall time of the pilot fit (0 without one)
 */
record CentringPlan(String mode, CentringChoice choice, double seconds) {

    /** The mode of the option's value; a bad value is a {@link UserError}. */
    static String mode(String option) {
        return switch (option) {
            case "auto", "centred", "noncentred" -> option;
            default -> throw new UserError("--centring: expected auto, centred or noncentred, got '" + option + "'");
        };
    }

    /** The plan for {@code model} (non-centred) under {@code mode}; auto runs the pilot with {@code seed}. */
    static CentringPlan of(String mode, RegressionModel model, long seed) {
        if (mode.equals("auto") && model.layout().hasGroups()) {
            long start = System.nanoTime();
            CentringChoice choice = CentringChoice.pilot(model, seed);
            return new CentringPlan(mode, choice, (System.nanoTime() - start) / 1e9);
        }
        Centring form = mode.equals("centred") ? Centring.CENTRED : Centring.NONCENTRED;
        List<CentringChoice.Term> terms = new ArrayList<>();
        for (String g : model.layout().groupNames()) {
            terms.add(new CentringChoice.Term(g, form, Double.NaN));
        }
        return new CentringPlan(mode, new CentringChoice(List.copyOf(terms)), 0);
    }

    /** The model in the chosen parametrisation. */
    RegressionModel apply(RegressionModel model) {
        return choice.terms().isEmpty() ? model : model.withCentring(choice.centring());
    }

    /** One line: every term's form and, for auto, κ; nothing without group terms. */
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
        if (mode.equals("auto")) {
            sb.append(String.format(Locale.ROOT, "   [centred when kappa = min_k median_j sd_k^2 tau_jk > %.0f;"
                    + " mean-field pilot %.2f s]", CentringChoice.THRESHOLD, seconds));
        }
        out.println(sb);
    }

    /** {mode, terms: [{group, form, kappa}]} for fit.json. */
    JsonObject json() {
        List<JsonObject> terms = new ArrayList<>();
        for (CentringChoice.Term t : choice.terms()) {
            terms.add(new JsonObject().put("group", t.group()).put("form", t.centring().label())
                    .put("kappa", Double.isNaN(t.informativeness()) ? null : t.informativeness()));
        }
        return new JsonObject().put("mode", mode).put("threshold", CentringChoice.THRESHOLD)
                .put("pilot_seconds", seconds).put("terms", terms);
    }

    /** The forms as model.json stores them. */
    List<String> labels() {
        return choice.centring().stream().map(Centring::label).toList();
    }
}
