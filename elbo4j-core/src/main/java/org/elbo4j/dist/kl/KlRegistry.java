package org.elbo4j.dist.kl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elbo4j.dist.Distribution;

/**
 * The table of analytic KL rules keyed by (type of p, type of q), with most-specific dispatch:
 * of the registered pairs (A, B) with p an A and q a B, the one chosen is the pair that every
 * other match is a supertype pair of (as torch.distributions.kl does over the class hierarchy).
 * Two incomparable matches (say (A, Object-like B) and (Object-like A, B)) are an ambiguity and
 * an error: register the exact pair to settle it.
 */
final class KlRegistry {

    /** Resolves a rule for a concrete pair, or declines (for example Independent over bases with no rule). */
    @FunctionalInterface
    interface Resolver {
        Optional<KlRule<Distribution, Distribution>> resolve(Distribution p, Distribution q);
    }

    private record Entry(Class<?> p, Class<?> q, Resolver resolver) {

        boolean matches(Distribution dp, Distribution dq) {
            return p.isInstance(dp) && q.isInstance(dq);
        }

        boolean atLeastAsSpecificAs(Entry o) {
            return o.p.isAssignableFrom(p) && o.q.isAssignableFrom(q);
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** Adds a rule, replacing any earlier rule for exactly the same pair of types. */
    synchronized void register(Class<?> p, Class<?> q, Resolver resolver) {
        entries.removeIf(e -> e.p == p && e.q == q);
        entries.add(new Entry(p, q, resolver));
    }

    /** The most specific rule for (p, q), resolved for these two instances. */
    Optional<KlRule<Distribution, Distribution>> find(Distribution p, Distribution q) {
        List<Entry> matches = new ArrayList<>();
        for (Entry e : entries) {
            if (e.matches(p, q)) {
                matches.add(e);
            }
        }
        List<Entry> best = new ArrayList<>();
        for (Entry e : matches) {
            boolean dominated = false;
            for (Entry o : matches) {
                if (o != e && o.atLeastAsSpecificAs(e) && !e.atLeastAsSpecificAs(o)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                best.add(e);
            }
        }
        if (best.isEmpty()) {
            return Optional.empty();
        }
        if (best.size() > 1) {
            StringBuilder sb = new StringBuilder("Kl: ambiguous analytic rules for (")
                    .append(Kl.name(p)).append(", ").append(Kl.name(q))
                    .append("):");
            for (Entry e : best) {
                sb.append(" (").append(e.p.getSimpleName()).append(", ").append(e.q.getSimpleName()).append(')');
            }
            throw new IllegalStateException(sb.append("; register the exact pair to settle it").toString());
        }
        return best.get(0).resolver.resolve(p, q);
    }
}
