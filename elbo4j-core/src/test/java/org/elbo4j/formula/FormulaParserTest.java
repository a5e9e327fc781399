package org.elbo4j.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The formula grammar: terms, group terms, offsets, trials, and errors that point at the character. */
class FormulaParserTest {

    private static List<String> labels(Formula f) {
        return f.terms().stream().map(Term::label).toList();
    }

    @Test
    void expandsInteractionsAndOrdersTermsAsR() {
        Formula f = Formula.parse("y ~ x1 * x2 + x1:x2 + f");
        assertEquals(List.of("x1", "x2", "f", "x1:x2"), labels(f));
        assertTrue(f.intercept());
        assertEquals(List.of("a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"), labels(Formula.parse("y ~ a*b*c")));
        assertEquals(List.of("b", "a", "b:a"), labels(Formula.parse("y ~ b:a + b + a")));
    }

    @Test
    void interceptRemovalAndFactors() {
        assertFalse(Formula.parse("y ~ 0 + x").intercept());
        assertFalse(Formula.parse("y ~ x - 1").intercept());
        assertFalse(Formula.parse("y ~ x + 0").intercept());
        Formula f = Formula.parse("y ~ factor(k) + x");
        assertEquals("factor(k)", f.terms().get(0).label());
        assertTrue(f.terms().get(0).variables().get(0).forcedFactor());
    }

    @Test
    void groupTermsOffsetAndTrials() {
        Formula f = Formula.parse("y | trials(n) ~ x + (1 + x | g) + (1 | g1/g2) + offset(log(t))");
        assertEquals("n", f.trials().orElseThrow());
        assertEquals(3, f.groups().size());
        assertEquals("g", f.groups().get(0).group());
        assertTrue(f.groups().get(0).intercept());
        assertEquals("x", f.groups().get(0).terms().get(0).label());
        assertEquals("g1", f.groups().get(1).group());
        assertEquals("g1:g2", f.groups().get(2).group());
        assertEquals("t", f.offset().orElseThrow());
        assertTrue(f.logOffset());
        assertFalse(Formula.parse("y ~ (0 + x | g)").groups().get(0).intercept());
        assertTrue(Formula.parse("y ~ (x | g)").groups().get(0).intercept());
    }

    @Test
    void errorsPointAtTheCharacter() {
        FormulaException e = assertThrows(FormulaException.class, () -> Formula.parse("y ~ x1 + )"));
        assertEquals("formula: unexpected ')' at column 10: y ~ x1 + )", e.getMessage());
        assertEquals(10, e.column());
        assertEquals("formula: unexpected end of formula at column 9: y ~ x1 +",
                assertThrows(FormulaException.class, () -> Formula.parse("y ~ x1 +")).getMessage());
        assertEquals("formula: unexpected '$' at column 6: y ~ x$1",
                assertThrows(FormulaException.class, () -> Formula.parse("y ~ x$1")).getMessage());
        assertTrue(assertThrows(FormulaException.class, () -> Formula.parse("y ~ (1 + x)")).getMessage()
                .contains("needs '|'"));
        assertTrue(assertThrows(FormulaException.class, () -> Formula.parse("y ~ exp(x)")).getMessage()
                .startsWith("formula: unknown function 'exp' (known: factor, offset, log, trials) at column 5"));
        assertTrue(assertThrows(FormulaException.class, () -> Formula.parse("y ~ x - z")).getMessage()
                .contains("at column 9"));
        assertTrue(assertThrows(FormulaException.class, () -> Formula.parse("y x")).getMessage()
                .contains("unexpected 'x' at column 3"));
    }
}
