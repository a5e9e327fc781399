package org.elbo4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species of the lane-agnostic kernels (elementwise, reductions), at
 * {@link VectorWidth#bits()}. Each kernel copies them into its own {@code static final} field, so
 * that C2 sees a constant. Only loaded when {@link Simd#enabled()}.
 */
final class Species {

    /** Float vectors of {@link VectorWidth#bits()} bits. */
    static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED.vectorBitSize() == VectorWidth.bits()
            ? FloatVector.SPECIES_PREFERRED
            : VectorSpecies.of(float.class, VectorShape.forBitSize(VectorWidth.bits()));
    /** Double vectors of the same width (half as many lanes). */
    static final VectorSpecies<Double> DOUBLE = DoubleVector.SPECIES_PREFERRED.vectorBitSize() == VectorWidth.bits()
            ? DoubleVector.SPECIES_PREFERRED
            : VectorSpecies.of(double.class, VectorShape.forBitSize(VectorWidth.bits()));

    private Species() {
    }
}
