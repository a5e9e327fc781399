package org.elbo4j.tensor.kernel;

import static jdk.incubator.vector.VectorOperators.F2D;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector paths of {@link Reduce}. Only touched when {@link Simd#enabled()}. Ranges are checked
 * by the caller. As in {@link VectorBlocks}, no helper takes or returns a vector.
 */
final class VectorReduce {

    private static final VectorSpecies<Double> DOUBLES = Species.DOUBLE;
    /** Floats that widen to one full double vector: half the bit width. */
    private static final VectorSpecies<Float> HALF_FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
    private static final int DLANES = DOUBLES.length();
    private static final VectorSpecies<Float> FLOATS = Species.FLOAT;
    private static final int FLANES = FLOATS.length();

    private VectorReduce() {
    }

    static double sum(float[] a, int off, int n) {
        DoubleVector s0 = DoubleVector.zero(DOUBLES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int step = 4 * DLANES;
        int i = off;
        int bound = off + n - n % step;
        for (; i < bound; i += step) {
            s0 = s0.add(FloatVector.fromArray(HALF_FLOATS, a, i).convertShape(F2D, DOUBLES, 0));
            s1 = s1.add(FloatVector.fromArray(HALF_FLOATS, a, i + DLANES).convertShape(F2D, DOUBLES, 0));
            s2 = s2.add(FloatVector.fromArray(HALF_FLOATS, a, i + 2 * DLANES).convertShape(F2D, DOUBLES, 0));
            s3 = s3.add(FloatVector.fromArray(HALF_FLOATS, a, i + 3 * DLANES).convertShape(F2D, DOUBLES, 0));
        }
        double[] lanes = s0.add(s1).add(s2.add(s3)).toArray();
        double s = 0.0;
        for (double lane : lanes) {
            s += lane;
        }
        for (; i < off + n; i++) {
            s += a[i];
        }
        return s;
    }

    /**
     * Four accumulators: a lane-wise max with {@link Math#max} semantics is a chain of several
     * instructions on x86, and one accumulator would wait on it every step.
     */
    static float max(float[] a, int off, int n) {
        int step = 4 * FLANES;
        int i = off;
        int bound = off + n - n % step;
        float m = a[off];
        if (bound > off) {
            FloatVector m0 = FloatVector.fromArray(FLOATS, a, off);
            FloatVector m1 = FloatVector.fromArray(FLOATS, a, off + FLANES);
            FloatVector m2 = FloatVector.fromArray(FLOATS, a, off + 2 * FLANES);
            FloatVector m3 = FloatVector.fromArray(FLOATS, a, off + 3 * FLANES);
            for (i = off + step; i < bound; i += step) {
                m0 = m0.max(FloatVector.fromArray(FLOATS, a, i));
                m1 = m1.max(FloatVector.fromArray(FLOATS, a, i + FLANES));
                m2 = m2.max(FloatVector.fromArray(FLOATS, a, i + 2 * FLANES));
                m3 = m3.max(FloatVector.fromArray(FLOATS, a, i + 3 * FLANES));
            }
            for (float lane : m0.max(m1).max(m2.max(m3)).toArray()) {
                m = Math.max(m, lane);
            }
        }
        for (; i < off + n; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }
}
