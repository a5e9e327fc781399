package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.elbo4j.io.Json;
import org.elbo4j.tensor.kernel.KernelReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j info}: the JDK, the CPU, the vector width and the kernels in use, so that a user can
 * tell at once why a run is slow (a JDK without the Vector API, a forced narrow width, no FMA).
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show the JDK, the CPU, the vector width and the numeric kernels in use.",
                "The vector width is the hardware's unless narrowed with -Delbo4j.vector.bits=128|256|512"
                + " in ELBO4J_JAVA_OPTS; -XX:UseAVX=2 there makes an AVX-512 machine run as an AVX2 one."},
        footer = {"  elbo4j info", "  ELBO4J_JAVA_OPTS=\"-XX:UseAVX=2\" elbo4j info --json"})
public final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of aligned lines.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("elbo4j", Main.Version.number());
        f.put("java", Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")");
        f.put("java_home", System.getProperty("java.home", "?"));
        f.put("os", System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", "?"));
        f.put("cpu", cpuModel());
        f.put("cores", Runtime.getRuntime().availableProcessors());
        f.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        f.putAll(KernelReport.fields());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(f));
        } else {
            int width = f.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, Object> e : f.entrySet()) {
                out.println(String.format(Locale.ROOT, "%-" + width + "s  %s", e.getKey(), e.getValue()));
            }
        }
        out.flush();
        return 0;
    }

    /** The CPU model from /proc/cpuinfo (Linux), or "unknown". */
    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        try {
            for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("model name") || lower.startsWith("cpu model")) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? "unknown" : line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
