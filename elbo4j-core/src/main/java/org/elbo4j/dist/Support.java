package org.elbo4j.dist;

import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * The set of values a family can take, with a membership test.
 *
 * <p>A support has an event rank: 0 for sets of scalars (checked elementwise), 1 for sets of
 * vectors (the simplex, ℝⁿ, one-hot vectors), 2 for sets of matrices. {@link #check} reduces
 * over the event dimensions: an event is in the set when all its elements pass.
 *
 * <p>The bijection from unconstrained real space onto a continuous support (what variational
 * inference uses to optimise constrained parameters) is
 * {@code org.elbo4j.dist.transform.Bijections.fromUnconstrained(support)}: bijections are built
 * on supports, not the other way round, so that {@code dist.transform} depends on {@code dist}
 * and never the reverse.
 */
public final class Support {

    /** All finite reals (elementwise). */
    public static final Support REAL = continuous("real", 0, Membership.FINITE);
    /** Finite reals > 0. */
    public static final Support POSITIVE = continuous("positive", 0, Membership.POSITIVE);
    /** Finite reals ≥ 0 (the exponential map reaches the interior). */
    public static final Support NONNEGATIVE = continuous("nonnegative", 0, Membership.NONNEGATIVE);
    /** The closed unit interval [0, 1]. */
    public static final Support UNIT_INTERVAL = continuous("unitInterval", 0, Membership.UNIT_INTERVAL);
    /** Vectors of ℝⁿ with finite elements (event rank 1). */
    public static final Support REAL_VECTOR = continuous("realVector", 1, Membership.FINITE_VECTOR);
    /** Vectors with elements ≥ 0 summing to 1 (within 1e-5, as float32 allows). */
    public static final Support SIMPLEX = continuous("simplex", 1, Membership.SIMPLEX);
    /** Square lower-triangular matrices with finite entries and a positive diagonal. */
    public static final Support LOWER_CHOLESKY = continuous("lowerCholesky", 2, Membership.LOWER_CHOLESKY);
    /**
     * Lower Cholesky factors of K×K correlation matrices (Stan's {@code cholesky_factor_corr}):
     * lower triangular, finite, a positive diagonal and rows of unit Euclidean norm, so that
     * L Lᵀ has a unit diagonal. The norm is checked in double, |‖L_i‖ − 1| ≤ 10·K·ε with
     * ε = 2⁻²³ the float32 machine epsilon (torch.distributions' tolerance).
     */
    public static final Support CORRELATION_CHOLESKY = continuous("correlationCholesky", 2,
            Membership.CORRELATION_CHOLESKY);
    /** {0, 1, 2, …}. */
    public static final Support NONNEGATIVE_INTEGER = discrete("nonnegativeInteger", 0,
            Membership.NONNEGATIVE_INTEGER);
    /** {0, 1}. */
    public static final Support BOOLEAN = discrete("boolean", 0, Membership.BOOLEAN);
    /** Vectors with one element equal to 1 and the others 0 (event rank 1). */
    public static final Support ONE_HOT = discrete("oneHot", 1, Membership.ONE_HOT);

    /**
     * The membership tests of the fixed supports, as enum constants rather than lambdas: a lambda
     * is linked the first time its expression runs, which for a dozen of them costs a few
     * milliseconds of every cold start that touches a Support.
     */
    private enum Membership implements Function<Tensor, Tensor> {
        FINITE {
            @Override
            public Tensor apply(Tensor x) {
                return elementwise(x, Double::isFinite);
            }
        },
        POSITIVE {
            @Override
            public Tensor apply(Tensor x) {
                return elementwise(x, v -> v > 0 && v < Double.POSITIVE_INFINITY);
            }
        },
        NONNEGATIVE {
            @Override
            public Tensor apply(Tensor x) {
                return elementwise(x, v -> v >= 0 && v < Double.POSITIVE_INFINITY);
            }
        },
        UNIT_INTERVAL {
            @Override
            public Tensor apply(Tensor x) {
                return elementwise(x, v -> v >= 0 && v <= 1);
            }
        },
        FINITE_VECTOR {
            @Override
            public Tensor apply(Tensor x) {
                return allOverEvent(elementwise(x, Double::isFinite), 1);
            }
        },
        SIMPLEX {
            @Override
            public Tensor apply(Tensor x) {
                return checkSimplex(x);
            }
        },
        LOWER_CHOLESKY {
            @Override
            public Tensor apply(Tensor x) {
                return checkLowerCholesky(x);
            }
        },
        CORRELATION_CHOLESKY {
            @Override
            public Tensor apply(Tensor x) {
                return checkCorrelationCholesky(x);
            }
        },
        NONNEGATIVE_INTEGER {
            @Override
            public Tensor apply(Tensor x) {
                return elementwise(x, v -> v >= 0 && v == Math.rint(v) && v < Double.POSITIVE_INFINITY);
            }
        },
        BOOLEAN {
            @Override
            public Tensor apply(Tensor x) {
                return elementwise(x, v -> v == 0 || v == 1);
            }
        },
        ONE_HOT {
            @Override
            public Tensor apply(Tensor x) {
                return checkOneHot(x);
            }
        }
    }

    /**
     * The bounds of an interval support, as given to {@link #interval(Tensor, Tensor)} (scalars
     * for {@link #interval(double, double)}).
     *
     * @param low the lower bound lo
     * @param high the upper bound hi
     */
    public record Bounds(Tensor low, Tensor high) {
    }

    private final String name;
    private final int eventRank;
    private final boolean discrete;
    private final Function<Tensor, Tensor> membership;
    private final Bounds bounds;

    private Support(String name, int eventRank, boolean discrete, Function<Tensor, Tensor> membership,
            Bounds bounds) {
        this.name = name;
        this.eventRank = eventRank;
        this.discrete = discrete;
        this.membership = membership;
        this.bounds = bounds;
    }

    private static Support continuous(String name, int eventRank, Function<Tensor, Tensor> membership) {
        return new Support(name, eventRank, false, membership, null);
    }

    private static Support discrete(String name, int eventRank, Function<Tensor, Tensor> membership) {
        return new Support(name, eventRank, true, membership, null);
    }

    /** The closed interval [lo, hi] of finite bounds, lo < hi. */
    public static Support interval(double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("Support.interval: bounds must be finite with lo < hi, got lo="
                    + lo + ", hi=" + hi);
        }
        return interval(Tensor.scalar(lo), Tensor.scalar(hi), "interval(" + lo + ", " + hi + ")");
    }

    /**
     * The closed interval [lo, hi] with bounds given per batch element (broadcast with the value);
     * used by families such as Uniform whose bounds are parameters.
     */
    public static Support interval(Tensor lo, Tensor hi) {
        return interval(lo, hi, "interval");
    }

    private static Support interval(Tensor lo, Tensor hi, String name) {
        return new Support(name, 0, false, x -> Functions.ge(x, lo).mul(Functions.le(x, hi)), new Bounds(lo, hi));
    }

    /** The integers {lo, lo + 1, …, hi}. */
    public static Support integerInterval(int lo, int hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("Support.integerInterval: lo must be <= hi, got lo=" + lo
                    + ", hi=" + hi);
        }
        return discrete("integerInterval(" + lo + ", " + hi + ")", 0,
                x -> elementwise(x, v -> v >= lo && v <= hi && v == Math.rint(v)));
    }

    /** A short name such as {@code positive} or {@code integerInterval(0, 9)}. */
    public String name() {
        return name;
    }

    /** 0 for sets of scalars, 1 for sets of vectors, 2 for sets of matrices. */
    public int eventRank() {
        return eventRank;
    }

    /** True for sets of integers (counts, labels, one-hot vectors). */
    public boolean isDiscrete() {
        return discrete;
    }

    /**
     * 1 where the event of {@code x} is in the set and 0 elsewhere; shape of {@code x} without its
     * last {@link #eventRank()} dimensions (broadcast with tensor bounds for intervals).
     */
    public Tensor check(Tensor x) {
        if (x.rank() < eventRank) {
            throw new IllegalArgumentException("Support " + name + ": value of shape "
                    + java.util.Arrays.toString(x.shape()) + " has rank < event rank " + eventRank);
        }
        return membership.apply(x);
    }

    /** The bounds of a support built by {@code interval(…)}; empty for every other support. */
    public Optional<Bounds> bounds() {
        return Optional.ofNullable(bounds);
    }

    @Override
    public String toString() {
        return name;
    }

    private static Tensor elementwise(Tensor x, DoublePredicate p) {
        float[] v = x.data();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = p.test(v[i]) ? 1f : 0f;
        }
        return Tensor.of(out, x.shape());
    }

    /** 1 where every element of the last {@code rank} dimensions of the 1/0 mask is 1. */
    private static Tensor allOverEvent(Tensor mask, int rank) {
        int[] shape = mask.shape();
        int eventSize = 1;
        for (int i = shape.length - rank; i < shape.length; i++) {
            eventSize *= shape[i];
        }
        int[] outShape = java.util.Arrays.copyOf(shape, shape.length - rank);
        float[] m = mask.data();
        int n = eventSize == 0 ? 0 : m.length / eventSize;
        float[] out = new float[n];
        for (int e = 0; e < n; e++) {
            boolean all = true;
            for (int j = 0; j < eventSize && all; j++) {
                all = m[e * eventSize + j] != 0f;
            }
            out[e] = all ? 1f : 0f;
        }
        return Tensor.of(out, outShape);
    }

    private static Tensor checkSimplex(Tensor x) {
        int k = x.dim(-1);
        float[] v = x.data();
        int n = k == 0 ? 0 : v.length / k;
        float[] out = new float[n];
        for (int e = 0; e < n; e++) {
            double sum = 0;
            boolean ok = true;
            for (int j = 0; j < k; j++) {
                float p = v[e * k + j];
                ok &= p >= 0;
                sum += p;
            }
            out[e] = ok && Math.abs(sum - 1.0) <= 1e-5 ? 1f : 0f;
        }
        int[] shape = x.shape();
        return Tensor.of(out, java.util.Arrays.copyOf(shape, shape.length - 1));
    }

    private static Tensor checkOneHot(Tensor x) {
        int k = x.dim(-1);
        float[] v = x.data();
        int n = k == 0 ? 0 : v.length / k;
        float[] out = new float[n];
        for (int e = 0; e < n; e++) {
            int ones = 0;
            boolean binary = true;
            for (int j = 0; j < k; j++) {
                float p = v[e * k + j];
                binary &= p == 0f || p == 1f;
                ones += p == 1f ? 1 : 0;
            }
            out[e] = binary && ones == 1 ? 1f : 0f;
        }
        int[] shape = x.shape();
        return Tensor.of(out, java.util.Arrays.copyOf(shape, shape.length - 1));
    }

    private static Tensor checkLowerCholesky(Tensor x) {
        int n = x.dim(-1);
        if (x.dim(-2) != n) {
            return Tensor.zeros(java.util.Arrays.copyOf(x.shape(), x.rank() - 2));
        }
        float[] v = x.data();
        int count = n == 0 ? 0 : v.length / (n * n);
        float[] out = new float[count];
        for (int e = 0; e < count; e++) {
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                for (int j = 0; j < n && ok; j++) {
                    float a = v[e * n * n + i * n + j];
                    ok = j > i ? a == 0f : (j == i ? a > 0 && Float.isFinite(a) : Float.isFinite(a));
                }
            }
            out[e] = ok ? 1f : 0f;
        }
        return Tensor.of(out, java.util.Arrays.copyOf(x.shape(), x.rank() - 2));
    }

    private static Tensor checkCorrelationCholesky(Tensor x) {
        Tensor lower = checkLowerCholesky(x);
        int n = x.dim(-1);
        if (x.dim(-2) != n) {
            return lower;
        }
        double tolerance = 10.0 * n * Math.ulp(1.0f);
        float[] v = x.data();
        float[] out = lower.data().clone();
        for (int e = 0; e < out.length; e++) {
            for (int i = 0; i < n && out[e] != 0f; i++) {
                double sq = 0;
                for (int j = 0; j <= i; j++) {
                    double a = v[e * n * n + i * n + j];
                    sq += a * a;
                }
                out[e] = Math.abs(Math.sqrt(sq) - 1.0) <= tolerance ? 1f : 0f;
            }
        }
        return Tensor.of(out, lower.shape());
    }
}
