package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input of {@code elbo4j ppca} gives exit code 2, one line on stderr that says what is
 * wrong, nothing on stdout, and leaves an existing output directory exactly as it was.
 */
class PpcaCommandErrorsTest {

    @TempDir
    Path tmp;
    Path out;

    @BeforeEach
    void existingOutput() throws IOException {
        out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("ppca.json"), "earlier results");
    }

    private Path csv(String text) throws IOException {
        Path f = tmp.resolve("d.csv");
        Files.writeString(f, text);
        return f;
    }

    private static final String GOOD = "a,b,c\n1,2,3\n2,1,0\n0,5,1\n3,3,3\n";

    private void assertRejected(String message, String... args) throws IOException {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--out", out.toString()));
        CliRun run = CliRun.of(new PpcaCommand(), all.toArray(new String[0]));
        assertTrue(run.oneErrorLineContaining(message), "exit " + run.exitCode() + ", stderr: " + run.err()
                + ", stdout: " + run.out());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("ppca.json")), files.toList());
        }
        assertEquals("earlier results", Files.readString(out.resolve("ppca.json")));
    }

    @Test
    void qNotBelowD() throws IOException {
        assertRejected("--q must be < d = 3", "--data", csv(GOOD).toString(), "--q", "3");
    }

    @Test
    void qBelowOne() throws IOException {
        assertRejected("--q must be >= 1, got 0", "--data", csv(GOOD).toString(), "--q", "0");
    }

    @Test
    void onePoint() throws IOException {
        assertRejected("needs at least 2 points, got 1", "--data", csv("a,b,c\n1,2,3\n").toString(), "--q", "1");
    }

    @Test
    void oneColumn() throws IOException {
        assertRejected("needs at least 2 columns", "--data", csv("a\n1\n2\n4\n").toString(), "--q", "1");
    }

    @Test
    void notANumber() throws IOException {
        assertRejected("line 3, column 2 is NaN", "--data", csv("a,b,c\n1,2,3\n2,NaN,0\n0,5,1\n").toString(), "--q", "1");
    }

    @Test
    void text() throws IOException {
        assertRejected("'x' is not a number", "--data", csv("a,b,c\n1,2,3\n2,x,0\n0,5,1\n").toString(), "--q", "1");
    }

    @Test
    void constantData() throws IOException {
        assertRejected("every coordinate is constant", "--data", csv("a,b,c\n1,2,3\n1,2,3\n1,2,3\n").toString(),
                "--q", "1");
    }

    @Test
    void rankAtMostQ() throws IOException {
        assertRejected("rank <= q = 1", "--data", csv("a,b,c\n0,0,0\n1,2,3\n2,4,6\n").toString(), "--q", "1");
    }

    @Test
    void missingFile() throws IOException {
        assertRejected("no such file", "--data", tmp.resolve("absent.csv").toString(), "--q", "1");
    }

    @Test
    void truncatedIdx() throws IOException {
        Path f = tmp.resolve("images-idx3-ubyte");
        Files.write(f, new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3});
        assertRejected("images-idx3-ubyte", "--data", f.toString(), "--q", "1");
    }

    @Test
    void unknownMethod() throws IOException {
        assertRejected("unknown method 'svd'", "--data", csv(GOOD).toString(), "--q", "1", "--method", "svd");
    }

    @Test
    void unknownDenominator() throws IOException {
        assertRejected("--denominator: unknown value 'n+1'", "--data", csv(GOOD).toString(), "--q", "1",
                "--denominator", "n+1");
    }

    @Test
    void unbiasedWithEm() throws IOException {
        assertRejected("applies to --method closed only", "--data", csv(GOOD).toString(), "--q", "1",
                "--method", "em", "--denominator", "n-1");
    }

    @Test
    void maxIterZero() throws IOException {
        assertRejected("--max-iter must be >= 1", "--data", csv(GOOD).toString(), "--q", "1", "--method", "em",
                "--max-iter", "0");
    }

    @Test
    void negativeTolerance() throws IOException {
        assertRejected("--tol must be finite and >= 0", "--data", csv(GOOD).toString(), "--q", "1", "--tol", "-1");
    }

    @Test
    void outIsAFile() throws IOException {
        Path file = tmp.resolve("file.txt");
        Files.writeString(file, "x");
        CliRun run = CliRun.of(new PpcaCommand(), "--data", csv(GOOD).toString(), "--q", "1", "--out", file.toString());
        assertTrue(run.oneErrorLineContaining("exists and is not a directory"), run.err());
        assertEquals("x", Files.readString(file));
    }
}
