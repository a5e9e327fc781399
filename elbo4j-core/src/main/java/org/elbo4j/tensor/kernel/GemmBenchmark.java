package org.elbo4j.tensor.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Throughput of {@link Gemm#gemm} on fixed shapes, in GFLOP/s ({@code 2*m*n*k} flops per product).
 *
 * <p>The policy matches {@code bench/numpy_gemm.py} line for line, so the two can be compared:
 * operands of standard normals, C preallocated and overwritten (no accumulate); {@value #WARMUP_SECONDS}
 * s of warm-up; then the repetition count that lasts about {@value #ROUND_SECONDS} s; then
 * {@value #ROUNDS} rounds of that many products, and the median round's rate is reported. The
 * warm-up was 0.3 s until measured (AMD EPYC Zen 5, 2 threads, 1024^3) to end while HotSpot was still
 * compiling the loops around the kernels: runs came out at 190 or 255 GFLOP/s depending on when C2 finished.
 *
 * <p>The shape lists are the VAE 784-400-20 network at batch {@value #BATCH} (for each layer
 * in -&gt; out, with W stored [in x out]: forward {@code X W}, input gradient {@code dY W^T} and
 * weight gradient {@code X^T dY}; the 400-20 heads also fused as 400-40) and a 1024^3 square.
 */
public final class GemmBenchmark {

    static final double WARMUP_SECONDS = 1.0;
    static final double ROUND_SECONDS = 0.1;
    static final int ROUNDS = 5;
    static final int BATCH = 128;
    private static final int[][] LAYERS = {{784, 400}, {400, 20}, {400, 40}, {20, 400}, {400, 784}};

    private GemmBenchmark() {
    }

    /** One product shape: op(A) is m x k, op(B) is k x n. */
    public record Shape(int m, int k, int n, boolean transA, boolean transB) {

        /** Floating-point operations of one product, {@code 2*m*n*k}. */
        public double flops() {
            return 2.0 * m * n * k;
        }
    }

    /** A measured shape, with the kernel that ran it ({@link Gemm#kernel()}: vector bits and tile, or scalar). */
    public record Result(Shape shape, double gflops, String kernel) {

        /**
         * {@code {"m":..,"k":..,"n":..,"transA":..,"transB":..,"gflops":..,"vector_bits":512,"tile":"12x32"}}
         * on one line ({@code "vector_bits":0,"tile":"scalar"} on the scalar path).
         */
        public String toJson() {
            int space = kernel.indexOf("-bit ");
            String bits = space < 0 ? "0" : kernel.substring(0, space);
            String tile = space < 0 ? kernel : kernel.substring(space + 5);
            return String.format(Locale.ROOT,
                    "{\"m\":%d,\"k\":%d,\"n\":%d,\"transA\":%b,\"transB\":%b,\"gflops\":%.1f,\"vector_bits\":%s,\"tile\":\"%s\"}",
                    shape.m(), shape.k(), shape.n(), shape.transA(), shape.transB(), gflops, bits, tile);
        }
    }

    /** The forward, input-gradient and weight-gradient products of every VAE layer. */
    public static List<Shape> vaeShapes() {
        List<Shape> shapes = new ArrayList<>();
        for (int[] layer : LAYERS) {
            int in = layer[0];
            int out = layer[1];
            shapes.add(new Shape(BATCH, in, out, false, false));
            shapes.add(new Shape(BATCH, out, in, false, true));
            shapes.add(new Shape(in, BATCH, out, true, false));
        }
        return shapes;
    }

    /** 1024 x 1024 x 1024 without transposes. */
    public static List<Shape> squareShapes() {
        return List.of(new Shape(1024, 1024, 1024, false, false));
    }

    /**
     * Shapes by name.
     *
     * @throws IllegalArgumentException unless {@code name} is vae, square or all
     */
    public static List<Shape> shapes(String name) {
        switch (name) {
            case "vae":
                return vaeShapes();
            case "square":
                return squareShapes();
            case "all":
                List<Shape> all = new ArrayList<>(vaeShapes());
                all.addAll(squareShapes());
                return all;
            default:
                throw new IllegalArgumentException("GemmBenchmark: shapes must be vae, square or all, got " + name);
        }
    }

    /** Measures every shape in order with operands drawn from {@code rng}. */
    public static List<Result> run(List<Shape> shapes, RandomGenerator rng) {
        List<Result> results = new ArrayList<>();
        for (Shape s : shapes) {
            results.add(measure(s, rng));
        }
        return results;
    }

    /** Measures one shape (takes about {@code WARMUP_SECONDS + (ROUNDS + 1) * ROUND_SECONDS}). */
    public static Result measure(Shape s, RandomGenerator rng) {
        float[] a = normals(rng, (long) s.m() * s.k());
        float[] b = normals(rng, (long) s.k() * s.n());
        float[] c = new float[Math.toIntExact((long) s.m() * s.n())];
        int lda = s.transA() ? s.m() : s.k();
        int ldb = s.transB() ? s.k() : s.n();
        Runnable product = () -> Gemm.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(),
                a, 0, lda, b, 0, ldb, c, 0, s.n(), false);
        long start = System.nanoTime();
        while (System.nanoTime() - start < WARMUP_SECONDS * 1e9) {
            product.run();
        }
        long reps = 1;
        while (true) {
            double dt = time(product, reps);
            if (dt >= ROUND_SECONDS / 4) {
                reps = Math.max(1, (long) (reps * ROUND_SECONDS / dt));
                break;
            }
            reps *= 2;
        }
        double[] rates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            rates[r] = s.flops() * reps / time(product, reps) / 1e9;
        }
        Arrays.sort(rates);
        return new Result(s, rates[ROUNDS / 2], Gemm.kernel());
    }

    private static double time(Runnable product, long reps) {
        long t0 = System.nanoTime();
        for (long i = 0; i < reps; i++) {
            product.run();
        }
        return (System.nanoTime() - t0) * 1e-9;
    }

    private static float[] normals(RandomGenerator rng, long size) {
        float[] x = new float[Math.toIntExact(size)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}
