package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elbo4j.dist.Gamma;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elbo4j mle}: the Gaussian closed form, a gradient fit, and every kind of bad data file. */
class MleCommandTest {

    @TempDir
    Path dir;

    private Path csv(String content) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, content);
        return f;
    }

    private static CliRun run(String... args) {
        return CliRun.of(new MleCommand(), args);
    }

    @Test
    void gaussianFitIsTheSampleMeanAndOneOverNCovariance() throws IOException {
        CliRun r = run("--data", csv("x,y\n1,2\n3,2\n2,5\n").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("gaussian", r.string("family"));
        assertArrayEquals(new double[] {2, 3}, r.array("mean"), 1e-12);
        // deviations (−1,−1), (1,−1), (0,2): Σ = [[2, 0], [0, 6]] / 3
        assertArrayEquals(new double[] {2.0 / 3, 0, 0, 2.0}, r.array("covariance"), 1e-12);
        double logDet = Math.log(2.0 / 3 * 2.0);
        assertEquals(-1.5 * (2 * Math.log(2 * Math.PI) + logDet + 2), r.number("log_likelihood"), 1e-9);
    }

    @Test
    void gammaFamilyRecoversItsParameters() throws IOException {
        float[] x = Gamma.of(3.0, 2.0).sample(Rng.of(4), 5000).toFloatArray();
        StringBuilder sb = new StringBuilder("value\n");
        for (float v : x) {
            sb.append(v).append('\n');
        }
        CliRun r = run("--data", csv(sb.toString()).toString(), "--family", "gamma");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\"converged\": true"), r.out());
        // 5000 draws: the MLE's standard errors are about 0.06 (α) and 0.04 (β); allow 5 of them.
        assertEquals(3.0, r.number("concentration"), 0.3);
        assertEquals(2.0, r.number("rate"), 0.2);
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        assertTrue(run("--data", csv("").toString()).oneErrorLineContaining("no data rows"));
        assertTrue(run("--data", csv("a,b\n").toString()).oneErrorLineContaining("no data rows"));
    }

    @Test
    void nanNamesItsLineAndColumn() throws IOException {
        CliRun r = run("--data", csv("a,b\n1,2\n3,NaN\n").toString());
        assertTrue(r.oneErrorLineContaining("line 3, column 2 is NaN; values must be finite"), r.err());
    }

    @Test
    void textInTheDataNamesItsLineAndColumn() throws IOException {
        CliRun r = run("--data", csv("1,2\n3,x\n").toString());
        assertTrue(r.oneErrorLineContaining("line 2, column 2: 'x' is not a number"), r.err());
    }

    @Test
    void raggedRowsAreRejected() throws IOException {
        CliRun r = run("--data", csv("1,2\n3\n").toString());
        assertTrue(r.oneErrorLineContaining("line 2 has 1 columns, expected 2"), r.err());
    }

    @Test
    void missingFileIsRejected() {
        CliRun r = run("--data", dir.resolve("absent.csv").toString());
        assertTrue(r.oneErrorLineContaining("no such file"), r.err());
    }

    @Test
    void singularCovarianceIsRejected() throws IOException {
        CliRun r = run("--data", csv("1,2\n2,4\n3,6\n").toString());
        assertTrue(r.oneErrorLineContaining("singular"), r.err());
    }

    @Test
    void valueOutsideTheFamilysSupportNamesTheRow() throws IOException {
        CliRun r = run("--data", csv("1.5\n-2\n").toString(), "--family", "gamma");
        assertTrue(r.oneErrorLineContaining("data row 2: -2.0 is outside the support of gamma (values > 0)"), r.err());
    }

    @Test
    void scalarFamilyNeedsOneColumn() throws IOException {
        CliRun r = run("--data", csv("1,2\n3,4\n").toString(), "--family", "normal");
        assertTrue(r.oneErrorLineContaining("fits one column"), r.err());
    }

    @Test
    void unknownFamilyListsTheKnownOnes() throws IOException {
        CliRun r = run("--data", csv("1\n2\n").toString(), "--family", "weibull");
        assertTrue(r.oneErrorLineContaining("unknown family 'weibull'; known: gaussian, normal"), r.err());
    }
}
