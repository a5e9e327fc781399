import java.nio.file.*;
import java.util.*;
import org.elbo4j.bayes.*;
import org.elbo4j.formula.*;
import org.elbo4j.glm.*;
import org.elbo4j.regression.*;
import org.elbo4j.infer.PsisLoo;

/**
 * Writes the PSIS-LOO input of a formula fit whose Gaussian has k-hat >= 0.7 (bench crossed model, mean-field,
 * seed 1): one line per evidence draw of q, its log p/q ratio then its N pointwise log-likelihoods, to the
 * file given as the first argument, and prints elbo4j's PsisLoo.of(logLik, logRatios). Run by check.sh.
 */
public class Dump {
    public static void main(String[] a) throws Exception {
        DataFrame data = DataFrame.read(Path.of("bench/brms/gaussian_crossed.csv"));
        ModelFrame frame = ModelFrame.of(Formula.parse("y ~ x + (1 | subject) + (1 | item)"), data);
        RegressionModel m = RegressionModel.of(frame, Families.parse("gaussian"), null);
        RegressionFit.Result r = RegressionFit.fit(m, FitConfig.defaults().withInit(InitStrategy.zero()).withSeed(1), false);
        double[][] ll = r.looInput().logLik(); double[] lr = r.looInput().logRatios();
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < ll.length; s++) {
            sb.append(lr[s]);
            for (double v : ll[s]) sb.append(',').append(v);
            sb.append('\n');
        }
        Files.writeString(Path.of(a[0]), sb);
        PsisLoo loo = PsisLoo.of(ll, lr);
        System.out.printf(Locale.ROOT, "elbo4j: elpd_loo %.6f se %.6f p_loo %.6f k>0.7 %d%n", loo.elpdLoo(), loo.elpdLooSe(), loo.pLoo(), loo.countAbove(0.7));
    }
}
