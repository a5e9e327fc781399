package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * The GEMM paths a test can run on this machine: 0 for the scalar path, and 128, 256, 512 for each
 * vector kernel family no wider than the hardware's vectors ({@link VectorWidth#hardwareBits()}).
 */
final class GemmPaths {

    private GemmPaths() {
    }

    /** 0 (scalar), then every vector width this machine can run. */
    static List<Integer> widths() {
        List<Integer> list = new ArrayList<>();
        list.add(0);
        list.addAll(vectorWidths());
        return list;
    }

    /** Every vector width this machine can run (empty without the Vector API). */
    static List<Integer> vectorWidths() {
        List<Integer> list = new ArrayList<>();
        if (VectorWidth.bits() > 0) {
            for (int bits : new int[] {128, 256, 512}) {
                if (bits <= VectorWidth.hardwareBits()) {
                    list.add(bits);
                }
            }
        }
        return list;
    }

    /** Makes {@link Gemm} take the path of {@code width} (0 = scalar). */
    static void use(int width) {
        if (width == 0) {
            Simd.setEnabled(false);
            return;
        }
        assumeTrue(VectorWidth.bits() > 0 && width <= VectorWidth.hardwareBits(), "no " + width + "-bit vector kernels here");
        Simd.setEnabled(true);
        GemmMicroKernel.setActive(width);
    }

    /** Back to the JVM's own choice: {@code simd} as it was, the family of {@link VectorWidth#bits()}. */
    static void restore(boolean simd) {
        Simd.setEnabled(simd);
        if (VectorWidth.bits() > 0) {
            GemmMicroKernel.setActive(VectorWidth.bits());
        }
    }
}
