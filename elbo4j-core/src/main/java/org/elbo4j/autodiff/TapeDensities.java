package org.elbo4j.autodiff;

import java.util.Arrays;
import java.util.function.Function;
import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Beta;
import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.Cauchy;
import org.elbo4j.dist.ContinuousBernoulli;
import org.elbo4j.dist.Dirichlet;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.HalfCauchy;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Laplace;
import org.elbo4j.dist.LkjCholesky;
import org.elbo4j.dist.LogNormal;
import org.elbo4j.dist.LowRankMultivariateNormal;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.OneHotCategorical;
import org.elbo4j.dist.Poisson;
import org.elbo4j.dist.StudentT;
import org.elbo4j.dist.Uniform;
import org.elbo4j.tensor.Tensor;

/**
 * The log-densities of the {@code dist} families on the tape, in double, with the same formulas
 * (and so the same values up to rounding) as their {@code logProb}:
 * <pre>
 *   Normal(μ, σ)       −½ z² − log σ − ½ log 2π,                    z = (x − μ)/σ
 *   LogNormal(μ, σ)    Normal(μ, σ) at log x, − log x
 *   HalfNormal(σ)      ½ log(2/π) − log σ − ½ (x/σ)²
 *   Cauchy(μ, σ)       −log π − log σ − log(1 + z²)
 *   HalfCauchy(σ)      log 2 − log π − log σ − log(1 + (x/σ)²)
 *   StudentT(ν, μ, σ)  lgamma((ν+1)/2) − lgamma(ν/2) − ½ log ν − ½ log π − log σ − (ν+1)/2 · log(1 + z²/ν)
 *   Laplace(μ, σ)      −log 2 − log σ − |x − μ|/σ
 *   Exponential(λ)     log λ − λ x
 *   Gamma(α, β)        α log β + (α − 1) log x − β x − lgamma α
 *   Beta(a, b)         (a − 1) log x + (b − 1) log(1 − x) + lgamma(a + b) − lgamma a − lgamma b
 *   Uniform(l, h)      −log(h − l) on [l, h], −∞ outside
 *   Poisson(λ)         x log λ − λ − lgamma(x + 1)
 *   Bernoulli          x·η − softplus(η) from logits η, else x log p + (1 − x) log(1 − p)
 *   Independent(d, k)  d's log-density summed over its k rightmost dimensions,
 *   ContinuousBernoulli(ℓ)  x·ℓ + log σ(−ℓ) + log C(ℓ)   ({@link ContinuousBernoulliNormalizer})
 * </pre>
 * and, in {@link TapeMultivariate}, Dirichlet, MultivariateNormal (from its Cholesky factor),
 * LowRankMultivariateNormal (Woodbury, with the capacitance matrix's Cholesky factor on the tape),
 * LkjCholesky, Categorical and OneHotCategorical: every family of {@code dist}.
 * The value x and every parameter may be on the tape or constants. Values outside a support are
 * left to the formulas (a caller checks data supports before), except Uniform's bounds.
 */
public final class TapeDensities {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LOG_PI = Math.log(Math.PI);
    private static final double LOG_TWO = Math.log(2);

    private TapeDensities() {
    }

