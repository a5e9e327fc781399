package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two paths of the elementwise kernels: the scalar one is the double definition rounded
 * once; the vector one agrees with it within the stated ulps, gives the same bits for a value
 * wherever it sits in an array of any length, and the same bits before and after JIT
 * compilation; the scalar fallback runs in a JVM without {@code jdk.incubator.vector}. Seeded
 * inputs: false-failure rate 0.
 */
class VectorMathPathsTest {

    /** An input of the VAE's size: a batch of 128 MNIST images of 784 pixels. */
    private static final int LARGE = 128 * 784;

    /** The scalar result is itself rounded, half an ulp from the exact value. */
    private static final double PATHS_MAX_ULP = VectorMath.FORWARD_MAX_ULP + 0.5;
    private static final double PATHS_BACKWARD_MAX_ULP = VectorMath.BACKWARD_MAX_ULP + 0.5;

    static Stream<UnaryFn> vectorized() {
        return Arrays.stream(UnaryFn.values()).filter(VectorMath::supports);
    }

    private static void assumeVectorModule() {
        assumeTrue(Simd.available(), "jdk.incubator.vector is not in the boot layer");
    }

    @ParameterizedTest
    @MethodSource("vectorized")
    void scalarPathIsTheDoubleDefinitionRoundedOnce(UnaryFn fn) {
        float[] x = VectorMathUlps.inputs(3L + fn.ordinal(), 2_000);
        float[] g = VectorMathUlps.gradients(5L + fn.ordinal(), x.length);
        float[] y = VectorMathUlps.forward(false, fn, x);
        float[] gx = VectorMathUlps.backward(false, fn, x, y, g);
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) fn.f(x[i]), y[i], fn + " forward at x = " + x[i]);
            assertEquals((float) (g[i] * fn.df(x[i], y[i])), gx[i], fn + " backward at x = " + x[i]);
        }
    }

    @ParameterizedTest
    @MethodSource("vectorized")
    void pathsAgreeOnAnArrayOfTheVaeSize(UnaryFn fn) {
        assumeVectorModule();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(41L + fn.ordinal());
        float[] x = new float[LARGE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rng.nextGaussian() * 4.0);
        }
        if (fn == UnaryFn.LOG || fn == UnaryFn.SQRT) {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.abs(x[i]);
            }
        }
        float[] g = VectorMathUlps.gradients(43L + fn.ordinal(), x.length);
        float[] scalar = VectorMathUlps.forward(false, fn, x);
        float[] vector = VectorMathUlps.forward(true, fn, x);
        float[] scalarGx = VectorMathUlps.backward(false, fn, x, scalar, g);
        float[] vectorGx = VectorMathUlps.backward(true, fn, x, vector, g);
        for (int i = 0; i < x.length; i++) {
            double u = VectorMathUlps.ulps(vector[i], scalar[i]);
            assertTrue(u <= PATHS_MAX_ULP, fn + " forward at x = " + x[i] + ": " + u + " ulp");
            double ub = VectorMathUlps.ulps(vectorGx[i], scalarGx[i]);
            assertTrue(ub <= PATHS_BACKWARD_MAX_ULP, fn + " backward at x = " + x[i] + ": " + ub + " ulp");
        }
    }

    @ParameterizedTest
    @MethodSource("vectorized")
    void vectorResultOfAValueDoesNotDependOnItsPositionOrTheArrayLength(UnaryFn fn) {
        assumeVectorModule();
        float[] values = VectorMathUlps.inputs(7L + fn.ordinal(), 40);
        float[] g = VectorMathUlps.gradients(9L + fn.ordinal(), values.length);
        float[] whole = VectorMathUlps.forward(true, fn, values);
        float[] wholeGx = VectorMathUlps.backward(true, fn, values, whole, g);
        for (int length = 0; length <= 40; length++) {
            for (int shift : new int[] {0, 1, 5, 23}) {
                float[] part = Arrays.copyOfRange(values, shift, shift + length);
                float[] y = VectorMathUlps.forward(true, fn, part);
                float[] gx = VectorMathUlps.backward(true, fn, part, y, Arrays.copyOfRange(g, shift, shift + length));
                assertArrayEquals(Arrays.copyOfRange(whole, shift, shift + length), y, fn + " length " + length);
                assertArrayEquals(Arrays.copyOfRange(wholeGx, shift, shift + length), gx, fn + " length " + length);
            }
        }
    }

    /**
     * The same bits on the first call (interpreted) and after the loop is compiled. This is what
     * {@code lanewise(EXP)} fails: its compiled SVML code rounds differently from its fallback.
     */
    @Test
    void vectorResultsDoNotChangeOnceTheLoopIsCompiled() {
        assumeVectorModule();
        float[] x = VectorMathUlps.inputs(13L, 1_000);
        float[] g = VectorMathUlps.gradients(17L, x.length);
        List<UnaryFn> fns = vectorized().toList();
        float[][] first = new float[fns.size()][];
        float[][] firstGx = new float[fns.size()][];
        for (int k = 0; k < fns.size(); k++) {
            first[k] = VectorMathUlps.forward(true, fns.get(k), x);
            firstGx[k] = VectorMathUlps.backward(true, fns.get(k), x, first[k], g);
        }
        for (int rep = 0; rep < 300; rep++) {
            for (int k = 0; k < fns.size(); k++) {
                float[] y = VectorMathUlps.forward(true, fns.get(k), x);
                float[] gx = VectorMathUlps.backward(true, fns.get(k), x, y, g);
                if (rep % 100 == 99) {
                    assertArrayEquals(first[k], y, fns.get(k) + " forward, call " + rep);
                    assertArrayEquals(firstGx[k], gx, fns.get(k) + " backward, call " + rep);
                }
            }
        }
    }

    @Test
    void scalarFallbackRunsInAJvmWithoutTheVectorModule() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WithoutVectorModule.class.getName()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        String expected = VectorMathUlps.withSimd(false, WithoutVectorModule::results);
        assertEquals("available=false enabled=false " + expected, out);
    }

    /** Runs in a child JVM started without {@code --add-modules jdk.incubator.vector}. */
    static final class WithoutVectorModule {

        public static void main(String[] args) {
            System.out.print("available=" + Simd.available() + " enabled=" + Simd.enabled() + " " + results());
        }

        static String results() {
            float[] x = {-100f, -3f, -0.5f, 0f, 0.25f, 2f, 40f, 100f, Float.NaN, 1e-40f, 7f, -7f, 3f, -2f, 9f, 0.1f, 5f};
            float[] g = new float[x.length];
            Arrays.fill(g, 0.75f);
            StringBuilder sb = new StringBuilder();
            for (UnaryFn fn : UnaryFn.values()) {
                if (VectorMath.supports(fn)) {
                    float[] y = new float[x.length];
                    float[] gx = new float[x.length];
                    fn.forward(x, y);
                    fn.backward(x, y, g, gx);
                    sb.append(fn).append(Arrays.toString(y)).append(Arrays.toString(gx));
                }
            }
            sb.append(" sum=").append(Reduce.sum(x, 1, 7)).append(" max=").append(Reduce.max(x, 0, 8));
            return sb.toString();
        }
    }
}
