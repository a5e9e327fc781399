package org.elbo4j.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Package dependencies of the library point one way: no cycle among the {@code org.elbo4j}
 * packages of {@code elbo4j-core}'s main sources (the command line is a separate module that
 * depends on this one, so a cycle through it cannot compile). The checker itself is tested on
 * small graphs and on synthetic source trees, so that it is known to find a cycle when there is one.
 */
class PackageCyclesTest {

    @Test
    void mainPackagesHaveNoCycle() {
        Path root = Paths.get("src", "main", "java");
        assertTrue(Files.isDirectory(root), "run from the elbo4j-core module directory: " + root.toAbsolutePath());
        PackageGraph graph = PackageGraph.scan(root);
        assertTrue(graph.packages().size() >= 10, "found only " + graph.packages());
        assertTrue(graph.dependencies("org.elbo4j.dist").contains("org.elbo4j.tensor"),
                "the scan sees the dependencies of dist: " + graph.dependencies("org.elbo4j.dist"));
        String cycles = graph.cycles().stream().map(graph::describe).collect(Collectors.joining("\n"));
        assertEquals("", cycles, "package cycles in the main sources");
    }

    @Test
    void distTransformBuildsOnDistAndNotTheReverse() {
        PackageGraph graph = PackageGraph.scan(Paths.get("src", "main", "java"));
        assertTrue(graph.dependencies("org.elbo4j.dist.transform").contains("org.elbo4j.dist"));
        assertTrue(!graph.dependencies("org.elbo4j.dist").contains("org.elbo4j.dist.transform"),
                "dist must not depend on dist.transform (" + graph.evidence("org.elbo4j.dist", "org.elbo4j.dist.transform")
                        + ")");
        assertTrue(!graph.dependencies("org.elbo4j.tensor").contains("org.elbo4j.bayes"));
    }

    @Test
    void checkerFindsACycleInASmallGraph() {
        PackageGraph g = PackageGraph.of(Map.of(
                "a", Set.of("b"),
                "b", Set.of("c"),
                "c", Set.of("a", "d"),
                "d", Set.of(),
                "e", Set.of("a")));
        List<List<String>> cycles = g.cycles();
        assertEquals(1, cycles.size(), cycles.toString());
        assertEquals(List.of("a", "b", "c"), cycles.get(0));
    }

    @Test
    void checkerFindsTwoSeparateCyclesAndNoneInADag() {
        PackageGraph two = PackageGraph.of(Map.of(
                "a", Set.of("b"), "b", Set.of("a"),
                "x", Set.of("y"), "y", Set.of("z"), "z", Set.of("x", "a")));
        assertEquals(2, two.cycles().size(), two.cycles().toString());
        PackageGraph dag = PackageGraph.of(Map.of(
                "a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of(), "d", Set.of("a", "c")));
        assertEquals(List.of(), dag.cycles());
    }

    @Test
    void scannerSeesImportsStaticImportsWildcardsAndQualifiedNames(@TempDir Path dir) throws IOException {
        write(dir, "org/elbo4j/a/A.java", "package org.elbo4j.a;\nimport org.elbo4j.b.B;\nclass A {}\n");
        write(dir, "org/elbo4j/b/B.java", "package org.elbo4j.b;\n"
                + "public class B { Object c = new org.elbo4j.c.C(); }\n");
        write(dir, "org/elbo4j/c/C.java", "package org.elbo4j.c;\nimport static org.elbo4j.d.D.f;\npublic class C {}\n");
        write(dir, "org/elbo4j/d/D.java", "package org.elbo4j.d;\nimport org.elbo4j.a.*;\n"
                + "public class D { public static void f() {} }\n");
        PackageGraph g = PackageGraph.scan(dir);
        assertEquals(Set.of("org.elbo4j.b"), g.dependencies("org.elbo4j.a"));
        assertEquals(Set.of("org.elbo4j.c"), g.dependencies("org.elbo4j.b"));
        assertEquals(Set.of("org.elbo4j.d"), g.dependencies("org.elbo4j.c"));
        assertEquals(Set.of("org.elbo4j.a"), g.dependencies("org.elbo4j.d"));
        assertEquals(1, g.cycles().size());
        assertEquals(4, g.cycles().get(0).size());
        assertTrue(g.describe(g.cycles().get(0)).contains("org" + java.io.File.separator + "elbo4j"),
                g.describe(g.cycles().get(0)));
    }

    @Test
    void commentsAndStringsAreNotDependencies(@TempDir Path dir) throws IOException {
        write(dir, "org/elbo4j/a/A.java", "package org.elbo4j.a;\nimport org.elbo4j.b.B;\nclass A {}\n");
        write(dir, "org/elbo4j/b/B.java", "package org.elbo4j.b;\n"
                + "/** See {@link org.elbo4j.a.A}. */\n"
                + "public class B {\n"
                + "    // org.elbo4j.a.A would close a loop\n"
                + "    String s = \"org.elbo4j.a.A\";\n"
                + "    char q = '\"';\n"
                + "    String t = \"\"\"\n        org.elbo4j.a.A\n        \"\"\";\n"
                + "}\n");
        PackageGraph g = PackageGraph.scan(dir);
        assertEquals(Set.of(), g.dependencies("org.elbo4j.b"));
        assertEquals(List.of(), g.cycles());
    }

    private static void write(Path dir, String file, String text) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
