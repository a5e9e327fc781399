package org.elbo4j.regression;

import java.util.random.RandomGenerator;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Family;

/**
 * Posterior predictions of a {@link RegressionModel} on rows of a {@link ModelFrame} (the fitted
 * data or new data with the fitted coding), from unconstrained posterior draws u_s:
 * {@code η_si = offset_i + b_Intercept_s + x_i·b_s + Σ_g Z_i r_{g,s,level(i)}} with the
 * uncentred coefficients; a level not seen in the fit contributes no group effect (the
 * population-level prediction, as brms's {@code allow_new_levels} with no new-level uncertainty).
 * The predictive mean is E[y | η_si] averaged over draws; replicated y draw one y per (s, i).
 */
public final class Prediction {

    private Prediction() {
    }

    /** η (S × N) for the rows of {@code frame}. */
    public static double[][] linearPredictor(RegressionModel model, ModelFrame frame, double[][] draws) {
        RegressionLayout layout = model.layout();
        int[] cols = layout.bColumns();
        double[][] x = frame.x().rows();
        int n = frame.rowCount();
        double[][] eta = new double[draws.length][n];
        for (int s = 0; s < draws.length; s++) {
            double[] u = draws[s];
            double[] coef = layout.coefficients(u);
            GroupState[] groups = new GroupState[layout.groups().size()];
            for (int g = 0; g < groups.length; g++) {
                GroupBlock b = layout.groups().get(g);
                groups[g] = GroupState.of(new GroupBlock(frame.groups().get(g), b.sdAt(), b.corAt(), b.zAt(),
                        b.centring()), u);
            }
            for (int i = 0; i < n; i++) {
                double e = frame.offset()[i] + coef[0];
                for (int j = 0; j < cols.length; j++) {
                    e += x[i][cols[j]] * coef[j + 1];
                }
                for (GroupState st : groups) {
                    e += st.contribution(i);
                }
                eta[s][i] = e;
            }
        }
        return eta;
    }

    /** E[y] per draw and row (S × N). */
    public static double[][] means(RegressionModel model, ModelFrame frame, double[][] draws) {
        double[][] eta = linearPredictor(model, frame, draws);
        Family f = model.family();
        double[] trials = trials(frame);
        for (int s = 0; s < eta.length; s++) {
            double[] logAux = logAux(model, draws[s]);
            for (int i = 0; i < eta[s].length; i++) {
                eta[s][i] = f.mean(eta[s][i], logAux, trials == null ? 1 : trials[i]);
            }
        }
        return eta;
    }

    /** One replicated y per draw and row (S × N). */
    public static double[][] replicates(RegressionModel model, ModelFrame frame, double[][] draws, RandomGenerator rng) {
        double[][] eta = linearPredictor(model, frame, draws);
        Family f = model.family();
        double[] trials = trials(frame);
        for (int s = 0; s < eta.length; s++) {
            double[] logAux = logAux(model, draws[s]);
            for (int i = 0; i < eta[s].length; i++) {
                eta[s][i] = f.draw(eta[s][i], logAux, trials == null ? 1 : trials[i], rng);
            }
        }
        return eta;
    }

    private static double[] trials(ModelFrame frame) {
        return frame.trials().orElse(null);
    }

    private static double[] logAux(RegressionModel model, double[] u) {
        double[] out = new double[2];
        int at = model.layout().auxAt();
        for (int a = 0; a < model.family().auxNames().size(); a++) {
            out[a] = u[at + a];
        }
        return out;
    }
}
