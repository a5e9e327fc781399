package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.CustomOp;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * Student's t distribution with {@code df} ν degrees of freedom, location μ and scale σ:
 *
 * <pre>  log p(x) = lgamma((ν+1)/2) − lgamma(ν/2) − ½ log(νπ) − log σ − (ν+1)/2 · log(1 + z²/ν),
 *   z = (x − μ)/σ
 *   E[x] = μ (ν > 1; NaN otherwise),   Var[x] = σ²ν/(ν − 2) (ν > 2; ∞ for 1 < ν ≤ 2; NaN otherwise)
 *   H = (ν+1)/2 · [ψ((ν+1)/2) − ψ(ν/2)] + ½ log ν + log B(ν/2, ½) + log σ</pre>
 *
 * <p>Reparameterized draws {@code x = μ + σ·ε·√(ν / (2G))} with ε ~ N(0, 1) and
 * G ~ Gamma(ν/2, 1) (so 2G ~ χ²_ν), G drawn by Marsaglia–Tsang. The draw is differentiable in
 * μ and σ, and in ν through G by the implicit reparameterization gradient of Figurnov et al.
 * (2018), {@code d log G / dα} at a fixed CDF level. Batch shape: the broadcast shape of df, loc
 * and scale; event shape {@code []}.
 */
public final class StudentT implements Reparameterizable, HasEntropy {

    private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI);
    private static final double LOG_TWO = Math.log(2.0);

    private final Tensor df;
    private final Tensor loc;
    private final Tensor scale;
    private final int[] batchShape;

    private StudentT(Tensor df, Tensor loc, Tensor scale, int[] batchShape) {
        this.df = df;
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    /**
     * StudentT(df, loc, scale) with the three broadcast to a common batch shape.
     *
     * @throws IllegalArgumentException when an element of df or scale is not finite and > 0, of loc
     *     not finite, or the shapes do not broadcast
     */
    public static StudentT of(Tensor df, Tensor loc, Tensor scale) {
        ParamCheck.positive("StudentT", "df", df);
        ParamCheck.finite("StudentT", "loc", loc);
        ParamCheck.positive("StudentT", "scale", scale);
        int[] shape = ParamCheck.broadcastShape("StudentT", new String[] {"df", "loc", "scale"},
                df.shape(), loc.shape(), scale.shape());
        return new StudentT(ParamCheck.expandTo(df, shape), ParamCheck.expandTo(loc, shape),
                ParamCheck.expandTo(scale, shape), shape);
    }

    /** StudentT(df, loc, scale) for one set of parameters. */
    public static StudentT of(double df, double loc, double scale) {
        return of(Tensor.scalar(df), Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** The degrees of freedom ν. */
    public Tensor df() {
        return df;
    }

    /** The location μ. */
    public Tensor loc() {
        return loc;
    }

    /** The scale σ. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Tensor logProb(Tensor x) {
        Tensor z = x.sub(loc).div(scale);
        Tensor halfDfPlusHalf = df.add(1.0).mul(0.5);
        Tensor normaliser = halfDfPlusHalf.lgamma().sub(df.mul(0.5).lgamma()).sub(df.log().mul(0.5))
                .sub(HALF_LOG_PI).sub(scale.log());
        return normaliser.sub(halfDfPlusHalf.mul(z.square().div(df).log1p()));
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] shape = ParamCheck.concat(ParamCheck.sampleShape("StudentT", sampleShape), batchShape);
        Tensor alpha = ParamCheck.expandTo(df.mul(0.5), shape);
        float[] a = alpha.data();
        float[] logG = new float[a.length];
        float[] dLogG = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            double lg = GammaSampler.logStandardGamma(rng, a[i]);
            logG[i] = (float) lg;
            dLogG[i] = (float) ImplicitGammaGradient.logDerivative(a[i], lg);
        }
        Tensor slope = Tensor.of(dLogG, shape);
        Tensor logGamma = CustomOp.of("logStandardGammaDraw", logG, shape,
                g -> new Tensor[] {g.mul(slope)}, alpha);
        Tensor eps = Tensor.randn(rng, shape);
        Tensor stretch = df.log().sub(logGamma).sub(LOG_TWO).mul(0.5).exp();
        return loc.add(scale.mul(eps).mul(stretch));
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        return ParamCheck.withoutGrad(() -> rsample(rng, sampleShape));
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return new int[0];
    }

    @Override
    public Tensor mean() {
        return Functions.where(Functions.gt(df, Tensor.scalar(1.0)), loc, Tensor.scalar(Double.NaN));
    }

    @Override
    public Tensor variance() {
        Tensor safeDf = Functions.where(Functions.gt(df, Tensor.scalar(2.0)), df, Tensor.scalar(3.0));
        Tensor finite = scale.square().mul(safeDf).div(safeDf.sub(2.0));
        Tensor undefinedOrInfinite = Functions.where(Functions.gt(df, Tensor.scalar(1.0)),
                Tensor.scalar(Double.POSITIVE_INFINITY), Tensor.scalar(Double.NaN));
        return Functions.where(Functions.gt(df, Tensor.scalar(2.0)), finite, undefinedOrInfinite);
    }

    @Override
    public Tensor entropy() {
        Tensor half = df.mul(0.5);
        Tensor halfPlus = df.add(1.0).mul(0.5);
        Tensor logBeta = half.lgamma().add(HALF_LOG_PI).sub(halfPlus.lgamma());
        return halfPlus.mul(halfPlus.digamma().sub(half.digamma())).add(df.log().mul(0.5)).add(logBeta)
                .add(scale.log());
    }

    @Override
    public Support support() {
        return Support.REAL;
    }

    @Override
    public String toString() {
        return "StudentT(df=" + df + ", loc=" + loc + ", scale=" + scale + ")";
    }
}
