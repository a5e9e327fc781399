package org.elbo4j.tensor.kernel;

import static jdk.incubator.vector.VectorOperators.D2F;
import static jdk.incubator.vector.VectorOperators.F2D;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** The vector path of {@link MixedAdam}: floats widened to full double vectors, the scalar tail by {@link MixedAdam#scalar}. */
final class VectorMixedAdam {

    private static final VectorSpecies<Double> DOUBLES = Species.DOUBLE;
    /** Floats that widen to one full double vector: half the bit width. */
    private static final VectorSpecies<Float> HALF_FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
    private static final int LANES = DOUBLES.length();

    private VectorMixedAdam() {
    }

    static void step(float[] x, float[] g, double[] m, double[] v, int off, int from, int to, double scale,
            double clamp, double beta1, double beta2, double stepSize, double bc2Sqrt, double eps) {
        double w1 = 1 - beta1;
        double w2 = 1 - beta2;
        int j = from;
        for (; j + LANES <= to; j += LANES) {
            int i = off + j;
            DoubleVector gi = ((DoubleVector) FloatVector.fromArray(HALF_FLOATS, g, j).convertShape(F2D, DOUBLES, 0))
                    .mul(scale).min(clamp).max(-clamp);
            DoubleVector mi = DoubleVector.fromArray(DOUBLES, m, i).mul(beta1).add(gi.mul(w1));
            DoubleVector vi = DoubleVector.fromArray(DOUBLES, v, i).mul(beta2).add(gi.mul(w2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            DoubleVector xi = (DoubleVector) FloatVector.fromArray(HALF_FLOATS, x, j).convertShape(F2D, DOUBLES, 0);
            xi = xi.sub(mi.mul(stepSize).div(vi.sqrt().div(bc2Sqrt).add(eps)));
            ((FloatVector) xi.convertShape(D2F, HALF_FLOATS, 0)).intoArray(x, j);
        }
        MixedAdam.scalar(x, g, m, v, off, j, to, scale, clamp, beta1, beta2, stepSize, bc2Sqrt, eps);
    }
}
