package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.StudentT;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SpecParserTest {

    @Test
    void scalarArgumentsInOrder() {
        StudentT t = (StudentT) SpecParser.parse("StudentT(3, -1.5, 2e0)");
        assertEquals(3.0, t.df().item());
        assertEquals(-1.5, t.loc().item());
        assertEquals(2.0, t.scale().item());
    }

    @Test
    void namesIgnoreCaseAndSpacesAreFree() {
        Distribution d = SpecParser.parse("  normal ( 0 ,1 ) ");
        assertTrue(d instanceof Normal);
    }

    @Test
    void nestedArraysMakeMatrices() {
        MultivariateNormal m = (MultivariateNormal) SpecParser.parse("MultivariateNormal([1, 2], [[4, 2], [2, 5]])");
        assertArrayEquals(new float[] {1, 2}, m.loc().toFloatArray());
        assertArrayEquals(new float[] {2, 0, 1, 2}, m.scaleTril().toFloatArray(), 1e-6f);
    }

    @Test
    void arraysOfProbabilities() {
        Categorical c = (Categorical) SpecParser.parse("Categorical([0.25, 0.75])");
        assertArrayEquals(new float[] {0.25f, 0.75f}, c.probs().toFloatArray());
    }

    @Test
    void everyListedFamilyParses() {
        String[] specs = {"Normal(0, 1)", "MultivariateNormal([0], [[1]])", "Bernoulli(0.5)", "Categorical([1])",
            "Beta(2, 3)", "Gamma(2, 1)", "Dirichlet([1, 2])", "Exponential(1)", "Laplace(0, 1)", "LogNormal(0, 1)",
            "StudentT(3, 0, 1)", "Uniform(0, 1)", "Poisson(2)"};
        for (String s : specs) {
            assertTrue(SpecParser.parse(s) != null, s);
        }
        assertEquals(specs.length, SpecParser.familyNames().size());
    }

    @Test
    void valuesParseAsTensors() {
        Tensor t = SpecParser.parseValue("[[1, 2, 3], [4, 5, 6]]");
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(0, SpecParser.parseValue("-0.5").rank());
    }

    @Test
    void raggedArraysAreRejected() {
        UserError e = assertThrows(UserError.class, () -> SpecParser.parseValue("[[1, 2], [3]]"));
        assertTrue(e.getMessage().contains("rectangular"), e.getMessage());
    }

    @Test
    void emptyArraysAreRejected() {
        assertTrue(assertThrows(UserError.class, () -> SpecParser.parseValue("[]")).getMessage().contains("empty array"));
    }

    @Test
    void trailingTextIsRejected() {
        UserError e = assertThrows(UserError.class, () -> SpecParser.parse("Normal(0, 1) x"));
        assertTrue(e.getMessage().contains("nothing after the closing ')' at position 14"), e.getMessage());
    }

    @Test
    void nonNumbersAreRejectedWithThePosition() {
        UserError e = assertThrows(UserError.class, () -> SpecParser.parse("Normal(0, one)"));
        assertTrue(e.getMessage().contains("expected a number or '[' at position 11, found 'o'"), e.getMessage());
        assertThrows(UserError.class, () -> SpecParser.parseValue("NaN"));
    }

    @Test
    void missingNameIsRejected() {
        assertTrue(assertThrows(UserError.class, () -> SpecParser.parse("(0, 1)")).getMessage()
                .contains("expected a distribution name"));
    }

    @Test
    void familyValidationPassesThrough() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecParser.parse("Bernoulli(1.5)"));
        assertEquals("Bernoulli: probs must be in [0, 1], got 1.5", e.getMessage());
    }
}
