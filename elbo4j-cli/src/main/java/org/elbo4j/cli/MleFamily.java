package org.elbo4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Beta;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.Laplace;
import org.elbo4j.dist.LogNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Poisson;
import org.elbo4j.dist.StudentT;
import org.elbo4j.dist.transform.Bijection;
import org.elbo4j.dist.transform.ExpBijection;
import org.elbo4j.dist.transform.IdentityBijection;
import org.elbo4j.dist.transform.SigmoidBijection;
import org.elbo4j.tensor.Tensor;

/**
 * The scalar families {@code elbo4j mle --family NAME} fits by gradient ascent
 * ({@link org.elbo4j.dist.mle.GradientMle}), each with its parameters, the bijection that maps an
 * unconstrained value onto each parameter's range (exp for positive parameters, the logistic
 * function for probabilities), a method-of-moments starting point, and the data values it
 * accepts.
 */
enum MleFamily {
    NORMAL("normal", "any finite value", v -> true, p -> Normal.of(p[0], p[1]),
            param("loc", Range.REAL), param("scale", Range.POSITIVE)) {
        @Override double[] start(double[] x) { return new double[] {mean(x), sd(x)}; }
    },
    LOGNORMAL("lognormal", "values > 0", v -> v > 0, p -> LogNormal.of(p[0], p[1]),
            param("loc", Range.REAL), param("scale", Range.POSITIVE)) {
        @Override double[] start(double[] x) {
            double[] logs = Arrays.stream(x).map(Math::log).toArray();
            return new double[] {mean(logs), sd(logs)};
        }
    },
    LAPLACE("laplace", "any finite value", v -> true, p -> Laplace.of(p[0], p[1]),
            param("loc", Range.REAL), param("scale", Range.POSITIVE)) {
        @Override double[] start(double[] x) {
            double m = median(x);
            return new double[] {m, Math.max(Arrays.stream(x).map(v -> Math.abs(v - m)).average().orElse(1), 1e-6)};
        }
    },
    STUDENTT("studentt", "any finite value", v -> true, p -> StudentT.of(p[0], p[1], p[2]),
            param("df", Range.POSITIVE), param("loc", Range.REAL), param("scale", Range.POSITIVE)) {
        @Override double[] start(double[] x) { return new double[] {10.0, median(x), sd(x)}; }
    },
    EXPONENTIAL("exponential", "values >= 0", v -> v >= 0, p -> Exponential.of(p[0]),
            param("rate", Range.POSITIVE)) {
        @Override double[] start(double[] x) { return new double[] {1.0 / Math.max(mean(x), 1e-12)}; }
    },
    GAMMA("gamma", "values > 0", v -> v > 0, p -> Gamma.of(p[0], p[1]),
            param("concentration", Range.POSITIVE), param("rate", Range.POSITIVE)) {
        @Override double[] start(double[] x) {
            double m = mean(x);
            double v = Math.max(sd(x) * sd(x), 1e-12 * m * m);
            return new double[] {m * m / v, m / v};
        }
    },
    BETA("beta", "values in (0, 1)", v -> v > 0 && v < 1, p -> Beta.of(p[0], p[1]),
            param("alpha", Range.POSITIVE), param("beta", Range.POSITIVE)) {
        @Override double[] start(double[] x) {
            double m = mean(x);
            double v = Math.max(sd(x) * sd(x), 1e-12);
            double common = Math.max(m * (1 - m) / v - 1, 1e-3);
            return new double[] {m * common, (1 - m) * common};
        }
    },
    POISSON("poisson", "integers >= 0", v -> v >= 0 && v == Math.rint(v), p -> Poisson.of(p[0]),
            param("rate", Range.POSITIVE)) {
        @Override double[] start(double[] x) { return new double[] {Math.max(mean(x), 1e-6)}; }
    },
    BERNOULLI("bernoulli", "0 or 1", v -> v == 0 || v == 1, p -> Bernoulli.of(p[0]),
            param("probs", Range.UNIT)) {
        @Override double[] start(double[] x) { return new double[] {Math.min(Math.max(mean(x), 1e-6), 1 - 1e-6)}; }
    };

    /** The range of a parameter and the bijection from unconstrained values onto it. */
    enum Range {
        REAL(IdentityBijection.of(0)), POSITIVE(ExpBijection.of()), UNIT(SigmoidBijection.of());

        final Bijection bijection;

        Range(Bijection bijection) {
            this.bijection = bijection;
        }
    }

    record Parameter(String name, Range range) {
    }

    final String label;
    final String accepts;
    final DoublePredicate inSupport;
    final Function<Tensor[], Distribution> build;
    final List<Parameter> parameters;

    MleFamily(String label, String accepts, DoublePredicate inSupport, Function<Tensor[], Distribution> build,
            Parameter... parameters) {
        this.label = label;
        this.accepts = accepts;
        this.inSupport = inSupport;
        this.build = build;
        this.parameters = List.of(parameters);
    }

    /** A method-of-moments starting point, one value per parameter. */
    abstract double[] start(double[] x);

    /** The family with this name (ignoring case). */
    static MleFamily named(String name) {
        for (MleFamily f : values()) {
            if (f.label.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    /** The distribution at unconstrained values u. */
    Distribution fromUnconstrained(List<Tensor> u) {
        return build.apply(constrained(u).toArray(new Tensor[0]));
    }

    /** The parameters at unconstrained values u. */
    List<Tensor> constrained(List<Tensor> u) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            out.add(parameters.get(i).range().bijection.forward(u.get(i)));
        }
        return out;
    }

    /** The starting point as unconstrained scalars. */
    List<Tensor> initial(double[] x) {
        double[] start = start(x);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            out.add(parameters.get(i).range().bijection.inverse(Tensor.scalar(start[i])));
        }
        return out;
    }

    private static Parameter param(String name, Range range) {
        return new Parameter(name, range);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.max(Math.sqrt(s / x.length), 1e-6);
    }

    static double median(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
