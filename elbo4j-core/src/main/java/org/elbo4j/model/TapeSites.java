package org.elbo4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.autodiff.NotOnTape;
import org.elbo4j.autodiff.Ops;
import org.elbo4j.autodiff.Tape;
import org.elbo4j.autodiff.TapeDensities;
import org.elbo4j.autodiff.Var;
import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.OpHook;
import org.elbo4j.tensor.Tensor;

/**
 * The double-precision side of one run of a model: it listens to the tensor operations the model
 * calls ({@link OpHook}) and replays each on a {@link Tape} in double, so that every tensor the
 * model computes from its parameters has a node holding the same quantity in double; the sites'
 * log-densities are then evaluated on the tape ({@link TapeDensities}) and summed per particle:
 * <pre>
 *   log p(θ) = Σ_sample sites Σ log prior(value),   L = Σ_observe sites s_site Σ log p(data | θ),
 * </pre>
 * as {@link ModelContext} does in float32. A tensor the listener has not seen is a constant (data)
 * when it does not require gradients; one that does was computed from the parameters by an
 * operation that is not reported to {@link OpHook} (a {@code CustomOp}, a fused kernel), and using it
 * throws {@link NotOnTape}, so that the caller falls back to the
 * float32 path rather than differentiate a wrong function. That check needs the parameters' float32
 * images to require gradients: {@link TapeDensity} makes them so in its probe run only.
 */
final class TapeSites implements OpHook.Listener {

    private final Map<Tensor, Var> nodes = new IdentityHashMap<>();
    private Var logPrior;
    private Var likelihood;

    /** Binds a tensor (a parameter's float32 image) to its node. */
    void bind(Tensor t, Var v) {
        nodes.put(t, v);
    }

    /** The node of {@code t}, a constant for data; null for a parameter-dependent tensor never recorded. */
    Var lookup(Tensor t) {
        Var v = nodes.get(t);
        if (v != null) {
            return v;
        }
        if (t.requiresGrad()) {
            return null;
        }
        v = Tape.constant(t.toDoubleArray(), t.shape());
        nodes.put(t, v);
        return v;
    }

    private Var require(Tensor t, OpHook.Op op) {
        Var v = lookup(t);
        if (v == null) {
            throw new NotOnTape("an input of " + op + " was computed from the parameters by an operation"
                    + " that the double-precision path does not record (" + (t.op() == null ? "" : "'" + t.op() + "', ")
                    + "shape " + Arrays.toString(t.shape()) + ")");
        }
        return v;
    }

    @Override
    public void op(OpHook.Op op, Tensor out, Tensor[] in, double c, double c2, int[] ints) {
        Tensor a = in[0];
        Var r = switch (op) {
            case CONCAT -> Ops.concat(all(in, op), ints[0]);
            case STACK -> Ops.stack(all(in, op), ints[0]);
            case GATHER -> Ops.gather(require(a, op), ints[0], integers(in[1], op), in[1].shape());
            case WHERE -> Ops.where(in[0].toDoubleArray(), in[0].shape(), require(in[1], op), require(in[2], op));
            case SOLVE_TRIANGULAR -> solveTriangular(require(a, op), require(in[1], op), out.shape(), ints[0] == 1,
                    ints[1] == 1);
            default -> elementary(op, out, a, require(a, op), in.length > 1 ? require(in[1], op) : null, c, c2, ints);
        };
        if (!Arrays.equals(r.shape(), out.shape())) {
            throw new NotOnTape(op + " gave shape " + Arrays.toString(r.shape()) + " on the tape but "
                    + Arrays.toString(out.shape()) + " in float32");
        }
        nodes.put(out, r);
    }

    private List<Var> all(Tensor[] in, OpHook.Op op) {
        List<Var> v = new ArrayList<>(in.length);
        for (Tensor t : in) {
            v.add(require(t, op));
        }
        return v;
    }

