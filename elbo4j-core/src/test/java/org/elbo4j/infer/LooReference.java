package org.elbo4j.infer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.elbo4j.io.CsvTable;

/**
 * Reference values from R's {@code loo} 2.5.1 (Debian r-cran-loo) on the log-likelihood matrices
 * under {@code src/test/resources/reference/loo/}, printed by {@code tools/loo_reference.R}
 * (pasted verbatim). TOTALS = {elpd, se(elpd), p, se(p), ic, se(ic)} for loo and waic alike.
 * NORMAL: 400 posterior draws of a normal mean, 12 observations, one outlier; OUTLIERS: 100 draws,
 * 10 observations, two far outliers (k̂ up to 3.8); APPROX: 400 draws from a too-narrow normal
 * approximation q, with log p − log q per draw ({@code loo_approximate_posterior}).
 */
final class LooReference {

    private LooReference() {
    }

    /** A draws × observations matrix from the test resources. */
    static double[][] matrix(String name) {
        String path = "/reference/loo/" + name;
        try (InputStream in = LooReference.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return CsvTable.read(new InputStreamReader(in, StandardCharsets.UTF_8), path, CsvTable.Header.ABSENT).rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final double[] NORMAL_TOTALS = {-30.1307208901118, 14.5956132348783, 2.9708196178692, 2.30881784163114, 60.2614417802236, 29.1912264697565};
    static final double[] NORMAL_ELPD = {-0.993036548313065, -1.40782413995488, -0.984345613893826, -1.10349631201085, -1.39330631285155, -1.11009342369163, -0.988593419550408, -1.10710668113691, -3.12910841801565, -1.14420605914698, -1.01280715828662, -15.7567968032594};
    static final double[] NORMAL_K = {0.36740502521091, 0.386806562245013, 0.325705989710705, 0.374634058718146, 0.386009181377717, 0.374620318069116, 0.214211588644225, 0.374622467786884, 0.473649220026309, 0.219657343862839, 0.381874625783573, 0.635924066784897};
    // NORMAL: k > 0.7: 0 of 12
    static final double[] NORMAL_WAIC = {-30.187842034824, 14.6489985929977, 3.02794076258144, 2.36221102714964, 60.3756840696481, 29.2979971859954};
    static final double[] OUTLIERS_TOTALS = {-61.5380640296315, 26.4716787751471, 38.2031077701754, 20.8807422055672, 123.076128059263, 52.9433575502942};
    static final double[] OUTLIERS_ELPD = {-7.27975494365428, -2.39468246307567, -1.46871975748446, -1.22617688295924, -1.89225937287148, -1.84992838346246, -1.40475573305519, -1.10302570018017, -18.6508888641351, -24.2678719287535};
    static final double[] OUTLIERS_K = {1.93030340081836, 0.77041230875876, 0.704221778249199, 0.353939948808492, 0.548641695270482, 0.529263455351994, 0.804005504827427, 0.3035684420957, 3.58642201221061, 3.79157725487406};
    // OUTLIERS: k > 0.7: 6 of 10
    static final double[] OUTLIERS_WAIC = {-86.7320320152731, 44.9727133139212, 63.397075755817, 39.5252012694593, 173.464064030546, 89.9454266278425};
    static final double[] APPROX_TOTALS = {-16.3944371935108, 1.36860567507149, 0.636335153725036, 0.143113178286637, 32.7888743870216, 2.73721135014298};
    static final double[] APPROX_ELPD = {-1.1662224837386, -1.84871131299845, -1.02475372542407, -0.957079553934239, -1.00908811164041, -1.32928529829535, -1.27075353416578, -1.31873368395708, -1.82480357465241, -1.29153037045598, -1.12392532003322, -2.2295502242152};
    static final double[] APPROX_K = {0.579594025552609, 0.49057793678087, 0.603827231678395, 0.621068239009711, 0.591089869893834, 0.588601073877409, 0.561675597790887, 0.58398360862766, 0.705499577992529, 0.610153574029916, 0.592195004636124, 0.706418533213262};
    // APPROX: k > 0.7: 2 of 12
}
