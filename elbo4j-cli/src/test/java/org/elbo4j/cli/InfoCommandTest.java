package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.elbo4j.io.Json;
import org.elbo4j.tensor.kernel.Gemm;
import org.elbo4j.tensor.kernel.Simd;
import org.elbo4j.tensor.kernel.VectorWidth;
import org.junit.jupiter.api.Test;

/** {@code elbo4j info}: the fields name the kernels this JVM really uses. */
class InfoCommandTest {

    @Test
    void jsonNamesTheWidthAndTheGemmKernelInUse() {
        CliRun run = CliRun.of(new InfoCommand(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) Json.parse(run.out().trim());
        assertEquals(Runtime.version().toString(), ((String) f.get("java")).split(" ")[0]);
        assertEquals(Gemm.kernel(), f.get("gemm_kernel"));
        assertEquals(Simd.enabled() ? VectorWidth.bits() : 0, ((Number) f.get("vector_bits")).intValue());
        assertEquals(VectorWidth.hardwareBits(), ((Number) f.get("hardware_vector_bits")).intValue());
        if (Simd.enabled()) {
            assertTrue(Gemm.kernel().startsWith(VectorWidth.bits() + "-bit "), Gemm.kernel());
            assertEquals(VectorWidth.floatLanes(), ((Number) f.get("elementwise_lanes")).intValue());
        }
    }

    @Test
    void textOutputHasOneAlignedLinePerField() {
        CliRun run = CliRun.of(new InfoCommand());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\\R");
        assertTrue(lines.length >= 10, run.out());
        int valueColumn = lines[0].indexOf("  ") + 2;
        while (lines[0].charAt(valueColumn) == ' ') {
            valueColumn++;
        }
        for (String line : lines) {
            assertTrue(line.charAt(valueColumn - 1) == ' ' && line.charAt(valueColumn) != ' ', "aligned: " + line);
        }
        assertTrue(run.out().contains("gemm_kernel"), run.out());
    }
}
