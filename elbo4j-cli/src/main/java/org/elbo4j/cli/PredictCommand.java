package org.elbo4j.cli;

import org.elbo4j.infer.SampleQuantile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.GroupDesign;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.random.Rng;
import org.elbo4j.regression.Prediction;
import org.elbo4j.regression.RegressionModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j predict}: posterior predictions of a formula fit ({@code fit --formula --out DIR})
 * on the rows of a new CSV file: per row the posterior mean of E[y] and the 5 % and 95 % quantiles
 * of the posterior predictive distribution (one replicated y per posterior draw), as CSV. A group
 * level the fit has not seen gets the population-level prediction (no group effect), and the
 * command says how many rows that concerns.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict new rows with a model saved by fit --formula and --out.",
            "Writes one CSV line per row of --data: mean (the posterior mean of E[y]), q5 and q95 (the 90-percent posterior"
                + " predictive interval of y). Rows whose group level was not in the fitted data use the"
                + " population-level effects only."},
        footer = {"  elbo4j predict --model run1 --data new.csv",
            "  elbo4j predict --model run1 --data new.csv --out predictions.csv"})
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "The --out directory of a formula fit.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "The new rows: a CSV file with the formula's predictor columns.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the predictions here instead of stdout.")
    Path out;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "The seed of the replicated draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (out != null && Files.isDirectory(out)) {
            throw new UserError("--out " + out + ": is a directory; give a file name");
        }
        FormulaModelFiles.Saved saved = FormulaModelFiles.read(model);
        RegressionModel fitted = saved.model();
        ModelFrame frame = fitted.frame().newData(DataFrame.read(data));
        double[][] means = Prediction.means(fitted, frame, saved.draws());
        double[][] reps = Prediction.replicates(fitted, frame, saved.draws(), Rng.of(seed).child("predict"));
        int n = frame.rowCount();
        StringBuilder csv = new StringBuilder("row,mean,q5,q95\n");
        double[] column = new double[saved.draws().length];
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int s = 0; s < column.length; s++) {
                m += means[s][i];
                column[s] = reps[s][i];
            }
            Arrays.sort(column);
            csv.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6g%n", i + 1, m / column.length,
                    SampleQuantile.of(column, 0.05), SampleQuantile.of(column, 0.95)));
        }
        if (out != null) {
            AtomicFiles.writeString(out, csv.toString());
        } else {
            spec.commandLine().getOut().print(csv);
        }
        for (GroupDesign g : frame.groups()) {
            long unseen = Arrays.stream(g.levelOfRow()).filter(l -> l < 0).count();
            if (unseen > 0) {
                spec.commandLine().getErr().printf(Locale.ROOT, "note: %d row(s) have a level of '%s' not in the fitted"
                        + " data; they use the population-level effects (no %s effect)%n", unseen, g.group(), g.group());
            }
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return 0;
    }

}
