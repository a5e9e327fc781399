package org.elbo4j.dist.kl;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.dist.Beta;
import org.elbo4j.dist.Cauchy;
import org.elbo4j.dist.Exponential;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.HalfCauchy;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.Laplace;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Uniform;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * Closed-form KL divergences KL(p || q) between scalar continuous families (as in
 * torch.distributions.kl; r = σ_p/σ_q, etc.):
 *
 * <pre>  Normal:      ½ (σp²/σq² + (μp − μq)²/σq² − 1 − log(σp²/σq²))
 *   Laplace:     −log(bp/bq) + |μp − μq|/bq + (bp/bq)·exp(−|μp − μq|/bp) − 1
 *   Exponential: λq/λp − log(λq/λp) − 1
 *   Uniform:     log((hq − lq)/(hp − lp)) when [lp, hp] ⊆ [lq, hq], else +∞
 *   Gamma(α, β): αq log(βp/βq) + log Γ(αq) − log Γ(αp) + (αp − αq) ψ(αp) + (βq − βp) αp/βp
 *   Beta(a, b):  log B(c, d) − log B(a, b) + (a − c) ψ(a) + (b − d) ψ(b) + (c + d − a − b) ψ(a + b)
 *                for q = Beta(c, d)
 *   Cauchy:      log((γp + γq)² + (μp − μq)²) − log(4 γp γq)   (Chyzak and Nielsen 2019)
 *   HalfNormal:  ½ (σp²/σq² − 1 − log(σp²/σq²))
 *   HalfCauchy:  log((γp + γq)²) − log(4 γp γq)</pre>
 *
 * <p>The half families fold a law symmetric about 0 onto [0, ∞), doubling both densities, so
 * their KL equals that of the unfolded pair (Normal, Cauchy) at location 0. Implementation note:
 * the Cauchy forms are evaluated as {@code log1p(((γp − γq)² + (μp − μq)²) / (4 γp γq))}, the
 * same value since (γp + γq)² = (γp − γq)² + 4 γp γq, without the cancellation of two logs when
 * p is close to q.
 *
 * <p>Implementation note: the Gamma and Beta forms are evaluated in double by a scalar kernel
 * with hand-written partial derivatives (∂/∂αp = (αp − αq)ψ'(αp) + βq/βp − 1, …), because in
 * float32 their log Γ terms cancel at large concentrations; log B comes from Commons Numbers'
 * LogBeta, which does not cancel. The others are ratios and are composed from tensor operations.
 */
final class UnivariateKlRules {

    private UnivariateKlRules() {
    }

    static void registerAll() {
        Kl.register(Normal.class, Normal.class, UnivariateKlRules::normal);
        Kl.register(Laplace.class, Laplace.class, UnivariateKlRules::laplace);
        Kl.register(Exponential.class, Exponential.class, UnivariateKlRules::exponential);
        Kl.register(Uniform.class, Uniform.class, UnivariateKlRules::uniform);
        Kl.register(Gamma.class, Gamma.class, UnivariateKlRules::gamma);
        Kl.register(Beta.class, Beta.class, UnivariateKlRules::beta);
        Kl.register(Cauchy.class, Cauchy.class, UnivariateKlRules::cauchy);
        Kl.register(HalfNormal.class, HalfNormal.class, UnivariateKlRules::halfNormal);
        Kl.register(HalfCauchy.class, HalfCauchy.class, UnivariateKlRules::halfCauchy);
    }

    static Tensor normal(Normal p, Normal q) {
        Tensor varRatio = p.scale().div(q.scale()).square();
        Tensor t1 = p.loc().sub(q.loc()).div(q.scale()).square();
        return varRatio.add(t1).sub(1.0).sub(varRatio.log()).mul(0.5);
    }

    static Tensor cauchy(Cauchy p, Cauchy q) {
        Tensor spread = p.scale().sub(q.scale()).square().add(p.loc().sub(q.loc()).square());
        return spread.div(p.scale().mul(q.scale()).mul(4.0)).log1p();
    }

    static Tensor halfNormal(HalfNormal p, HalfNormal q) {
        Tensor varRatio = p.scale().div(q.scale()).square();
        return varRatio.sub(1.0).sub(varRatio.log()).mul(0.5);
    }

    static Tensor halfCauchy(HalfCauchy p, HalfCauchy q) {
        return p.scale().sub(q.scale()).square().div(p.scale().mul(q.scale()).mul(4.0)).log1p();
    }

    static Tensor laplace(Laplace p, Laplace q) {
        Tensor scaleRatio = p.scale().div(q.scale());
        Tensor gap = p.loc().sub(q.loc()).abs();
        Tensor t3 = scaleRatio.mul(gap.div(p.scale()).neg().exp());
        return scaleRatio.log().neg().add(gap.div(q.scale())).add(t3).sub(1.0);
    }

    static Tensor exponential(Exponential p, Exponential q) {
        Tensor rateRatio = q.rate().div(p.rate());
        return rateRatio.sub(rateRatio.log()).sub(1.0);
    }

    static Tensor uniform(Uniform p, Uniform q) {
        Tensor kl = q.high().sub(q.low()).div(p.high().sub(p.low())).log();
        Tensor inside = Functions.le(q.low(), p.low()).mul(Functions.le(p.high(), q.high()));
        return Functions.where(inside, kl, Tensor.scalar(Double.POSITIVE_INFINITY));
    }

    static Tensor gamma(Gamma p, Gamma q) {
        return DoubleKernel.apply("klGammaGamma", (a, d) -> {
            double ap = a[0];
            double bp = a[1];
            double aq = a[2];
            double bq = a[3];
            double psiP = Digamma.value(ap);
            d[0] = (ap - aq) * Trigamma.value(ap) + bq / bp - 1.0;
            d[1] = aq / bp - ap * bq / (bp * bp);
            d[2] = Math.log(bp / bq) + Digamma.value(aq) - psiP;
            d[3] = ap / bp - aq / bq;
            return aq * Math.log(bp / bq) + LogGamma.value(aq) - LogGamma.value(ap) + (ap - aq) * psiP
                    + (bq - bp) * ap / bp;
        }, p.concentration(), p.rate(), q.concentration(), q.rate());
    }

    static Tensor beta(Beta p, Beta q) {
        return DoubleKernel.apply("klBetaBeta", (x, d) -> {
            double a = x[0];
            double b = x[1];
            double c = x[2];
            double e = x[3];
            double sp = a + b;
            double sq = c + e;
            double psiA = Digamma.value(a);
            double psiB = Digamma.value(b);
            double psiSp = Digamma.value(sp);
            double triSp = Trigamma.value(sp);
            d[0] = (a - c) * Trigamma.value(a) + (sq - sp) * triSp;
            d[1] = (b - e) * Trigamma.value(b) + (sq - sp) * triSp;
            d[2] = Digamma.value(c) - Digamma.value(sq) - psiA + psiSp;
            d[3] = Digamma.value(e) - Digamma.value(sq) - psiB + psiSp;
            return LogBeta.value(c, e) - LogBeta.value(a, b) + (a - c) * psiA + (b - e) * psiB + (sq - sp) * psiSp;
        }, p.concentration1(), p.concentration0(), q.concentration1(), q.concentration0());
    }
}
