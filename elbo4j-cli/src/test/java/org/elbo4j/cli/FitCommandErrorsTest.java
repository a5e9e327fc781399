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
 * Each bad input of {@code elbo4j fit} gives exit code 2, one line on stderr that says what is
 * wrong, nothing on stdout, and leaves an existing output directory exactly as it was.
 */
class FitCommandErrorsTest {

    @TempDir
    Path tmp;
    Path out;

    @BeforeEach
    void existingOutput() throws IOException {
        out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "earlier results");
    }

    private Path csv(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private void assertRejected(String message, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString(), "--steps", "50"));
        CliRun run = CliRun.of(new FitCommand(), all.toArray(new String[0]));
        assertTrue(run.oneErrorLineContaining(message), "exit " + run.exitCode() + ", stderr: " + run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), files.toList());
        }
        assertEquals("earlier results", Files.readString(out.resolve("keep.txt")));
    }

    private static final String GOOD = "x1,x2,y\n0.5,1,0\n-1,2,1\n2,0.5,1\n0.1,-1,0\n";

    /** Fewer than 25 evidence draws cannot give k̂: rejected before the fit, not after it. */
    @Test
    void tooFewEvidenceSamplesAreRejectedUpFront() throws IOException {
        assertRejected("--evidence-samples: FitConfig: evidenceSamples must be 0 or >= 25",
                "--model", "logistic", "--data", csv("d.csv", GOOD).toString(), "--evidence-samples", "10");
    }

    @Test
    void centringWithABuiltInModel() throws IOException {
        assertRejected("--centring applies to --formula fits only",
                "--model", "logistic", "--data", csv("d.csv", GOOD).toString(), "--centring", "centred");
    }

    @Test
    void missingTargetColumnNamesTheColumns() throws IOException {
        assertRejected("no column 'label'; the columns are x1, x2, y",
                "--model", "logistic", "--data", csv("d.csv", GOOD).toString(), "--target", "label");
    }

    @Test
    void noHeaderLine() throws IOException {
        assertRejected("no header line", "--model", "linear", "--data", csv("d.csv", "1,2\n3,4\n5,7\n").toString());
    }

    @Test
    void nonNumericCell() throws IOException {
        assertRejected("line 3, column 2: 'abc' is not a number",
                "--model", "linear", "--data", csv("d.csv", "x1,x2,y\n1,2,3\n4,abc,6\n").toString());
    }

    @Test
    void nanCell() throws IOException {
        assertRejected("values must be finite",
                "--model", "linear", "--data", csv("d.csv", "x1,y\n1,2\nNaN,3\n2,5\n").toString());
    }

    @Test
    void noPosteriorDraws() throws IOException {
        assertRejected("--posterior-draws",
                "--model", "logistic", "--data", csv("d.csv", GOOD).toString(), "--posterior-draws", "0");
    }

    @Test
    void constantColumn() throws IOException {
        assertRejected("column 'x2' is constant",
                "--model", "linear", "--data", csv("d.csv", "x1,x2,y\n1,3,1\n2,3,5\n4,3,2\n").toString());
    }

    @Test
    void labelsOtherThanZeroAndOne() throws IOException {
        assertRejected("must be 0 or 1 for logistic regression, got 2.0",
                "--model", "logistic", "--data", csv("d.csv", "x1,y\n1,0\n2,2\n0.5,1\n").toString());
    }

    @Test
    void allLabelsEqual() throws IOException {
        assertRejected("is 1 in every row",
                "--model", "logistic", "--data", csv("d.csv", "x1,y\n1,1\n2,1\n0.5,1\n").toString());
    }

    @Test
    void singlePredictorSeparatesTheLabels() throws IOException {
        // x2 > 0.75 exactly when y = 1; x1 overlaps.
        assertRejected("column 'x2' separates 'y' perfectly (y = 1 exactly when x2 > 0.75)",
                "--model", "logistic", "--data",
                csv("d.csv", "x1,x2,y\n0.5,0.5,0\n-1,1,1\n2,2,1\n0.1,-1,0\n").toString());
    }

    @Test
    void separationInTheOtherDirection() throws IOException {
        Path d = csv("d.csv", "x1,x2,y\n3,0.5,0\n-1,1,1\n2,2,0\n0.1,-1,1\n");
        assertRejected("column 'x1' separates 'y' perfectly (y = 0 exactly when x1 > 1.05)",
                "--model", "logistic", "--data", d.toString());
    }

    @Test
    void nonPositiveSigmaInEightSchools() throws IOException {
        assertRejected("data row 2: sigma must be > 0 (a standard error), got -10.0", "--model", "eight-schools",
                "--data", csv("s.csv", "school,y,sigma\n1,28,15\n2,8,-10\n").toString());
        assertRejected("data row 1: sigma must be > 0 (a standard error), got 0.0", "--model", "eight-schools",
                "--data", csv("s.csv", "school,y,sigma\n1,28,0\n2,8,10\n").toString());
    }

    @Test
    void eightSchoolsWithoutSigma() throws IOException {
        assertRejected("no column 'sigma'; the columns are school, y",
                "--model", "eight-schools", "--data", csv("s.csv", "school,y\n1,28\n2,8\n").toString());
    }

    @Test
    void missingFile() throws IOException {
        assertRejected("no such file", "--model", "linear", "--data", tmp.resolve("absent.csv").toString());
    }

    @Test
    void unknownModelGuideAndOptimizer() throws IOException {
        Path d = csv("d.csv", GOOD);
        assertRejected("--model: expected linear, logistic or eight-schools, got 'probit'",
                "--model", "probit", "--data", d.toString());
        assertRejected("--guide: expected meanfield, fullrank, lowrank:R, flow, nested, map or laplace, got 'normal'",
                "--model", "logistic", "--data", d.toString(), "--guide", "normal");
        assertRejected("--guide: expected lowrank:R with an integer R >= 1, got 'lowrank:x'",
                "--model", "logistic", "--data", d.toString(), "--guide", "lowrank:x");
        assertRejected("--guide: FitConfig: rank must be >= 1, got 0",
                "--model", "logistic", "--data", d.toString(), "--guide", "lowrank:0");
        assertRejected("--optimizer: expected adam, stan or natural", "--model", "logistic", "--data", d.toString(),
                "--optimizer", "sgd");
    }

    @Test
    void flowOptions() throws IOException {
        Path d = csv("d.csv", GOOD);
        assertRejected("--flow-layers applies to --guide flow only, got --guide fullrank", "--model", "logistic",
                "--data", d.toString(), "--guide", "fullrank", "--flow-layers", "2");
        assertRejected("--flow-layers: FitConfig: flowLayers must be >= 1, got 0", "--model", "logistic",
                "--data", d.toString(), "--guide", "flow", "--flow-layers", "0");
        assertRejected("--batch: FitConfig: guide FLOW needs the full data and the ELBO (batchSize 0, iwaeSamples 0),"
                + " got batchSize 2", "--model", "logistic", "--data", d.toString(), "--guide", "flow", "--batch", "2");
        assertRejected("--iwae: FitConfig: guide FLOW needs the full data and the ELBO", "--model", "logistic",
                "--data", d.toString(), "--guide", "flow", "--iwae", "4");
        assertRejected("--flow-skew applies to --guide flow only, got --guide meanfield", "--model", "logistic",
                "--data", d.toString(), "--flow-skew");
        assertRejected("--flow-softplus applies to --guide flow only, got --guide fullrank", "--model", "logistic",
                "--data", d.toString(), "--guide", "fullrank", "--flow-softplus");
        assertRejected("--flow-lr applies to --guide flow only, got --guide meanfield", "--model", "logistic",
                "--data", d.toString(), "--flow-lr", "0.01");
        assertRejected("--flow-lr: must be > 0, got 0.0", "--model", "logistic", "--data", d.toString(),
                "--guide", "flow", "--flow-lr", "0");
    }

    @Test
    void badNumbers() throws IOException {
        Path d = csv("d.csv", GOOD);
        assertRejected("--noise-scale/--prior-scale: ConjugateLinearRegression: sigma must be finite and > 0",
                "--model", "linear", "--data", d.toString(), "--noise-scale", "-1");
        assertRejected("--prior-scale: LogisticRegression: tau must be finite and > 0, got 0.0",
                "--model", "logistic", "--data", d.toString(), "--prior-scale", "0");
        assertRejected("--particles: FitConfig: particles must be >= 1, got 0",
                "--model", "logistic", "--data", d.toString(), "--particles", "0");
        assertRejected("--noise-scale applies to --model linear only",
                "--model", "logistic", "--data", d.toString(), "--noise-scale", "1");
    }

    @Test
    void iwaeOptions() throws IOException {
        Path d = csv("d.csv", GOOD);
        assertRejected("--gradient applies to --iwae K only", "--model", "logistic", "--data", d.toString(),
                "--gradient", "dreg");
        assertRejected("--gradient: expected plain, stl or dreg, got 'score'", "--model", "logistic",
                "--data", d.toString(), "--iwae", "4", "--gradient", "score");
        assertRejected("--iwae: FitConfig: iwaeSamples needs the full data (batchSize 0), got batchSize 2",
                "--model", "logistic", "--data", d.toString(), "--iwae", "4", "--batch", "2");
        assertRejected("--iwae: FitConfig: iwaeSamples must be >= 0", "--model", "logistic", "--data", d.toString(),
                "--iwae", "-1");
        assertRejected("--stl: with --iwae choose the gradient with --gradient stl", "--model", "logistic",
                "--data", d.toString(), "--iwae", "4", "--stl");
        assertRejected("--particles: with --iwae K each step draws K samples", "--model", "logistic",
                "--data", d.toString(), "--iwae", "4", "--particles", "3");
    }

    @Test
    void outputPathThatIsAFile() throws IOException {
        Path file = out.resolve("keep.txt");
        CliRun run = CliRun.of(new FitCommand(), "--model", "linear", "--data", csv("d.csv", GOOD).toString(),
                "--out", file.toString());
        assertTrue(run.oneErrorLineContaining("exists and is not a directory"), run.err());
        assertEquals("earlier results", Files.readString(file));
    }
}
