package org.elbo4j.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elbo4j.dist.Support;
import org.elbo4j.dist.transform.Bijection;
import org.elbo4j.tensor.Tensor;

/**
 * The map between one unconstrained vector u ∈ ℝᵈ and a model's constrained parameters: the
 * parameters' unconstrained coordinates are laid out one after the other in declaration order
 * (row-major within a parameter), and each block goes through its parameter's bijection.
 * {@link #constrain} returns the values together with {@code log |det J(u)| = Σ_params log |det
 * J_f(u_block)|}, the change-of-variables term that turns a density over θ into one over u:
 * {@code log p_u(u) = log p(D, f(u)) + log |det J_f(u)|}.
 */
public final class UnconstrainedLayout {

    /** Constrained values of M particles and the log-Jacobian of each, shape {@code [M]}. */
    public record Constrained(ParameterValues values, Tensor logAbsDetJacobian) {
    }

    private final List<Parameter> parameters;
    private final int[] offsets;
    private final int dim;

    private UnconstrainedLayout(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        this.offsets = new int[parameters.size() + 1];
        for (int i = 0; i < parameters.size(); i++) {
            offsets[i + 1] = offsets[i] + parameters.get(i).unconstrainedSize();
        }
        this.dim = offsets[parameters.size()];
    }

    /**
     * The layout of a model's parameters.
     *
     * @throws IllegalArgumentException if there are none or two share a name
     */
    public static UnconstrainedLayout of(BayesModel model) {
        return of(model.parameters());
    }

    /** The layout of the given parameters (non-empty, distinct names). */
    public static UnconstrainedLayout of(List<Parameter> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("UnconstrainedLayout: the model declares no parameters");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Parameter p : parameters) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("UnconstrainedLayout: parameter name '" + p.name() + "' is declared twice");
            }
        }
        return new UnconstrainedLayout(parameters);
    }

    /** d, the total number of unconstrained coordinates. */
    public int dim() {
        return dim;
    }

    /** The parameters in layout order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Labels of the unconstrained coordinates: {@code name} for a single one, else {@code name[i]}. */
    public List<String> coordinateNames() {
        List<String> names = new ArrayList<>(dim);
        for (Parameter p : parameters) {
            int k = p.unconstrainedSize();
            boolean scalar = p.unconstrainedShape().length == 0;
            for (int i = 0; i < k; i++) {
                names.add(scalar ? p.name() : p.name() + "[" + i + "]");
            }
        }
        return names;
    }

    /**
     * The constrained values of the rows of {@code u} (shape {@code [M, d]}) and their
     * log-Jacobians; differentiable in {@code u}.
     */
    public Constrained constrain(Tensor u) {
        if (u.rank() != 2 || u.dim(1) != dim) {
            throw new IllegalArgumentException("UnconstrainedLayout: expected u of shape [M, " + dim + "], got "
                    + Arrays.toString(u.shape()));
        }
        int m = u.dim(0);
        Map<String, Tensor> values = new LinkedHashMap<>();
        Tensor logDet = null;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Tensor block = parameters.size() == 1 ? u : u.slice(1, offsets[i], offsets[i + 1]);
            block = block.reshape(withLeading(m, p.unconstrainedShape()));
            Bijection f = p.bijection();
            Tensor x = f.forward(block);
            Tensor ld = f.logAbsDetJacobian(block, x);
            while (ld.rank() > 1) {
                ld = ld.sum(-1, false);
            }
            values.put(p.name(), x);
            logDet = logDet == null ? ld : logDet.add(ld);
        }
        return new Constrained(ParameterValues.of(values), logDet);
    }

    /**
     * The constrained values of the S rows of {@code u} in double precision, one array [S × size]
     * per parameter, when every parameter's bijection is elementwise (real: identity, positive:
     * exp, unit interval: the logistic sigmoid); empty otherwise (then {@link #constrain} maps them).
     */
    Optional<Map<String, double[]>> constrainElementwise(double[][] u) {
        for (Parameter p : parameters) {
            if (elementwiseKind(p.support()) < 0) {
                return Optional.empty();
            }
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            int kind = elementwiseKind(p.support());
            int k = p.size();
            double[] x = new double[u.length * k];
            for (int row = 0; row < u.length; row++) {
                for (int j = 0; j < k; j++) {
                    double v = u[row][offsets[i] + j];
                    x[row * k + j] = switch (kind) {
                        case 0 -> v;
                        case 1 -> Math.exp(v);
                        default -> v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
                    };
                }
            }
            values.put(p.name(), x);
        }
        return Optional.of(values);
    }

    /** 0 identity (real), 1 exp (positive), 2 logistic sigmoid (unit interval), −1 not elementwise. */
    private static int elementwiseKind(Support support) {
        if (support == Support.REAL) {
            return 0;
        }
        if (support == Support.POSITIVE) {
            return 1;
        }
        return support == Support.UNIT_INTERVAL ? 2 : -1;
    }

    /**
     * The unconstrained vector of constrained values given by name (row-major); parameters not
     * named get zeros.
     *
     * @throws IllegalArgumentException if a name is unknown or a length is wrong
     */
    public double[] unconstrain(Map<String, double[]> constrained) {
        double[] u = new double[dim];
        for (String name : constrained.keySet()) {
            if (parameters.stream().noneMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("UnconstrainedLayout: unknown parameter '" + name + "'");
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] v = constrained.get(p.name());
            if (v == null) {
                continue;
            }
            if (v.length != p.size()) {
                throw new IllegalArgumentException("UnconstrainedLayout: '" + p.name() + "' needs " + p.size()
                        + " values, got " + v.length);
            }
            Tensor x = Tensor.of(v, withLeading(1, p.shape()));
            float[] block = p.bijection().inverse(x).data();
            for (int j = 0; j < block.length; j++) {
                u[offsets[i] + j] = block[j];
            }
        }
        return u;
    }

    private static int[] withLeading(int m, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = m;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
