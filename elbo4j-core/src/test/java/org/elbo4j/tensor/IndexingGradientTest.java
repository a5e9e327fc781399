package org.elbo4j.tensor;

import static org.elbo4j.tensor.GradientCheck.check;
import static org.elbo4j.tensor.GradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks of {@link Indexing}: an element read more than once gets
 * every contribution, an element never read gets 0.
 */
class IndexingGradientTest {

    @Test
    void indexSelectRowsWithRepeat() {
        check("indexSelect(axis 0, [2, 0, 2, 3])", in -> Indexing.indexSelect(in[0], 0, new int[] {2, 0, 2, 3}),
                uniform(501, -2, 2, 4, 3));
    }

    @Test
    void indexSelectMiddleAxisWithRepeat() {
        check("indexSelect(axis 1, [1, 1, 0])", in -> Indexing.indexSelect(in[0], 1, new int[] {1, 1, 0}),
                uniform(502, -2, 2, 2, 3, 2));
    }

    @Test
    void indexSelectGradientCountsRepeats() {
        Tensor x = Tensor.zeros(3).requiresGrad(true);
        Indexing.indexSelect(x, 0, new int[] {2, 0, 2, 2}).sum().backward();
        assertArrayEquals(new float[] {1, 0, 3}, x.grad().data());
    }

    @Test
    void gatherAlongLastAxis() {
        Tensor index = Tensor.of(new float[] {0, 2, 2, 1, 1, 0, 0, 0}, 2, 4);
        check("gather(axis 1)", in -> Indexing.gather(in[0], 1, index), uniform(503, -2, 2, 2, 3));
    }

    @Test
    void gatherAlongFirstAxis() {
        Tensor index = Tensor.of(new float[] {1, 0, 1, 1, 1, 0}, 2, 3);
        check("gather(axis 0)", in -> Indexing.gather(in[0], 0, index), uniform(504, -2, 2, 2, 3));
    }
}
