package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The VAE's layering: its fused operations live in {@code vae} (the tensor core holds no model's
 * loss), and {@code vae} and {@code infer} do not reach up into {@code bayes} (the Pareto k̂ they
 * share lives in {@code infer}).
 */
class VaeLayeringTest {

    private static final Pattern REFERENCE = Pattern.compile("org\\.elbo4j\\.(\\w+)");

    /** "file: reference" for every org.elbo4j.P reference with P in {@code forbidden} in the package's sources. */
    private static List<String> references(String pkg, Set<String> forbidden) throws IOException {
        Path dir = Path.of("src/main/java/org/elbo4j", pkg);
        assertTrue(Files.isDirectory(dir), dir.toAbsolutePath() + " (run from elbo4j-core)");
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(p);
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    if (forbidden.contains(m.group(1))) {
                        found.add(p.getFileName() + ": " + m.group());
                    }
                }
                if (pkg.equals("tensor") && text.contains("Vae")) {
                    found.add(p.getFileName() + ": mentions Vae");
                }
            }
        }
        return found;
    }

    @Test
    void vaeAndInferDoNotDependOnBayes() throws IOException {
        assertEquals(List.of(), references("vae", Set.of("bayes", "cli")));
        assertEquals(List.of(), references("infer", Set.of("bayes", "vae", "cli")));
    }

    @Test
    void theTensorCoreHoldsNoVaeCode() throws IOException {
        assertEquals(List.of(), references("tensor", Set.of("vae", "bayes", "infer", "cli")));
        assertTrue(Files.exists(Path.of("src/main/java/org/elbo4j/vae/EncoderOps.java")));
        assertTrue(Files.notExists(Path.of("src/main/java/org/elbo4j/tensor/VaeOps.java")));
    }
}
