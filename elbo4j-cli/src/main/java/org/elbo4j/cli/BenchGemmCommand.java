package org.elbo4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.elbo4j.tensor.kernel.GemmBenchmark;
import org.elbo4j.tensor.kernel.Parallel;
import org.elbo4j.tensor.kernel.Simd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j bench gemm}: matrix-multiply throughput on the VAE shapes and a 1024^3 square,
 * one JSON object per line on stdout, {@code {"m":128,"k":784,"n":400,"transA":false,"transB":false,"gflops":123.4}};
 * whether SIMD is on, the thread count and the Java version go to stderr. The measuring policy is
 * {@link GemmBenchmark}'s, the same as {@code bench/numpy_gemm.py}'s.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = {"Measure matrix-multiply GFLOP/s on the VAE layer shapes and on 1024^3.",
            "The VAE shapes are those of the forward pass, the input gradient and the weight gradient at batch 128."
                + " Prints one JSON object per shape on stdout, and whether SIMD is on, the threads and the Java"
                + " version on stderr; compare with bench/numpy_gemm.py."})
public final class BenchGemmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads for the kernel (default: all available cores).")
    Integer threads;

    @Option(names = "--shapes", paramLabel = "SET", defaultValue = "all",
            description = "Which shapes: vae, square or all (default: ${DEFAULT-VALUE}).")
    String shapes;

    @Override
    public Integer call() {
        List<GemmBenchmark.Shape> list = GemmBenchmark.shapes(shapes);
        int count = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int before = Parallel.threads();
        Parallel.setThreads(count);
        try {
            err.println("elbo4j bench gemm: SIMD " + (Simd.enabled() ? "on" : "off (scalar path)")
                    + ", " + count + " thread" + (count == 1 ? "" : "s") + ", Java " + Runtime.version());
            err.flush();
            SplittableRandom rng = new SplittableRandom(42);
            for (GemmBenchmark.Shape s : list) {
                out.println(GemmBenchmark.measure(s, rng).toJson());
                out.flush();
            }
        } finally {
            Parallel.setThreads(before);
        }
        return 0;
    }
}