    /** The values of an index tensor, which must be data (not computed from the parameters). */
    private static int[] integers(Tensor t, OpHook.Op op) {
        if (t.requiresGrad()) {
            throw new NotOnTape("the index of " + op + " depends on the parameters");
        }
        float[] f = t.data();
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = (int) f[i];
        }
        return out;
    }

    private static Var elementary(OpHook.Op op, Tensor out, Tensor a, Var x, Var y, double c, double c2, int[] ints) {
        return switch (op) {
            case ADD -> x.add(y);
            case ADD_SCALAR -> Ops.affine(x, 1, c);
            case SUB -> x.sub(y);
            case SUB_SCALAR -> Ops.affine(x, 1, -c);
            case MUL -> x.mul(y);
            case SCALE -> Ops.affine(x, c, 0);
            case DIV -> x.div(y);
            case POW -> x.pow(y);
            case POW_SCALAR -> Ops.pow(x, c);
            case EXP -> Ops.exp(x);
            case LOG -> Ops.log(x);
            case LOG1P -> Ops.log1p(x);
            case EXPM1 -> Ops.expm1(x);
            case SQRT -> Ops.sqrt(x);
            case SQUARE -> Ops.square(x);
            case ABS -> Ops.abs(x);
            case TANH -> Ops.tanh(x);
            case SIGMOID -> Ops.sigmoid(x);
            case LOG_SIGMOID -> Ops.logSigmoid(x);
            case SOFTPLUS -> Ops.softplus(x);
            case RELU -> Ops.relu(x);
            case LGAMMA -> Ops.lgamma(x);
            case DIGAMMA -> Ops.digamma(x);
            case RECIPROCAL -> Ops.reciprocal(x);
            case CHOLESKY -> Ops.cholesky(x);
            case DIAGONAL -> Ops.diagonal(x);
            case CLAMP -> Ops.clamp(x, c, c2);
            case SUM_ALL -> Ops.reshape(Ops.sum(x), out.shape());
            case SUM -> Ops.sum(x, ints[0], ints[1] == 1);
            case MEAN_ALL -> Ops.affine(Ops.reshape(Ops.sum(x), out.shape()), 1.0 / Math.max(1, x.size()), 0);
            case MEAN -> Ops.affine(Ops.sum(x, ints[0], ints[1] == 1), 1.0 / a.dim(ints[0]), 0);
            case RESHAPE -> Ops.reshape(x, out.shape());
            case TRANSPOSE -> Ops.transpose(x, ints[0], ints[1]);
            case PERMUTE -> Ops.permute(x, ints);
            case SLICE -> Ops.slice(x, ints[0], ints[1], ints[2]);
            case INDEX_SELECT -> Ops.indexSelect(x, (int) c, ints);
            case EXPAND -> Ops.expand(x, out.shape());
            case MATMUL -> Ops.matmul(x, y, ints[0] == 1, ints[1] == 1);
            case LOG_SUM_EXP -> Ops.logSumExp(x, ints[0], ints[1] == 1);
            case MAX -> Ops.max(x, ints[0], ints[1] == 1);
            case LOG_SOFTMAX -> Ops.logSoftmax(x, ints[0]);
            case SOFTMAX -> Ops.softmax(x, ints[0]);
            case CONCAT, STACK, GATHER, WHERE, SOLVE_TRIANGULAR -> throw new IllegalStateException(op + " has its own inputs");
        };
    }

    /**
     * {@code op(T)⁻¹ B} with the batch rule of {@code Decompositions.solveTriangular} (equal leading
     * shapes, or one side's of one element, reused): the reused side is expanded to the result's.
     */
    private static Var solveTriangular(Var t, Var b, int[] outShape, boolean lower, boolean transpose) {
        int r = outShape.length;
        int[] tShape = outShape.clone();
        tShape[r - 1] = outShape[r - 2];
        Var te = Arrays.equals(t.shape(), tShape) ? t : Ops.expand(t, tShape);
        Var be = Arrays.equals(b.shape(), outShape) ? b : Ops.expand(b, outShape);
        return Ops.solveTriangular(te, be, lower, transpose);
    }

    /** log d(x) on the tape, x a model value or data. */
    Var logProb(Distribution d, Tensor x) {
        Var v = lookup(x);
        if (v == null) {
            throw new NotOnTape("a value scored by " + d.getClass().getSimpleName()
                    + " was computed by an operation the double-precision path does not record" + producer(x));
        }
        Tensor[] missing = new Tensor[1];
        try {
            return TapeDensities.logProb(d, v, t -> {
                Var p = lookup(t);
                if (p == null) {
                    missing[0] = t;
                }
                return p;
            });
        } catch (NotOnTape e) {
            throw missing[0] == null || missing[0].op() == null ? e : new NotOnTape(e.getMessage() + producer(missing[0]));
        }
    }

    /** " ('op')" naming the float32 operation that computed t, when it has one. */
    private static String producer(Tensor t) {
        return t.op() == null ? "" : " ('" + t.op() + "')";
    }

    void addPrior(Var lp, int m, int rank) {
        Var t = perParticle(lp, m, rank);
        logPrior = logPrior == null ? t : logPrior.add(t);
    }

    void addLikelihood(Var lp, int m, int rank, double scale) {
        Var t = perParticle(lp, m, rank);
        if (scale != 1) {
            t = t.mul(scale);
        }
        likelihood = likelihood == null ? t : likelihood.add(t);
    }

    /** log p(θ) + L, shape {@code [m]}. */
    Var logJoint(int m) {
        Var zero = Tape.constant(new double[m], m);
        Var p = logPrior == null ? zero : logPrior;
        return likelihood == null ? p.add(zero) : p.add(likelihood);
    }

    /** The sum of lp over every dimension but the first, after padding it to {@code rank}; shape {@code [m]}. */
    static Var perParticle(Var lp, int m, int rank) {
        int[] s = lp.shape();
        int[] padded = SiteShapes.leftPad(s, rank);
        Var x = Arrays.equals(padded, s) ? lp : Ops.reshape(lp, padded);
        int[] keep = new int[rank];
        Arrays.fill(keep, 1);
        keep[0] = padded[0];
        Var r = Ops.reshape(Ops.sumTo(x, keep), padded[0]);
        return padded[0] == m ? r : Ops.expand(r, m);
    }
}
