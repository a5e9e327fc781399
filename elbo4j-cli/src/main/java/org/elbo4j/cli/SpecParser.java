package org.elbo4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Beta;
import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.Dirichlet;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.Laplace;
import org.elbo4j.dist.LogNormal;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Poisson;
import org.elbo4j.dist.StudentT;
import org.elbo4j.dist.Uniform;
import org.elbo4j.tensor.Tensor;

/**
 * Reads distributions written as {@code Name(arg, …)} with positional arguments, each a number or
 * a bracketed array (nested for a matrix): {@code Normal(0, 1)},
 * {@code MultivariateNormal([0, 0], [[1, 0.5], [0.5, 2]])}, {@code Categorical([0.2, 0.8])}.
 * Names are matched ignoring case. The families and their arguments, in order:
 *
 * <pre>  Normal(loc, scale)            MultivariateNormal([loc…], [[covariance…]…])
 *   Bernoulli(probs)              Categorical([probs…])
 *   Beta(alpha, beta)             Gamma(concentration, rate)
 *   Dirichlet([concentration…])   Exponential(rate)
 *   Laplace(loc, scale)           LogNormal(loc, scale)
 *   StudentT(df, loc, scale)      Uniform(low, high)
 *   Poisson(rate)</pre>
 *
 * Scalar arguments may also be arrays, giving a batch. A malformed spec is a {@link UserError}
 * saying what was expected where; parameter values the family rejects raise the family's
 * {@link IllegalArgumentException} ({@code Normal: scale must be finite and > 0, got -1.0}).
 */
public final class SpecParser {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private record Family(String name, List<String> arguments, Function<Tensor[], Distribution> build) {
    }

    private static final Map<String, Family> FAMILIES = new LinkedHashMap<>();

    static {
        add("Normal", List.of("loc", "scale"), a -> Normal.of(a[0], a[1]));
        add("MultivariateNormal", List.of("loc", "covariance"), a -> MultivariateNormal.ofCovariance(a[0], a[1]));
        add("Bernoulli", List.of("probs"), a -> Bernoulli.of(a[0]));
        add("Categorical", List.of("probs"), a -> Categorical.of(a[0]));
        add("Beta", List.of("alpha", "beta"), a -> Beta.of(a[0], a[1]));
        add("Gamma", List.of("concentration", "rate"), a -> Gamma.of(a[0], a[1]));
        add("Dirichlet", List.of("concentration"), a -> Dirichlet.of(a[0]));
        add("Exponential", List.of("rate"), a -> Exponential.of(a[0]));
        add("Laplace", List.of("loc", "scale"), a -> Laplace.of(a[0], a[1]));
        add("LogNormal", List.of("loc", "scale"), a -> LogNormal.of(a[0], a[1]));
        add("StudentT", List.of("df", "loc", "scale"), a -> StudentT.of(a[0], a[1], a[2]));
        add("Uniform", List.of("low", "high"), a -> Uniform.of(a[0], a[1]));
        add("Poisson", List.of("rate"), a -> Poisson.of(a[0]));
    }

    private final String text;
    private int at;

    private SpecParser(String text) {
        this.text = text;
    }

    private static void add(String name, List<String> arguments, Function<Tensor[], Distribution> build) {
        FAMILIES.put(name.toLowerCase(Locale.ROOT), new Family(name, arguments, build));
    }

    /** The names of the families, as written in specs. */
    public static List<String> familyNames() {
        return FAMILIES.values().stream().map(Family::name).toList();
    }

    /** The distribution a spec describes. */
    public static Distribution parse(String spec) {
        SpecParser p = new SpecParser(spec);
        p.skipSpaces();
        String name = p.name();
        Family family = FAMILIES.get(name.toLowerCase(Locale.ROOT));
        if (family == null) {
            throw new UserError("unknown distribution '" + name + "'; known: " + String.join(", ", familyNames()));
        }
        p.expect('(');
        List<Tensor> args = new ArrayList<>();
        p.skipSpaces();
        if (!p.peek(')')) {
            args.add(p.value());
            while (p.peek(',')) {
                p.at++;
                args.add(p.value());
            }
        }
        p.expect(')');
        p.skipSpaces();
        if (p.at != spec.length()) {
            throw p.error("nothing after the closing ')'");
        }
        if (args.size() != family.arguments().size()) {
            throw new UserError(family.name() + " takes " + family.arguments().size() + " argument"
                    + (family.arguments().size() == 1 ? "" : "s") + " (" + String.join(", ", family.arguments())
                    + "), got " + args.size());
        }
        return family.build().apply(args.toArray(new Tensor[0]));
    }

    /** A value on its own: a number or a (nested) bracketed array, as a tensor. */
    public static Tensor parseValue(String text) {
        SpecParser p = new SpecParser(text);
        Tensor t = p.value();
        p.skipSpaces();
        if (p.at != text.length()) {
            throw p.error("nothing after the value");
        }
        return t;
    }

    private Tensor value() {
        skipSpaces();
        int start = at;
        Object tree = element();
        List<Integer> shape = new ArrayList<>();
        for (Object node = tree; node instanceof List<?> list; node = list.get(0)) {
            shape.add(list.size());
        }
        List<Double> flat = new ArrayList<>();
        flatten(tree, shape, 0, flat, start);
        double[] values = new double[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = flat.get(i);
        }
        return Tensor.of(values, shape.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A number (Double) or an array (List of elements). */
    private Object element() {
        skipSpaces();
        if (!peek('[')) {
            Matcher m = NUMBER.matcher(text).region(at, text.length());
            if (!m.lookingAt()) {
                throw error("expected a number or '['");
            }
            at = m.end();
            return Double.parseDouble(m.group());
        }
        int start = at;
        at++;
        List<Object> items = new ArrayList<>();
        if (!peek(']')) {
            items.add(element());
            while (peek(',')) {
                at++;
                items.add(element());
            }
        }
        expect(']');
        if (items.isEmpty()) {
            throw errorAt(start, "empty array");
        }
        return items;
    }

    private void flatten(Object node, List<Integer> shape, int depth, List<Double> out, int start) {
        if (node instanceof Double d) {
            if (depth != shape.size()) {
                throw errorAt(start, "arrays must be rectangular (a number where an array was expected)");
            }
            out.add(d);
            return;
        }
        List<?> list = (List<?>) node;
        if (depth >= shape.size() || list.size() != shape.get(depth)) {
            throw errorAt(start, "arrays must be rectangular (an array of " + list.size() + " values where "
                    + (depth >= shape.size() ? "a number" : shape.get(depth) + " values") + " were expected)");
        }
        for (Object item : list) {
            flatten(item, shape, depth + 1, out, start);
        }
    }

    private String name() {
        Matcher m = NAME.matcher(text).region(at, text.length());
        if (!m.lookingAt()) {
            throw error("expected a distribution name such as Normal");
        }
        at = m.end();
        return m.group();
    }

    private boolean peek(char c) {
        skipSpaces();
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private UserError error(String what) {
        return errorAt(at, what);
    }

    private UserError errorAt(int position, String what) {
        String found = position < text.length() ? "'" + text.charAt(position) + "'" : "the end";
        return new UserError("cannot read '" + text + "': " + what + " at position " + (position + 1)
                + ", found " + found);
    }
}
