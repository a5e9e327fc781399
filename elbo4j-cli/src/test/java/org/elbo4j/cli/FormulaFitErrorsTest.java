package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input of {@code elbo4j fit --formula} gives exit code 2, one line on stderr naming what
 * is wrong, and leaves an existing output directory exactly as it was.
 */
class FormulaFitErrorsTest {

    @TempDir
    Path tmp;
    Path out;

    private static final String GOOD = "y,x,g\n1,0.5,a\n0,-1,a\n3,2,b\n2,0.1,b\n0,1.5,c\n";

    @BeforeEach
    void existingOutput() throws IOException {
        out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "earlier results");
    }

    private Path csv(String text) throws IOException {
        Path f = tmp.resolve("d.csv");
        Files.writeString(f, text);
        return f;
    }

    private void assertRejected(String message, String csv, String formula, String family, String... extra)
            throws IOException {
        List<String> all = new ArrayList<>(List.of("--formula", formula, "--family", family, "--data",
                csv(csv).toString(), "--out", out.toString(), "--steps", "50"));
        all.addAll(List.of(extra));
        CliRun run = CliRun.of(new FitCommand(), all.toArray(new String[0]));
        assertTrue(run.exitCode() == 2 && run.oneErrorLineContaining(message),
                "exit " + run.exitCode() + ", stderr: " + run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), files.toList());
        }
        assertEquals("earlier results", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void badCentring() throws IOException {
        assertRejected("--centring: expected auto, centred or noncentred, got 'centered'", GOOD, "y ~ x + (1 | g)",
                "poisson", "--centring", "centered");
    }

    @Test
    void centredLaplace() throws IOException {
        assertRejected("--centring centred: the centred joint density has no mode", GOOD, "y ~ x + (1 | g)",
                "poisson", "--centring", "centred", "--guide", "laplace");
    }

    @Test
    void batchLargerThanTheData() throws IOException {
        assertRejected("--batch: must be <= the number of data rows (5), got 6", GOOD, "y ~ x", "poisson",
                "--batch", "6");
    }

    @Test
    void negativeBatch() throws IOException {
        assertRejected("--batch", GOOD, "y ~ x", "poisson", "--batch", "-1");
    }

    @Test
    void batchWithTheLaplaceGuide() throws IOException {
        assertRejected("--batch: minibatches need a variational --guide", GOOD, "y ~ x", "poisson",
                "--batch", "2", "--guide", "laplace");
    }

    @Test
    void unknownColumn() throws IOException {
        assertRejected("formula: no column 'x2' in " + tmp.resolve("d.csv") + " (the columns are y, x, g)", GOOD,
                "y ~ x + x2 + (1 | g)", "poisson");
    }

    @Test
    void nonNumericValueInANumericPredictor() throws IOException {
        assertRejected("d.csv: line 4, column 2 (\"x\"): 'two' is not a number, and 'x' is a numeric predictor",
                GOOD.replace("3,2,b", "3,two,b"), "y ~ x + (1 | g)", "poisson");
    }

    @Test
    void groupingColumnWithOneLevel() throws IOException {
        assertRejected("formula: grouping factor 'g' has 1 level ('a')", GOOD.replaceAll(",[bc]\n", ",a\n"),
                "y ~ x + (1 | g)", "poisson");
    }

    @Test
    void negativeCountForPoisson() throws IOException {
        assertRejected("d.csv: line 3: poisson: y must be a count (an integer >= 0), got -1.0",
                GOOD.replace("0,-1,a", "-1,-1,a"), "y ~ x + (1 | g)", "poisson");
    }

    @Test
    void responseOutsideTheUnitIntervalForBeta() throws IOException {
        assertRejected("d.csv: line 2: beta: y must be in the open interval (0, 1), got 1.0", GOOD,
                "y ~ x + (1 | g)", "beta");
    }

    @Test
    void unparsableFormulaPointsAtTheCharacter() throws IOException {
        assertRejected("formula: unexpected ')' at column 17: y ~ x + (1 | g) )", GOOD, "y ~ x + (1 | g) )",
                "poisson");
    }

    @Test
    void badPriorAndFamily() throws IOException {
        CliRun run = CliRun.of(new FitCommand(), "--formula", "y ~ x", "--data", csv(GOOD).toString(), "--prior",
                "normal(0, -1) on b", "--out", out.toString());
        assertTrue(run.oneErrorLineContaining("--prior: prior normal: parameter 2 must be finite and > 0, got -1.0"),
                run.err());
        run = CliRun.of(new FitCommand(), "--formula", "y ~ x", "--data", csv(GOOD).toString(), "--family",
                "poisson(identity)");
        assertTrue(run.oneErrorLineContaining("--family: family poisson: link must be log, got 'identity'"), run.err());
    }
}
