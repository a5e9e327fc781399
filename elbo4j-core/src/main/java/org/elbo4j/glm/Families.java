package org.elbo4j.glm;

import java.util.List;

/** The {@link Family} of a name and link, as brms spells them ({@code poisson}, {@code bernoulli(probit)}). */
public final class Families {

    /** The family names. */
    public static final List<String> NAMES = List.of("gaussian", "student", "bernoulli", "binomial", "poisson",
            "negbinomial", "gamma", "beta");

    private Families() {
    }

    /**
     * The family {@code name} with {@code link} (null or empty: the default link).
     *
     * @throws IllegalArgumentException for an unknown family or a link the family does not have
     */
    public static Family of(String name, String link) {
        String l = link == null || link.isEmpty() ? null : link;
        Family f = switch (name) {
            case "gaussian" -> new GaussianFamily();
            case "student" -> new StudentFamily();
            case "bernoulli", "binomial" -> new BinomialFamily(name.equals("bernoulli"), "probit".equals(l));
            case "poisson" -> new PoissonFamily();
            case "negbinomial" -> new NegBinomialFamily();
            case "gamma" -> new GammaFamily();
            case "beta" -> new BetaFamily();
            default -> throw new IllegalArgumentException("family: expected one of " + String.join(", ", NAMES)
                    + ", got '" + name + "'");
        };
        if (l != null && !l.equals(f.link())) {
            throw new IllegalArgumentException("family " + name + ": link must be "
                    + (f instanceof BinomialFamily ? "logit or probit" : f.link()) + ", got '" + l + "'");
        }
        return f;
    }

    /** Parses {@code name} or {@code name(link)}. */
    public static Family parse(String spec) {
        String s = spec.strip();
        int open = s.indexOf('(');
        if (open > 0 && s.endsWith(")")) {
            return of(s.substring(0, open).strip(), s.substring(open + 1, s.length() - 1).strip());
        }
        return of(s, null);
    }
}
