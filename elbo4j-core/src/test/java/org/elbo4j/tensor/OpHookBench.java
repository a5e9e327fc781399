package org.elbo4j.tensor;

/**
 * The cost of {@link OpHook}'s reporting when nobody listens: the best of 9 rounds of 20000 calls of
 * one operation ({@code add}, {@code exp}, {@code sum}) on a [4096] tensor, in microseconds per call.
 * Not a test: run it on two builds to compare, for example
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:<deps>
 * org.elbo4j.tensor.OpHookBench add}.
 */
public final class OpHookBench {

    private OpHookBench() {
    }

    public static void main(String[] args) {
        int size = 4096;
        int reps = 20000;
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (i % 7) * 0.1f + 0.5f;
        }
        Tensor x = Tensor.of(v, size);
        Tensor y = Tensor.of(v, size);
        for (String op : args.length == 0 ? new String[] {"add", "exp", "sum"} : args) {
            double best = Double.MAX_VALUE;
            double sink = 0;
            for (int round = 0; round < 9; round++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    Tensor z = switch (op) {
                        case "add" -> x.add(y);
                        case "exp" -> x.exp();
                        default -> x.sum();
                    };
                    sink += z.data()[0];
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
            System.out.printf("%s %.2f us/op (checksum %.1f)%n", op, best * 1000 / reps, sink);
        }
    }
}
