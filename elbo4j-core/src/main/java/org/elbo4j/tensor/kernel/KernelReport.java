package org.elbo4j.tensor.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the numeric kernels of this JVM run on, for {@code elbo4j info} and bug reports: the vector
 * width in use and why ({@link VectorWidth}), the GEMM micro-kernel family and its register tile,
 * the lanes of the elementwise and reduction kernels, and the thread count of {@link Parallel}.
 */
public final class KernelReport {

    private KernelReport() {
    }

    /** Ordered name → value pairs, each value a short string or number. */
    public static Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("vector_api", Simd.available() ? "jdk.incubator.vector loaded" : "absent (scalar kernels)");
        f.put("hardware_vector_bits", VectorWidth.hardwareBits());
        f.put("hardware_fma", VectorWidth.fastFma());
        f.put("forced_vector_bits", VectorWidth.forcedBits() == 0 ? "no (" + VectorWidth.PROPERTY + " not set)"
                : String.valueOf(VectorWidth.forcedBits()));
        f.put("vector_bits", Simd.enabled() ? VectorWidth.bits() : 0);
        f.put("vector_width", Simd.enabled() || VectorWidth.bits() == 0 ? VectorWidth.describe()
                : "scalar (switched off with -Delbo4j.simd=false)");
        f.put("gemm_kernel", Gemm.kernel());
        f.put("elementwise_lanes", Simd.enabled() ? VectorWidth.floatLanes() : 1);
        f.put("threads", Parallel.threads());
        return f;
    }
}
