package org.elbo4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code org.elbo4j.io} sits below everything else: it uses the JDK and at most {@code tensor}. */
class IoLayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/org/elbo4j/io");
    private static final Pattern REFERENCE = Pattern.compile("org\\.elbo4j\\.(\\w+)");

    @Test
    void ioReferencesNoOtherElbo4jPackageThanTensor() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), SOURCES.toAbsolutePath() + " (run from elbo4j-core)");
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.list(SOURCES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                Matcher m = REFERENCE.matcher(Files.readString(p));
                while (m.find()) {
                    if (!m.group(1).equals("io") && !m.group(1).equals("tensor")) {
                        found.add(p.getFileName() + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(files >= 7, "expected the io sources, found " + files + " files");
        assertEquals(List.of(), found);
    }
}
