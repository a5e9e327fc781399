package org.elbo4j.cli;

import java.util.function.Supplier;
import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * Turns option values into library objects, naming the option in every error:
 * {@code --p: Normal: scale must be finite and > 0, got -1.0}.
 */
final class CliArguments {

    private CliArguments() {
    }

    /** The distribution of a spec given to {@code option}. */
    static Distribution distribution(String option, String spec) {
        return checked(option, () -> SpecParser.parse(spec));
    }

    /** A number or bracketed array given to {@code option}. */
    static Tensor value(String option, String text) {
        return checked(option, () -> SpecParser.parseValue(text));
    }

    /** Runs {@code work}, prefixing the message of a user error or rejected argument with the option. */
    static <T> T checked(String option, Supplier<T> work) {
        try {
            return work.get();
        } catch (UserError | IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    /** The rows of a tensor of rank ≥ 2, flattened to a matrix over its last axis. */
    static double[][] rows(Tensor t) {
        int cols = t.dim(-1);
        double[] flat = t.toDoubleArray();
        double[][] out = new double[flat.length / cols][cols];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }
}
