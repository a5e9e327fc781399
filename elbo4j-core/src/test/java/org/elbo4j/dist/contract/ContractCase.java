package org.elbo4j.dist.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * One family instance of the contract tests: a name (also its key in
 * {@code reference/contract_logprob.txt}), its parameter tensors, and how to build the
 * distribution from them (so that gradient checks can rebuild it from perturbed parameters).
 *
 * @param name the case's name and reference key
 * @param parameters the parameter values
 * @param build the family as a function of (copies of) the parameters
 * @param pathwise true when, for a fixed seed, each draw is a smooth function of the parameters
 *     (location-scale and inverse-CDF samplers), so rsample gradients can be checked draw by draw
 *     against finite differences; false for implicit reparameterization (Gamma, Beta, Dirichlet,
 *     the degrees of freedom of StudentT), whose per-draw gradient is the CDF-preserving transport
 *     and not the derivative of the accept–reject path, and which is checked in expectation
 */
record ContractCase(String name, List<Tensor> parameters, Function<List<Tensor>, Distribution> build,
        boolean pathwise) {

    /** The distribution at the stored parameters. */
    Distribution distribution() {
        return build.apply(parameters);
    }

    /** Fresh leaf copies of the parameters, optionally requiring gradients. */
    List<Tensor> copies(boolean requiresGrad) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : parameters) {
            out.add(Tensor.of(p.toFloatArray(), p.shape()).requiresGrad(requiresGrad));
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
