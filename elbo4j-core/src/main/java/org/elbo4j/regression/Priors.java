package org.elbo4j.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.glm.Family;

/**
 * The priors of a {@link RegressionModel} by brms class, with defaults that are weakly
 * informative and scale with the data. With s_y = max(2.5, mad(y)) for the identity link
 * (mad = 1.4826 · median |y − median(y)|, as R's {@code mad}) and 2.5 otherwise:
 * <ul>
 *   <li>{@code b} (coefficient j): normal(0, 2.5 · sd(y) / sd(x_j)) for the identity link and
 *       normal(0, 2.5 / sd(x_j)) otherwise — rstanarm's autoscaled default (Gabry and Goodrich,
 *       "Prior distributions for rstanarm models");</li>
 *   <li>{@code Intercept} (with centred predictors): student_t(3, median(y), s_y) for the identity
 *       link, student_t(3, 0, 2.5) otherwise — brms's default_prior;</li>
 *   <li>{@code sd}: half student_t(3, 0, s_y), {@code cor}: lkj(1), {@code sigma}: half
 *       student_t(3, 0, s_y) — brms;</li>
 *   <li>{@code shape} (negbinomial, gamma) and {@code phi} (beta): gamma(0.01, 0.01);
 *       {@code nu} (student): gamma(2, 0.1) — brms.</li>
 * </ul>
 * {@link #with} replaces a class ({@code "normal(0, 1) on b"}).
 */
public final class Priors {

    /** The classes a prior can be set on. */
    public static final List<String> CLASSES = List.of("b", "Intercept", "sd", "cor", "sigma", "shape", "phi", "nu");

    private final Prior[] b;
    private final List<String> bNames;
    private final Prior intercept;
    private final Prior sd;
    private final double lkj;
    private final Map<String, Prior> aux;
    private final List<String> overridden;

    private Priors(Prior[] b, List<String> bNames, Prior intercept, Prior sd, double lkj, Map<String, Prior> aux,
            List<String> overridden) {
        this.b = b;
        this.bNames = bNames;
        this.intercept = intercept;
        this.sd = sd;
        this.lkj = lkj;
        this.aux = aux;
        this.overridden = overridden;
    }

    /** The defaults for response y, centred predictor columns {@code x} (named) and {@code family}. */
    public static Priors defaults(double[] y, double[][] xColumns, List<String> names, Family family) {
        boolean identity = family.link().equals("identity");
        double med = median(y);
        double[] dev = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            dev[i] = Math.abs(y[i] - med);
        }
        double mad = 1.4826 * median(dev);
        double sy = identity ? Math.max(2.5, round1(mad)) : 2.5;
        double sdY = identity ? sd(y) : 1;
        Prior[] b = new Prior[xColumns.length];
        for (int j = 0; j < b.length; j++) {
            double sx = sd(xColumns[j]);
            double scale = 2.5 * (sdY > 0 ? sdY : 1) / (sx > 0 ? sx : 1);
            b[j] = new Prior("normal", new double[] {0, scale}, false);
        }
        Prior intercept = new Prior("student_t", new double[] {3, identity ? round1(med) : 0, sy}, false);
        Prior sd = new Prior("student_t", new double[] {3, 0, sy}, true);
        Map<String, Prior> aux = new LinkedHashMap<>();
        for (String a : family.auxNames()) {
            aux.put(a, switch (a) {
                case "sigma" -> new Prior("student_t", new double[] {3, 0, sy}, true);
                case "nu" -> new Prior("gamma", new double[] {2, 0.1}, false);
                default -> new Prior("gamma", new double[] {0.01, 0.01}, false);
            });
        }
        return new Priors(b, List.copyOf(names), intercept, sd, 1, aux, List.of());
    }

    /**
     * These priors with {@code spec} ({@code "normal(0, 1) on b"}) replacing the prior of a class.
     *
     * @throws IllegalArgumentException for a malformed spec, an unknown class, or a class the model
     *     does not have
     */
    public Priors with(String spec) {
        int on = spec.lastIndexOf(" on ");
        if (on < 0) {
            throw new IllegalArgumentException("--prior: expected 'DIST(...) on CLASS' (e.g. 'normal(0, 1) on b'), got '"
                    + spec + "'");
        }
        String cls = spec.substring(on + 4).strip();
        if (!CLASSES.contains(cls)) {
            throw new IllegalArgumentException("--prior: unknown class '" + cls + "'; expected one of "
                    + String.join(", ", CLASSES));
        }
        boolean positive = !cls.equals("b") && !cls.equals("Intercept");
        String dist = spec.substring(0, on).strip();
        List<String> over = new ArrayList<>(overridden);
        over.add(cls);
        if (cls.equals("cor")) {
            Prior p = Prior.parse(dist, true);
            if (!p.kind().equals("lkj")) {
                throw new IllegalArgumentException("--prior on cor: expected lkj(eta), got '" + dist + "'");
            }
            return new Priors(b, bNames, intercept, sd, p.params()[0], aux, over);
        }
        Prior p = Prior.parse(dist, positive);
        if (p.kind().equals("lkj")) {
            throw new IllegalArgumentException("--prior: lkj is for the class cor, not " + cls);
        }
        return switch (cls) {
            case "b" -> {
                Prior[] nb = new Prior[b.length];
                Arrays.fill(nb, p);
                yield new Priors(nb, bNames, intercept, sd, lkj, aux, over);
            }
            case "Intercept" -> new Priors(b, bNames, p, sd, lkj, aux, over);
            case "sd" -> new Priors(b, bNames, intercept, p, lkj, aux, over);
            default -> {
                if (!aux.containsKey(cls)) {
                    throw new IllegalArgumentException("--prior on " + cls + ": the family has no " + cls
                            + (aux.isEmpty() ? " (it has no auxiliary parameter)" : " (it has " + String.join(", ",
                                    aux.keySet()) + ")"));
                }
                Map<String, Prior> na = new LinkedHashMap<>(aux);
                na.put(cls, p);
                yield new Priors(b, bNames, intercept, sd, lkj, na, over);
            }
        };
    }

    /** The prior of coefficient j. */
    public Prior b(int j) {
        return b[j];
    }

    /** The prior of the intercept (on centred predictors). */
    public Prior intercept() {
        return intercept;
    }

    /** The prior of every group-level sd. */
    public Prior sd() {
        return sd;
    }

    /** The LKJ concentration η of every group-level correlation matrix. */
    public double lkj() {
        return lkj;
    }

    /** The prior of auxiliary parameter {@code name}. */
    public Prior aux(String name) {
        return aux.get(name);
    }

    /** One line per class and coefficient, as brms's prior_summary: {@code b_x1 ~ normal(0, 2.1)}. */
    public List<String> describe(boolean hasIntercept, boolean hasGroups, boolean hasCorrelations) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < b.length; j++) {
            out.add("b_" + bNames.get(j) + " ~ " + b[j] + mark("b"));
        }
        if (hasIntercept) {
            out.add("Intercept ~ " + intercept + " (centred predictors)" + mark("Intercept"));
        }
        if (hasGroups) {
            out.add("sd ~ " + (sd.half() ? "half " : "") + sd + mark("sd"));
        }
        if (hasCorrelations) {
            out.add("cor ~ " + new Prior("lkj", new double[] {lkj}, false) + mark("cor"));
        }
        aux.forEach((name, p) -> out.add(name + " ~ " + (p.half() ? "half " : "") + p + mark(name)));
        return out;
    }

    private String mark(String cls) {
        return overridden.contains(cls) ? " (set by --prior)" : " (default)";
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    static double sd(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
    }
}
