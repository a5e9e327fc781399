package org.elbo4j.dist.transform;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.dist.Support;
import org.elbo4j.tensor.Tensor;

/**
 * The composition {@code f = f_k ∘ … ∘ f_1} of bijections applied in the order given:
 * {@code forward(u) = f_k(…f_1(u))}, {@code inverse} in the reverse order, and
 * {@code log |det J_f(u)| = Σ_i log |det J_{f_i}(u_{i−1})|} with {@code u_i = f_i(u_{i−1})}.
 *
 * <p>Parts may act on events of different ranks (an elementwise map followed by a map of vectors):
 * the composition's input event rank is the largest any part needs, as in
 * torch.distributions' {@code ComposeTransform}, and each part's log-Jacobian is summed over the
 * event dimensions it treats as batch dimensions.
 */
public final class ComposedBijection implements Bijection {

    private final List<Bijection> parts;
    private final Support codomain;
    private final int eventRank;
    private final int outputEventRank;

    private ComposedBijection(List<Bijection> parts, Support codomain) {
        this.parts = parts;
        this.codomain = codomain;
        int in = parts.get(parts.size() - 1).outputEventRank();
        for (int i = parts.size() - 1; i >= 0; i--) {
            Bijection p = parts.get(i);
            in = Math.max(in + p.eventRank() - p.outputEventRank(), p.eventRank());
        }
        this.eventRank = in;
        int out = in;
        for (Bijection p : parts) {
            out = Math.max(out + p.outputEventRank() - p.eventRank(), p.outputEventRank());
        }
        this.outputEventRank = out;
    }

    /** {@code parts[last] ∘ … ∘ parts[0]}, mapping onto the last part's codomain. */
    public static ComposedBijection of(Bijection... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("ComposedBijection: at least one part is needed");
        }
        return onto(parts[parts.length - 1].codomain(), parts);
    }

    /**
     * {@code parts[last] ∘ … ∘ parts[0]}, declared to map onto {@code codomain} (for instance
     * sigmoid then affine maps onto an interval, which the affine part alone does not know).
     */
    public static ComposedBijection onto(Support codomain, Bijection... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("ComposedBijection: at least one part is needed");
        }
        return new ComposedBijection(List.of(parts), codomain);
    }

    /** The parts, in the order they are applied. */
    public List<Bijection> parts() {
        return parts;
    }

    @Override
    public Tensor forward(Tensor u) {
        Tensor x = u;
        for (Bijection p : parts) {
            x = p.forward(x);
        }
        return x;
    }

    @Override
    public Tensor inverse(Tensor x) {
        Tensor u = x;
        for (int i = parts.size() - 1; i >= 0; i--) {
            u = parts.get(i).inverse(u);
        }
        return u;
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor x) {
        List<Tensor> values = new ArrayList<>();
        values.add(u);
        for (int i = 0; i < parts.size() - 1; i++) {
            values.add(parts.get(i).forward(values.get(i)));
        }
        values.add(x);
        Tensor total = null;
        int rank = eventRank;
        for (int i = 0; i < parts.size(); i++) {
            Bijection p = parts.get(i);
            Tensor term = p.logAbsDetJacobian(values.get(i), values.get(i + 1));
            for (int k = 0; k < rank - p.eventRank(); k++) {
                term = term.sum(-1, false);
            }
            total = total == null ? term : total.add(term);
            rank += p.outputEventRank() - p.eventRank();
        }
        return total;
    }

    @Override
    public int eventRank() {
        return eventRank;
    }

    @Override
    public int outputEventRank() {
        return outputEventRank;
    }

    @Override
    public int[] forwardShape(int[] inputShape) {
        int[] s = inputShape;
        for (Bijection p : parts) {
            s = p.forwardShape(s);
        }
        return s.clone();
    }

    @Override
    public int[] inverseShape(int[] outputShape) {
        int[] s = outputShape;
        for (int i = parts.size() - 1; i >= 0; i--) {
            s = parts.get(i).inverseShape(s);
        }
        return s.clone();
    }

    @Override
    public Support codomain() {
        return codomain;
    }
}
