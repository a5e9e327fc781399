package org.elbo4j.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dependency graph between the {@code org.elbo4j} packages of a source tree, read from the
 * sources: package P depends on package Q when a file of P names a type of Q by its qualified
 * name — in an {@code import} (single-type, static or on demand {@code Q.*}) or written out in
 * code. Comments, string and character literals are stripped first, so a {@code {@link}} in
 * Javadoc is not a dependency. Same-package references need no qualified name and add nothing.
 *
 * <p>{@link #cycles} lists the strongly connected components of more than one package (Tarjan's
 * algorithm), each as one cycle through them, so a test can fail with the packages and the files
 * that close the loop.
 */
final class PackageGraph {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A qualified org.elbo4j name: lower-case package segments, then a type (upper case) or '*'. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.elbo4j(?:\\.[a-z_][\\w]*)*)\\s*\\.\\s*(?:[A-Z]|\\*)");

    /** package → packages it depends on. */
    private final Map<String, Set<String>> edges = new TreeMap<>();
    /** "P -> Q" → the first file (relative path) that makes the edge. */
    private final Map<String, String> evidence = new HashMap<>();

    private PackageGraph() {
    }

    /** The graph of the given edges (for tests of the checker itself). */
    static PackageGraph of(Map<String, Set<String>> edges) {
        PackageGraph g = new PackageGraph();
        edges.forEach((p, qs) -> {
            g.edges.computeIfAbsent(p, k -> new TreeSet<>());
            for (String q : qs) {
                g.add(p, q, "(given)");
            }
        });
        return g;
    }

    /** The graph of every {@code .java} file under {@code root}. */
    static PackageGraph scan(Path root) {
        PackageGraph g = new PackageGraph();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            String code;
            try {
                code = stripCommentsAndLiterals(Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher pm = PACKAGE.matcher(code);
            if (!pm.find()) {
                continue;
            }
            String pkg = pm.group(1);
            g.edges.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher rm = REFERENCE.matcher(code);
            while (rm.find()) {
                if (rm.start() >= pm.start() && rm.end() <= pm.end()) {
                    continue;
                }
                g.add(pkg, rm.group(1), root.relativize(f).toString());
            }
        }
        g.edges.values().forEach(qs -> qs.retainAll(g.edges.keySet()));
        return g;
    }

    private void add(String from, String to, String file) {
        if (from.equals(to)) {
            return;
        }
        edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
        edges.computeIfAbsent(to, k -> new TreeSet<>());
        evidence.putIfAbsent(from + " -> " + to, file);
    }

    /** The packages found. */
    Set<String> packages() {
        return Collections.unmodifiableSet(edges.keySet());
    }

    /** The packages that {@code pkg} depends on. */
    Set<String> dependencies(String pkg) {
        return Collections.unmodifiableSet(edges.getOrDefault(pkg, new TreeSet<>()));
    }

    /** A file that makes the edge {@code from → to}. */
    String evidence(String from, String to) {
        return evidence.get(from + " -> " + to);
    }

    /**
     * One cycle per strongly connected component of two or more packages, as the list of its
     * packages in dependency order (the last depends on the first); empty when the graph is acyclic.
     */
    List<List<String>> cycles() {
        Tarjan t = new Tarjan();
        for (String p : edges.keySet()) {
            if (!t.index.containsKey(p)) {
                t.visit(p);
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (Set<String> component : t.components) {
            if (component.size() > 1) {
                out.add(cycleWithin(component));
            }
        }
        return out;
    }

    /** A closed walk through the component from its first package (breadth-first back to it). */
    private List<String> cycleWithin(Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        String last = null;
        while (!queue.isEmpty() && last == null) {
            String p = queue.poll();
            for (String q : edges.get(p)) {
                if (!component.contains(q)) {
                    continue;
                }
                if (q.equals(start)) {
                    last = p;
                    break;
                }
                if (!parent.containsKey(q)) {
                    parent.put(q, p);
                    queue.add(q);
                }
            }
        }
        List<String> path = new ArrayList<>();
        for (String p = last; p != null && !p.equals(start); p = parent.get(p)) {
            path.add(p);
        }
        path.add(start);
        Collections.reverse(path);
        return path;
    }

    /** The cycle as "a -> b (file) -> a (file)". */
    String describe(List<String> cycle) {
        StringBuilder sb = new StringBuilder(cycle.get(0));
        for (int i = 0; i < cycle.size(); i++) {
            String from = cycle.get(i);
            String to = cycle.get((i + 1) % cycle.size());
            sb.append(" -> ").append(to).append(" (").append(evidence(from, to)).append(')');
        }
        return sb.toString();
    }

    private final class Tarjan {
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final Set<String> onStack = new TreeSet<>();
        final List<Set<String>> components = new ArrayList<>();

        void visit(String p) {
            index.put(p, index.size());
            low.put(p, index.get(p));
            stack.push(p);
            onStack.add(p);
            for (String q : edges.get(p)) {
                if (!index.containsKey(q)) {
                    visit(q);
                    low.put(p, Math.min(low.get(p), low.get(q)));
                } else if (onStack.contains(q)) {
                    low.put(p, Math.min(low.get(p), index.get(q)));
                }
            }
            if (low.get(p).equals(index.get(p))) {
                Set<String> component = new TreeSet<>();
                String q;
                do {
                    q = stack.pop();
                    onStack.remove(q);
                    component.add(q);
                } while (!q.equals(p));
                components.add(component);
            }
        }
    }

    /**
     * The source with comments, string literals (text blocks included) and character literals
     * replaced by spaces, line breaks kept.
     */
    static String stripCommentsAndLiterals(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(out, src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                blank(out, src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 1);
                blank(out, src, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, String src, int from, int to) {
        for (int k = from; k < to; k++) {
            out.append(src.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
