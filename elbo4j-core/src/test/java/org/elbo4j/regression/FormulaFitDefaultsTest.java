package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.InitStrategy;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.junit.jupiter.api.Test;

/** The settings {@link FormulaFitDefaults} changes, and those it leaves to the user or to other models. */
class FormulaFitDefaultsTest {

    private static RegressionModel model(String formula) {
        return RegressionModel.of(ModelFrame.of(Formula.parse(formula), RegressionModelTest.DATA),
                Families.parse("poisson"), null);
    }

    @Test
    void groupModelsStartAtTheInitialPointAndStructuredGuidesGetMoreParticles() {
        RegressionModel m = model("y ~ x + (1 + x | g)");
        FitConfig mf = FormulaFitDefaults.of(m, FitConfig.defaults(), false, false);
        assertEquals(InitStrategy.Kind.ZERO, mf.init().kind());
        assertEquals(1, mf.particles());
        assertEquals(100, mf.window());
        for (FitConfig given : new FitConfig[] {FitConfig.defaults().withGuide(GuideFamily.FULL_RANK),
                FitConfig.defaults().withLowRank(3)}) {
            FitConfig c = FormulaFitDefaults.of(m, given, false, false);
            assertEquals(FormulaFitDefaults.PARTICLES, c.particles());
            assertEquals(FormulaFitDefaults.WINDOW, c.window());
            assertEquals(given.guide(), c.guide());
            assertEquals(given.rank(), c.rank());
        }
    }

    @Test
    void choicesOfTheUserAndModelsWithoutGroupsAreLeftAlone() {
        FitConfig fullRank = FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withParticles(3);
        FitConfig c = FormulaFitDefaults.of(model("y ~ x + (1 | g)"), fullRank, true, true);
        assertEquals(InitStrategy.Kind.LAPLACE, c.init().kind());
        assertEquals(3, c.particles());
        assertEquals(100, c.window());
        assertSame(fullRank, FormulaFitDefaults.of(model("y ~ x"), fullRank, false, false));
    }

    @Test
    void smallGroupModelsGetMoreDrawsUnlessTheUserChose() {
        RegressionModel m = model("y ~ x + (1 | g)");
        FitConfig c = FormulaFitDefaults.of(m, FitConfig.defaults(), false, false, false, false);
        assertEquals(1000, c.evidenceSamples());
        assertEquals(1000, c.posteriorDraws());
        assertEquals(FormulaFitDefaults.MANY_DRAWS, c.reliableDraws());
        FitConfig evidenceChosen = FormulaFitDefaults.of(m, FitConfig.defaults().withEvidenceSamples(300), false, false,
                true, false);
        assertEquals(300, evidenceChosen.evidenceSamples());
        assertEquals(FormulaFitDefaults.MANY_DRAWS, evidenceChosen.posteriorDraws());
        assertEquals(0, evidenceChosen.reliableDraws());
        FitConfig drawsChosen = FormulaFitDefaults.of(m, FitConfig.defaults().withPosteriorDraws(200), false, false,
                false, true);
        assertEquals(FormulaFitDefaults.MANY_DRAWS, drawsChosen.evidenceSamples());
        assertEquals(200, drawsChosen.posteriorDraws());
        FitConfig chosen = FitConfig.defaults().withEvidenceSamples(300).withPosteriorDraws(200);
        FitConfig kept = FormulaFitDefaults.of(m, chosen, false, false, true, true);
        assertEquals(300, kept.evidenceSamples());
        assertEquals(200, kept.posteriorDraws());
        FitConfig none = FormulaFitDefaults.of(m, FitConfig.defaults().withEvidenceSamples(0), false, false, true, false);
        assertEquals(0, none.evidenceSamples());
        FitConfig flat = FitConfig.defaults();
        assertEquals(flat.evidenceSamples(), FormulaFitDefaults.of(model("y ~ x"), flat, false, false, false, false)
                .evidenceSamples());
    }
}
