package org.elbo4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.model.PoissonRegressionCase;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library examples of README.md, kept compiling and checked: the tensor example against a
 * hand-derived gradient, and the model example (the {@code java} block of README.md that uses
 * {@code FunctionModel}) extracted from the README, compiled with the system Java compiler and run
 * on simulated data.
 */
class ReadmeExampleTest {

    @Test
    void readmeExampleRunsAndItsGradientIsRight() {
        Rng rng = Rng.of(42);
        Tensor w = Tensor.randn(rng, 3, 2).requiresGrad(true);
        Tensor x = Tensor.randn(rng, 5, 3);
        Tensor loss = x.matmul(w).tanh().square().mean();
        loss.backward();
        assertNotNull(w.grad());
        assertArrayEquals(new int[] {3, 2}, w.grad().shape());

        // d/dw mean(tanh(xw)^2) = x^T [2 tanh(xw) (1 - tanh^2(xw))] / 10, in double
        double[] xv = x.toDoubleArray();
        double[] wv = w.toDoubleArray();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double g = 0;
                for (int r = 0; r < 5; r++) {
                    double a = 0;
                    for (int k = 0; k < 3; k++) {
                        a += xv[r * 3 + k] * wv[k * 2 + j];
                    }
                    double t = Math.tanh(a);
                    g += xv[r * 3 + i] * 2 * t * (1 - t * t) / 10.0;
                }
                assertEquals(g, w.grad().get(i, j), 1e-5);
            }
        }

        try (var scope = GradMode.noGrad()) {
            Tensor lse = x.matmul(w).logSumExp(1, false);
            assertArrayEquals(new int[] {5}, lse.shape());
            assertFalse(lse.requiresGrad());
        }
    }

    /**
     * The README's model example, verbatim, recovers the simulated slope (N = 2000 rows, 8 groups,
     * beta = 0.7 whose posterior sd is about 0.01: tolerance 0.05) with a usable verdict.
     */
    @Test
    void readmeModelExampleCompilesRunsAndRecoversTheSlope(@TempDir Path dir) throws Exception {
        String block = javaBlocks(readme()).stream().filter(b -> b.contains("FunctionModel.of")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no java block with FunctionModel.of"));
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String source = "package readme;\n" + imports
                + "public final class ModelExample {\n"
                + "    public static FitResult run(int G, int N, int[] group, Tensor x, Tensor y) {\n"
                + body + "        return fit;\n    }\n}\n";
        Path src = dir.resolve("readme/ModelExample.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK (javax.tools compiler)");
        StringWriter out = new StringWriter();
        boolean ok = javac.getTask(out, null, null, List.of("-d", dir.toString(), "-cp",
                System.getProperty("java.class.path"), "-proc:none", "--release", "17"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile()))
                .call();
        assertTrue(ok, "the README model example does not compile:\n" + out + "\n" + source);

        PoissonRegressionCase data = new PoissonRegressionCase(2000, 5);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeExampleTest.class.getClassLoader())) {
            Method run = loader.loadClass("readme.ModelExample").getMethod("run", int.class, int.class, int[].class,
                    Tensor.class, Tensor.class);
            FitResult fit = (FitResult) run.invoke(null, PoissonRegressionCase.G, data.n, data.group, data.x, data.y);
            assertTrue(fit.verdict().isUsable(), fit.reason());
            assertEquals(PoissonRegressionCase.BETA, fit.summary("beta").mean()[0], 0.05);
            assertEquals(PoissonRegressionCase.G, fit.summary("alpha").size());
        }
    }

    private static String readme() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "README.md not found above " + Path.of("").toAbsolutePath());
        return Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
    }

    /** The contents of the fenced {@code java} blocks of a Markdown text. */
    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (current == null && line.strip().equals("```java")) {
                current = new StringBuilder();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }
}
