package org.elbo4j.dist;

import java.util.Arrays;
import java.util.function.Supplier;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Validation and broadcasting of distribution parameters, with the error messages the factories
 * promise: {@code Normal: scale must be finite and > 0, got -1.0} and
 * {@code Normal: loc shape [3] and scale shape [2] do not broadcast}. Every element is checked,
 * with NaN-safe comparisons. The value checks ({@link #finite}, {@link #positive},
 * {@link #openUnitInterval}) do nothing while {@link Validation} is off on this thread; the
 * shape checks always run.
 */
final class ParamCheck {

    private ParamCheck() {
    }

    /** Every element finite. */
    static void finite(String family, String name, Tensor t) {
        if (!Validation.isEnabled()) {
            return;
        }
        for (float v : t.data()) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(family + ": " + name + " must be finite, got " + v);
            }
        }
    }

    /** Every element finite and > 0. */
    static void positive(String family, String name, Tensor t) {
        if (!Validation.isEnabled()) {
            return;
        }
        for (float v : t.data()) {
            if (!(v > 0) || !Float.isFinite(v)) {
                throw new IllegalArgumentException(family + ": " + name + " must be finite and > 0, got " + v);
            }
        }
    }

    /** Every element in the open interval (0, 1). */
    static void openUnitInterval(String family, String name, Tensor t) {
        if (!Validation.isEnabled()) {
            return;
        }
        for (float v : t.data()) {
            if (!(v > 0 && v < 1)) {
                throw new IllegalArgumentException(family + ": " + name + " must be in (0, 1), got " + v);
            }
        }
    }

    /** A tensor of rank at least {@code rank}. */
    static void rankAtLeast(String family, String name, Tensor t, int rank, String what) {
        if (t.rank() < rank) {
            throw new IllegalArgumentException(family + ": " + name + " must be " + what + ", got shape "
                    + Shape.str(t.shape()));
        }
    }

    /**
     * The common broadcast shape of the given shapes, or an error naming the first pair that does not
     * broadcast.
     */
    static int[] broadcastShape(String family, String[] names, int[]... shapes) {
        int[] out = shapes[0];
        for (int i = 1; i < shapes.length; i++) {
            try {
                out = Shape.broadcast(family, out, shapes[i]);
            } catch (IllegalArgumentException e) {
                int first = 0;
                for (int j = 0; j < i; j++) {
                    try {
                        Shape.broadcast(family, shapes[j], shapes[i]);
                    } catch (IllegalArgumentException inner) {
                        first = j;
                        break;
                    }
                }
                throw new IllegalArgumentException(family + ": " + names[first] + " shape " + Shape.str(shapes[first])
                        + " and " + names[i] + " shape " + Shape.str(shapes[i]) + " do not broadcast");
            }
        }
        return out.clone();
    }

    /** {@code t} expanded to {@code shape} (the same tensor when it already has that shape). */
    static Tensor expandTo(Tensor t, int[] shape) {
        return Arrays.equals(t.shape(), shape) ? t : t.expand(shape);
    }

    /** {@code a ++ b}. */
    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A sample shape with every dimension >= 0 (a copy). */
    static int[] sampleShape(String family, int[] sampleShape) {
        for (int d : sampleShape) {
            if (d < 0) {
                throw new IllegalArgumentException(family + ": sample shape dimensions must be >= 0, got "
                        + Arrays.toString(sampleShape));
            }
        }
        return sampleShape.clone();
    }

    /** {@code draw} evaluated without recording a graph: {@code sample} from {@code rsample}. */
    static Tensor withoutGrad(Supplier<Tensor> draw) {
        try (GradMode ignored = GradMode.noGrad()) {
            return draw.get().detach();
        }
    }
}
