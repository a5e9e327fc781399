package org.elbo4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elbo4j.tensor.kernel.FmaPeak;
import org.elbo4j.tensor.kernel.Gemm;
import org.elbo4j.tensor.kernel.Simd;
import org.elbo4j.tensor.kernel.VectorWidth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j bench peak}: the measured FMA peak of one core at the vector width in use, the
 * ceiling for {@code bench gemm} (multiply by the cores used).
 */
@Command(name = "peak", mixinStandardHelpOptions = true,
        description = {"Measure the fused multiply-add peak of one core at the vector width in use.",
                "Prints one JSON object: GFLOP/s per core, the width and the GEMM kernel; the ceiling of"
                + " bench gemm is this times the threads it uses."},
        footer = {"  elbo4j bench peak", "  ELBO4J_JAVA_OPTS=\"-Delbo4j.vector.bits=256\" elbo4j bench peak"})
public final class BenchPeakCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Simd.enabled()) {
            throw new UserError("bench peak needs the vector kernels, and they are off here: " + VectorWidth.describe());
        }
        double gflops = FmaPeak.gflopsPerCore(1.0);
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "{\"gflops_per_core\":%.1f,\"vector_bits\":%d,\"gemm_kernel\":\"%s\"}",
                gflops, VectorWidth.bits(), Gemm.kernel()));
        out.flush();
        return 0;
    }
}
