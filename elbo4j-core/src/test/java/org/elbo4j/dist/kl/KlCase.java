package org.elbo4j.dist.kl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * A pair (p, q) of the KL tests: a name (its key in {@code reference/kl_reference.txt}), the
 * parameters of p followed by those of q, and how to build the pair from them.
 *
 * @param name the pair's name and reference key
 * @param parameters the parameter values, p's first
 * @param build the pair {p, q} as a function of (copies of) the parameters
 */
record KlCase(String name, List<Tensor> parameters, Function<List<Tensor>, Distribution[]> build) {

    Distribution p() {
        return build.apply(parameters)[0];
    }

    Distribution q() {
        return build.apply(parameters)[1];
    }

    /** Fresh leaf copies of the parameters. */
    List<Tensor> copies(boolean requiresGrad) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : parameters) {
            out.add(Tensor.of(t.toFloatArray(), t.shape()).requiresGrad(requiresGrad));
        }
        return out;
    }

    /** True when some probability is 0 or a support is cut, so parameters cannot be perturbed both ways. */
    boolean onABoundary() {
        return name.endsWith("_zero") || name.endsWith("_impossible") || name.endsWith("_outside");
    }

    @Override
    public String toString() {
        return name;
    }
}