    /**
     * log d(x) on the tape; {@code param} maps each of d's parameter tensors to its node (null when it
     * cannot).
     *
     * @throws NotOnTape for a family not listed above, or a parameter {@code param} cannot map
     */
    public static Var logProb(Distribution d, Var x, Function<Tensor, Var> param) {
        if (d instanceof Independent ind) {
            Var base = logProb(ind.base(), x, param);
            Var s = base;
            for (int k = 0; k < ind.reinterpretedBatchDims(); k++) {
                s = Ops.sum(s, -1, false);
            }
            return s;
        }
        if (d instanceof Normal n) {
            return normal(x, p(param, n.loc(), "Normal.loc"), p(param, n.scale(), "Normal.scale"));
        }
        if (d instanceof LogNormal n) {
            Var lx = x.log();
            return normal(lx, p(param, n.loc(), "LogNormal.loc"), p(param, n.scale(), "LogNormal.scale")).sub(lx);
        }
        if (d instanceof HalfNormal h) {
            Var s = p(param, h.scale(), "HalfNormal.scale");
            return x.div(s).square().mul(-0.5).sub(s.log()).add(0.5 * Math.log(2 / Math.PI));
        }
        if (d instanceof Cauchy c) {
            Var s = p(param, c.scale(), "Cauchy.scale");
            Var z = x.sub(p(param, c.loc(), "Cauchy.loc")).div(s);
            return z.square().log1p().neg().sub(s.log()).add(-LOG_PI);
        }
        if (d instanceof HalfCauchy c) {
            Var s = p(param, c.scale(), "HalfCauchy.scale");
            return x.div(s).square().log1p().neg().sub(s.log()).add(LOG_TWO - LOG_PI);
        }
        if (d instanceof StudentT t) {
            return studentT(x, p(param, t.df(), "StudentT.df"), p(param, t.loc(), "StudentT.loc"),
                    p(param, t.scale(), "StudentT.scale"));
        }
        if (d instanceof Laplace l) {
            Var s = p(param, l.scale(), "Laplace.scale");
            return x.sub(p(param, l.loc(), "Laplace.loc")).abs().div(s).neg().sub(s.log()).add(-LOG_TWO);
        }
        if (d instanceof Exponential e) {
            Var rate = p(param, e.rate(), "Exponential.rate");
            return rate.log().sub(rate.mul(x));
        }
        if (d instanceof Gamma g) {
            Var a = p(param, g.concentration(), "Gamma.concentration");
            Var b = p(param, g.rate(), "Gamma.rate");
            return a.mul(b.log()).add(a.add(-1).mul(x.log())).sub(b.mul(x)).sub(a.lgamma());
        }
        if (d instanceof Beta be) {
            Var a = p(param, be.concentration1(), "Beta.concentration1");
            Var b = p(param, be.concentration0(), "Beta.concentration0");
            return a.add(-1).mul(x.log()).add(b.add(-1).mul(x.neg().log1p()))
                    .add(a.add(b).lgamma()).sub(a.lgamma()).sub(b.lgamma());
        }
        if (d instanceof Uniform u) {
            return uniform(x, p(param, u.low(), "Uniform.low"), p(param, u.high(), "Uniform.high"));
        }
        if (d instanceof Poisson po) {
            Var rate = p(param, po.rate(), "Poisson.rate");
            return x.mul(rate.log()).sub(rate).sub(x.add(1).lgamma());
        }
        if (d instanceof Bernoulli b) {
            Var logits = param.apply(b.logits());
            if (logits != null) {
                return x.mul(logits).sub(logits.softplus());
            }
            Var probs = p(param, b.probs(), "Bernoulli.probs");
            Var one = Tape.scalar(1);
            return x.mul(probs.log()).add(one.sub(x).mul(probs.neg().log1p()));
        }
        if (d instanceof ContinuousBernoulli cb) {
            Var logits = param.apply(cb.logits());
            if (logits == null) {
                Var probs = p(param, cb.probs(), "ContinuousBernoulli.probs");
                logits = probs.log().sub(probs.neg().log1p());
            }
            return x.mul(logits).add(Ops.logSigmoid(logits.neg())).add(ContinuousBernoulliNormalizer.of(logits));
        }
        if (d instanceof Dirichlet di) {
            return TapeMultivariate.dirichlet(x, p(param, di.concentration(), "Dirichlet.concentration"));
        }
        if (d instanceof MultivariateNormal mv) {
            return TapeMultivariate.multivariateNormal(x, p(param, mv.loc(), "MultivariateNormal.loc"),
                    p(param, mv.scaleTril(), "MultivariateNormal.scaleTril"));
        }
        if (d instanceof LowRankMultivariateNormal lr) {
            return TapeMultivariate.lowRankMultivariateNormal(x, p(param, lr.loc(), "LowRankMultivariateNormal.loc"),
                    p(param, lr.covFactor(), "LowRankMultivariateNormal.covFactor"),
                    p(param, lr.covDiag(), "LowRankMultivariateNormal.covDiag"));
        }
        if (d instanceof LkjCholesky lkj) {
            return TapeMultivariate.lkjCholesky(lkj, x, p(param, lkj.concentration(), "LkjCholesky.concentration"));
        }
        if (d instanceof Categorical c) {
            return TapeMultivariate.categorical(c, x, param);
        }
        if (d instanceof OneHotCategorical c) {
            return TapeMultivariate.oneHot(c, x, param);
        }
        throw new NotOnTape("no double-precision log-density for " + d.getClass().getSimpleName());
    }

    static Var normal(Var x, Var loc, Var scale) {
        return x.sub(loc).div(scale).square().mul(-0.5).sub(scale.log()).add(-HALF_LOG_TWO_PI);
    }

    static Var studentT(Var x, Var df, Var loc, Var scale) {
        Var half = df.add(1).mul(0.5);
        Var z = x.sub(loc).div(scale);
        Var norm = half.lgamma().sub(df.mul(0.5).lgamma()).sub(df.log().mul(0.5)).sub(scale.log())
                .add(-0.5 * LOG_PI);
        return norm.sub(half.mul(z.square().div(df).log1p()));
    }

    static Var uniform(Var x, Var low, Var high) {
        Var lp = high.sub(low).log().neg();
        int[] shape = Shapes.broadcast(lp.shape, x.shape);
        int[] il = Shapes.broadcastMap(low.shape, shape);
        int[] ih = Shapes.broadcastMap(high.shape, shape);
        int[] ix = Shapes.broadcastMap(x.shape, shape);
        double[] mask = new double[Shapes.size(shape)];
        boolean any = false;
        for (int i = 0; i < mask.length; i++) {
            double v = x.value[ix == null ? i : ix[i]];
            boolean inside = v >= low.value[il == null ? i : il[i]] && v <= high.value[ih == null ? i : ih[i]];
            mask[i] = inside ? 0 : Double.NEGATIVE_INFINITY;
            any |= !inside;
        }
        return any ? lp.add(Tape.constant(mask, shape)) : lp;
    }

    private static Var p(Function<Tensor, Var> param, Tensor t, String what) {
        Var v = param.apply(t);
        if (v == null) {
            throw new NotOnTape(what + " is computed by an operation the double-precision path does not record");
        }
        return v;
    }

    /** For messages. */
    static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
