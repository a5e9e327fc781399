package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * The continuous Bernoulli distribution on [0, 1] (Loaiza-Ganem and Cunningham, "The continuous
 * Bernoulli: fixing a pervasive error in variational autoencoders", NeurIPS 2019), with shape
 * parameter λ ({@code probs}) or ℓ = log λ − log(1 − λ) ({@code logits}):
 *
 * <pre>  p(x) = C(λ) λˣ (1 − λ)¹⁻ˣ,   C(λ) = 2 artanh(1 − 2λ) / (1 − 2λ) = ℓ / tanh(ℓ/2)   (C(½) = 2)
 *   log p(x) = x·ℓ + log σ(−ℓ) + log C
 *   E[x] = ½ + 1/(2 tanh(ℓ/2)) − 1/ℓ,   Var[x] = 1/ℓ² − 1/(4 sinh²(ℓ/2))
 *   H = −(E[x]·ℓ + log σ(−ℓ) + log C)</pre>
 *
 * <p>Reparameterized draws by the inverse CDF, {@code x = log(1 + U·(eˡ − 1)) / ℓ}. Batch shape:
 * the shape of the parameter; event shape {@code []}.
 *
 * <p>Implementation note: everything is written in ℓ, where the formulas above are exact (in λ
 * they need λ/(1 − λ) and 1 − 2λ, which float32 loses near ½ and near 0 or 1). The closed forms
 * cancel as ℓ → 0, so for |ℓ| < 1 (λ within 0.23 of ½) log C, E[x] and Var[x] use their Taylor
 * series in ℓ² to 12th order (truncation error below 2e-8), and the inverse CDF for |ℓ| < 0.1 uses
 * its series to 4th order; the closed forms are evaluated at a clamped ℓ there so that no NaN
 * reaches the gradient (the "cut" trick of torch.distributions). For ℓ > 0 the inverse CDF uses
 * the symmetry x(ℓ, U) = 1 − x(−ℓ, 1 − U) and is written with log U and log(1 − U) computed in
 * double, so that it neither overflows nor cancels in the tails.
 */
public final class ContinuousBernoulli implements Reparameterizable, HasEntropy {

    /** |ℓ| below which log C, the mean and the variance use their series. */
    private static final double SERIES_CUT = 1.0;
    /** |ℓ| below which the inverse CDF uses its series. */
    private static final double ICDF_CUT = 0.1;
    private static final double LOG_TWO = Math.log(2.0);

    private static final double[] LOG_NORM_SERIES = {
        LOG_TWO, 1.0 / 12, -7.0 / 1440, 31.0 / 90720, -127.0 / 4838400, 73.0 / 34214400,
        -1414477.0 / 7846046208000.0};
    private static final double[] MEAN_SERIES_ODD = {
        1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1209600, 1.0 / 47900160, -691.0 / 1307674368000.0};
    private static final double[] VARIANCE_SERIES = {
        1.0 / 12, -1.0 / 240, 1.0 / 6048, -1.0 / 172800, 1.0 / 5322240, -691.0 / 118879488000.0,
        1.0 / 5748019200.0};

    private final Tensor probs;
    private final Tensor logits;

    private ContinuousBernoulli(Tensor probs, Tensor logits) {
        this.probs = probs;
        this.logits = logits;
    }

    /**
     * ContinuousBernoulli with shape parameter λ = {@code probs}, each in the open interval (0, 1).
     *
     * @throws IllegalArgumentException when an element is not in (0, 1)
     */
    public static ContinuousBernoulli of(Tensor probs) {
        ParamCheck.openUnitInterval("ContinuousBernoulli", "probs", probs);
        return new ContinuousBernoulli(probs, probs.log().sub(probs.neg().log1p()));
    }

    /** ContinuousBernoulli with one shape parameter λ. */
    public static ContinuousBernoulli of(double probs) {
        return of(Tensor.scalar(probs));
    }

    /**
     * ContinuousBernoulli with ℓ = log λ − log(1 − λ) = {@code logits}, each finite.
     *
     * @throws IllegalArgumentException when an element is not finite
     */
    public static ContinuousBernoulli ofLogits(Tensor logits) {
        ParamCheck.finite("ContinuousBernoulli", "logits", logits);
        return new ContinuousBernoulli(logits.sigmoid(), logits);
    }

    /** ContinuousBernoulli with one logit ℓ. */
    public static ContinuousBernoulli ofLogits(double logits) {
        return ofLogits(Tensor.scalar(logits));
    }

    /** The shape parameter λ (not the mean). */
    public Tensor probs() {
        return probs;
    }

    /** ℓ = log λ − log(1 − λ). */
    public Tensor logits() {
        return logits;
    }

    /** 1 where |ℓ| < cut. */
    private Tensor nearHalf(double cut) {
        return Functions.lt(logits.abs(), Tensor.scalar(cut));
    }

    /** |ℓ|, replaced by {@code cut} where it is below the cut. */
    private Tensor safeAbsLogits(Tensor near, double cut) {
        return Functions.where(near, Tensor.scalar(cut), logits.abs());
    }

    /** ℓ, replaced by {@code cut} where |ℓ| is below the cut. */
    private Tensor safeLogits(Tensor near, double cut) {
        return Functions.where(near, Tensor.scalar(cut), logits);
    }

    /** c₀ + c₁s + c₂s² + … by Horner's rule. */
    private static Tensor polynomial(Tensor s, double[] c) {
        Tensor acc = s.mul(c[c.length - 1]).add(c[c.length - 2]);
        for (int i = c.length - 3; i >= 0; i--) {
            acc = acc.mul(s).add(c[i]);
        }
        return acc;
    }

    /** log C(λ) = log |ℓ| − log tanh(|ℓ|/2). */
    public Tensor logNormalizer() {
        Tensor near = nearHalf(SERIES_CUT);
        Tensor a = safeAbsLogits(near, SERIES_CUT);
        Tensor closed = a.log().sub(a.mul(0.5).tanh().log());
        return Functions.where(near, polynomial(logits.square(), LOG_NORM_SERIES), closed);
    }

    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(Support.UNIT_INTERVAL, x, () -> Tensor.scalar(0.5),
                v -> v.mul(logits).add(logits.neg().logSigmoid()).add(logNormalizer()));
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] shape = ParamCheck.concat(ParamCheck.sampleShape("ContinuousBernoulli", sampleShape), logits.shape());
        Tensor[] noise = StandardNoise.uniformWithLogs(rng, shape);
        Tensor u = noise[0];
        Tensor near = nearHalf(ICDF_CUT);
        Tensor positive = Functions.gt(logits, Tensor.scalar(0.0));
        // a = −|ℓ| < 0; with v = U (ℓ ≤ 0) or 1 − U (ℓ > 0): y = log((1 − v) + v·eᵃ)/a.
        Tensor a = safeAbsLogits(near, ICDF_CUT).neg();
        Tensor logOneMinusV = Functions.where(positive, noise[1], noise[2]);
        Tensor logV = Functions.where(positive, noise[2], noise[1]);
        Tensor y = logOneMinusV.add(logV.add(a).sub(logOneMinusV).softplus()).div(a);
        Tensor closed = Functions.where(positive, y.neg().add(1.0), y);
        // x = u + w·[ℓ/2 + ℓ²(1 − 2u)/6 + ℓ³(1 − 6w)/24 + ℓ⁴(1 − 2u)(1 − 12w)/120], w = u(1 − u).
        Tensor w = u.mul(u.neg().add(1.0));
        Tensor oneMinus2u = u.mul(-2.0).add(1.0);
        Tensor l = logits;
        Tensor bracket = l.mul(0.5)
                .add(l.square().mul(oneMinus2u).div(6.0))
                .add(l.pow(3.0).mul(w.mul(-6.0).add(1.0)).div(24.0))
                .add(l.square().square().mul(oneMinus2u).mul(w.mul(-12.0).add(1.0)).div(120.0));
        Tensor series = u.add(w.mul(bracket));
        return Functions.where(near, series, closed);
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        return ParamCheck.withoutGrad(() -> rsample(rng, sampleShape));
    }

    @Override
    public int[] batchShape() {
        return logits.shape();
    }

    @Override
    public int[] eventShape() {
        return new int[0];
    }

    @Override
    public Tensor mean() {
        Tensor near = nearHalf(SERIES_CUT);
        Tensor l = safeLogits(near, SERIES_CUT);
        Tensor closed = Functions.reciprocal(l.mul(0.5).tanh()).mul(0.5).sub(Functions.reciprocal(l)).add(0.5);
        Tensor series = logits.mul(polynomial(logits.square(), MEAN_SERIES_ODD)).add(0.5);
        return Functions.where(near, series, closed);
    }

    @Override
    public Tensor variance() {
        Tensor near = nearHalf(SERIES_CUT);
        Tensor a = safeAbsLogits(near, SERIES_CUT);
        // 1/(4 sinh²(ℓ/2)) = e^{−|ℓ|} / (1 − e^{−|ℓ|})², which neither overflows nor loses precision.
        Tensor inverseSinhTerm = a.neg().exp().div(a.neg().expm1().square());
        Tensor closed = Functions.reciprocal(a.square()).sub(inverseSinhTerm);
        return Functions.where(near, polynomial(logits.square(), VARIANCE_SERIES), closed);
    }

    @Override
    public Tensor entropy() {
        return mean().mul(logits).add(logits.neg().logSigmoid()).add(logNormalizer()).neg();
    }

    @Override
    public Support support() {
        return Support.UNIT_INTERVAL;
    }

    @Override
    public String toString() {
        return "ContinuousBernoulli(logits=" + logits + ")";
    }
}
