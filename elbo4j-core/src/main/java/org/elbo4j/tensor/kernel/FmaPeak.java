package org.elbo4j.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The measured peak of one core: fused multiply-adds on registers only (no loads or stores), at the
 * active vector width, with enough independent chains to cover any CPU's FMA latency x
 * throughput: 24 where there are 32 vector registers (AVX-512, ARM), 12 where there are 16 (AVX2),
 * as more would spill. Its rate, {@code 2 x lanes x FMAs per second}, is the ceiling a GEMM micro-kernel
 * can approach on this core: cores x FMA pipes x lanes x 2 x clock, measured rather than computed
 * from a clock a virtual machine may not report. Only loaded when {@link Simd#enabled()}.
 */
public final class FmaPeak {

    private static final VectorSpecies<Float> S = Species.FLOAT;
    /** 32 vector registers: AVX-512 (which also widens xmm/ymm to 32) and every ARMv8 core. */
    private static final boolean MANY_REGISTERS = VectorWidth.hardwareBits() >= 512
            || System.getProperty("os.arch", "").equals("aarch64");

    private FmaPeak() {
    }

    /**
     * GFLOP/s of one thread running FMAs for about {@code seconds} (after a warm-up of the same
     * length), the best of 5 rounds.
     */
    public static double gflopsPerCore(double seconds) {
        long steps = 1 << 16;
        int chains = MANY_REGISTERS ? 24 : 12;
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < seconds * 1e9) {
            run(steps, chains);
        }
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long reps = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9 / 5);
            long now;
            float sink = 0;
            do {
                sink += run(steps, chains);
                reps++;
                now = System.nanoTime();
            } while (now < end);
            if (sink == 42.4242f) {
                System.out.print(""); // keeps the result alive
            }
            best = Math.max(best, chains * 2.0 * S.length() * steps * reps / ((now - start) * 1e-9) / 1e9);
        }
        return best;
    }

    private static float run(long steps, int chains) {
        return chains == 24 ? run24(steps) : run12(steps);
    }

    /** 12 independent FMA chains of {@code steps} links each; returns a lane of their sum. */
    private static float run12(long steps) {
        FloatVector a = FloatVector.broadcast(S, 0.999999f);
        FloatVector b = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(S, 0f);
        FloatVector c1 = FloatVector.broadcast(S, 1f);
        FloatVector c2 = FloatVector.broadcast(S, 2f);
        FloatVector c3 = FloatVector.broadcast(S, 3f);
        FloatVector c4 = FloatVector.broadcast(S, 4f);
        FloatVector c5 = FloatVector.broadcast(S, 5f);
        FloatVector c6 = FloatVector.broadcast(S, 6f);
        FloatVector c7 = FloatVector.broadcast(S, 7f);
        FloatVector c8 = FloatVector.broadcast(S, 8f);
        FloatVector c9 = FloatVector.broadcast(S, 9f);
        FloatVector c10 = FloatVector.broadcast(S, 10f);
        FloatVector c11 = FloatVector.broadcast(S, 11f);
        for (long i = 0; i < steps; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        FloatVector s = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11);
        return s.lane(0);
    }

    /** 24 independent FMA chains of {@code steps} links each; returns a lane of their sum. */
    private static float run24(long steps) {
        FloatVector a = FloatVector.broadcast(S, 0.999999f);
        FloatVector b = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(S, 0f);
        FloatVector c1 = FloatVector.broadcast(S, 1f);
        FloatVector c2 = FloatVector.broadcast(S, 2f);
        FloatVector c3 = FloatVector.broadcast(S, 3f);
        FloatVector c4 = FloatVector.broadcast(S, 4f);
        FloatVector c5 = FloatVector.broadcast(S, 5f);
        FloatVector c6 = FloatVector.broadcast(S, 6f);
        FloatVector c7 = FloatVector.broadcast(S, 7f);
        FloatVector c8 = FloatVector.broadcast(S, 8f);
        FloatVector c9 = FloatVector.broadcast(S, 9f);
        FloatVector c10 = FloatVector.broadcast(S, 10f);
        FloatVector c11 = FloatVector.broadcast(S, 11f);
        FloatVector d0 = FloatVector.broadcast(S, 12f);
        FloatVector d1 = FloatVector.broadcast(S, 13f);
        FloatVector d2 = FloatVector.broadcast(S, 14f);
        FloatVector d3 = FloatVector.broadcast(S, 15f);
        FloatVector d4 = FloatVector.broadcast(S, 16f);
        FloatVector d5 = FloatVector.broadcast(S, 17f);
        FloatVector d6 = FloatVector.broadcast(S, 18f);
        FloatVector d7 = FloatVector.broadcast(S, 19f);
        FloatVector d8 = FloatVector.broadcast(S, 20f);
        FloatVector d9 = FloatVector.broadcast(S, 21f);
        FloatVector d10 = FloatVector.broadcast(S, 22f);
        FloatVector d11 = FloatVector.broadcast(S, 23f);
        for (long i = 0; i < steps; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
            d0 = d0.fma(a, b);
            d1 = d1.fma(a, b);
            d2 = d2.fma(a, b);
            d3 = d3.fma(a, b);
            d4 = d4.fma(a, b);
            d5 = d5.fma(a, b);
            d6 = d6.fma(a, b);
            d7 = d7.fma(a, b);
            d8 = d8.fma(a, b);
            d9 = d9.fma(a, b);
            d10 = d10.fma(a, b);
            d11 = d11.fma(a, b);
        }
        FloatVector s = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .add(d0).add(d1).add(d2).add(d3).add(d4).add(d5).add(d6).add(d7).add(d8).add(d9).add(d10).add(d11);
        return s.lane(0);
    }
}
