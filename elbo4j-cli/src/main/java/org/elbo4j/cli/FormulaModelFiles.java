package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.elbo4j.glm.Family;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.io.DataFileException;
import org.elbo4j.io.Json;
import org.elbo4j.io.JsonObject;
import org.elbo4j.regression.Centring;
import org.elbo4j.regression.Priors;
import org.elbo4j.regression.RegressionModel;

/**
 * What a formula fit saves for {@code elbo4j predict} in its output directory: model.json
 * ({@code {"formula","family","priors":[SPEC...],"centring":[FORM...]}}: centring absent means every
 * term non-centred), data.csv (the fitted data, byte for byte: the
 * factor levels and the centring come from it) and draws.json ({@code {"coordinates":[...],
 * "draws":[[...],...]}}: the approximate posterior draws in unconstrained coordinates).
 */
final class FormulaModelFiles {

    private FormulaModelFiles() {
    }

    /** A model read back, with its draws. */
    record Saved(RegressionModel model, double[][] draws) {
    }

    /** The model of a formula, family and prior specs on {@code data}; every problem a one-line error. */
    static RegressionModel build(String formulaText, String familySpec, List<String> priorSpecs, DataFrame data) {
        return build(formulaText, familySpec, priorSpecs, null, data);
    }

    /** As above with the group terms' parametrisation ({@code centring} null: all non-centred). */
    static RegressionModel build(String formulaText, String familySpec, List<String> priorSpecs,
            List<Centring> centring, DataFrame data) {
        Formula formula = Formula.parse(formulaText);
        Family family = CliArguments.checked("--family", () -> Families.parse(familySpec));
        ModelFrame frame = ModelFrame.of(formula, data);
        Priors priors = RegressionModel.defaultPriors(frame, family);
        for (String p : priorSpecs) {
            Priors base = priors;
            priors = CliArguments.checked("--prior", () -> base.with(p));
        }
        return RegressionModel.of(frame, family, priors, centring);
    }

    static void write(Path dir, String formula, String family, List<String> priors, List<String> centring, Path data,
            List<String> coordinates, double[][] draws) throws IOException {
        AtomicFiles.writeString(dir.resolve("model.json"), Json.writeIndented(new JsonObject().put("formula", formula)
                .put("family", family).put("priors", priors).put("centring", centring)));
        AtomicFiles.write(dir.resolve("data.csv"), Files.readAllBytes(data));
        AtomicFiles.writeString(dir.resolve("draws.json"), Json.write(new JsonObject().put("coordinates", coordinates)
                .put("draws", draws)));
    }

    @SuppressWarnings("unchecked")
    static Saved read(Path dir) throws IOException {
        Path model = dir.resolve("model.json");
        if (!Files.isRegularFile(model)) {
            throw new DataFileException(dir + ": no model.json (not the --out directory of a formula fit)");
        }
        Map<String, Object> m = (Map<String, Object>) Json.parse(Files.readString(model));
        List<String> priors = new ArrayList<>();
        for (Object o : (List<Object>) m.get("priors")) {
            priors.add((String) o);
        }
        List<Centring> centring = null;
        if (m.get("centring") instanceof List<?> forms) {
            centring = new ArrayList<>();
            for (Object f : forms) {
                centring.add(switch (String.valueOf(f)) {
                    case "centred" -> Centring.CENTRED;
                    case "noncentred" -> Centring.NONCENTRED;
                    default -> throw new DataFileException(model + ": centring: expected centred or noncentred, got '"
                            + f + "'");
                });
            }
        }
        RegressionModel fitted = build((String) m.get("formula"), (String) m.get("family"), priors, centring,
                DataFrame.read(dir.resolve("data.csv")));
        Map<String, Object> d = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("draws.json")));
        List<Object> rows = (List<Object>) d.get("draws");
        double[][] draws = new double[rows.size()][];
        for (int s = 0; s < draws.length; s++) {
            List<Object> row = (List<Object>) rows.get(s);
            draws[s] = new double[row.size()];
            for (int c = 0; c < row.size(); c++) {
                draws[s][c] = Json.toDouble(row.get(c));
            }
            if (draws[s].length != fitted.dim()) {
                throw new DataFileException(dir.resolve("draws.json") + ": draws have " + draws[s].length
                        + " coordinates, the model has " + fitted.dim());
            }
        }
        return new Saved(fitted, draws);
    }
}
