package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.elbo4j.bayes.DensityDraws;
import org.elbo4j.bayes.DensityFit;
import org.elbo4j.bayes.Evidence;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.InitStrategy;
import org.elbo4j.bayes.Optimisation;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.junit.jupiter.api.Test;

/**
 * The marginal likelihood p(y) does not depend on the parametrisation. Model y ~ 1 + (1 | g),
 * gaussian, Intercept ~ normal(0, 2), sd and sigma ~ half student_t(3, 0, 1), on 8 groups × 8 rows
 * (Intercept 0.5, sd 0.7, σ 1: κ ≈ 4, a middling case where both forms fit). The exact log evidence
 * −96.174399 comes from {@code tools/centring/evidence_reference.py} (the Intercept and the group
 * effects integrated out in closed form, (log sd, log σ) by the trapezoid rule on a 400 × 400 grid,
 * edge weight 4e−8; the script also wrote the data). The importance-sampled log evidence of a
 * full-rank fit (4000 draws, k̂ &lt; 0.7 checked) in each form must be within 3 of its standard
 * errors of the exact value and the two within 3 combined se of each other (two-sided 3-se bands:
 * false-failure rate about 0.3 % each when the se is right; the IS estimate of log p(y) is biased
 * low by about se²/2 ≈ 1e−3 here, negligible).
 */
class CentredEvidenceTest {

    private static final double EXACT = -96.174399;

    private static DataFrame data() throws IOException {
        try (InputStream in = CentredEvidenceTest.class.getResourceAsStream("centring_evidence.csv")) {
            return DataFrame.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "centring_evidence.csv");
        }
    }

    private static Evidence evidence(Centring form) throws IOException {
        ModelFrame frame = ModelFrame.of(Formula.parse("y ~ 1 + (1 | g)"), data());
        Priors priors = RegressionModel.defaultPriors(frame, Families.parse("gaussian"))
                .with("normal(0, 2) on Intercept").with("student_t(3, 0, 1) on sd")
                .with("student_t(3, 0, 1) on sigma");
        RegressionModel m = RegressionModel.of(frame, Families.parse("gaussian"), priors, List.of(form));
        FitConfig config = FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withInit(InitStrategy.zero())
                .withParticles(8).withWindow(200).withEvidenceSamples(4000).withSeed(5);
        Optimisation opt = DensityFit.fit(m, m.initialPoint(), m.layout().coordinateNames(), config);
        DensityDraws draws = DensityFit.draws(m, opt, m.observationCount(), true, config);
        Evidence e = draws.evidence().orElseThrow();
        assertTrue(e.khat() < 0.7, form + ": khat " + e.khat());
        assertEquals(EXACT, e.logEvidence(), 3 * e.stderr(), form + ": " + e);
        return e;
    }

    @Test
    void logEvidenceIsTheExactOneInBothForms() throws IOException {
        Evidence a = evidence(Centring.NONCENTRED);
        Evidence b = evidence(Centring.CENTRED);
        assertEquals(a.logEvidence(), b.logEvidence(), 3 * Math.hypot(a.stderr(), b.stderr()), a + " vs " + b);
    }
}
