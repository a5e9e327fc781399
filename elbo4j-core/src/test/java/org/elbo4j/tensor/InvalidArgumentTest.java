package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad shapes and arguments are rejected with an {@link IllegalArgumentException} whose message
 * names the operation and the shapes (or values) involved. One test per bad input.
 */
class InvalidArgumentTest {

    private static final Tensor A23 = Tensor.zeros(2, 3);
    private static final Tensor A4 = Tensor.zeros(4);

    /** Asserts the call is rejected and its message contains every fragment. */
    private static void rejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" lacks \"" + f + "\"");
        }
    }

    @Test
    void addOfShapesThatDoNotBroadcast() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arith.add(A23, A4));
        assertEquals("add: shapes [2, 3] and [4] cannot be broadcast together", e.getMessage());
    }

    @Test
    void everyBinaryOpNamesItselfAndBothShapes() {
        rejected(() -> Arith.sub(A23, A4), "sub:", "[2, 3]", "[4]");
        rejected(() -> Arith.mul(A23, A4), "mul:", "[2, 3]", "[4]");
        rejected(() -> Arith.div(A23, A4), "div:", "[2, 3]", "[4]");
        rejected(() -> Arith.pow(A23, A4), "pow:", "[2, 3]", "[4]");
        rejected(() -> Arith.maximum(A23, A4), "maximum:", "[2, 3]", "[4]");
        rejected(() -> Arith.minimum(A23, A4), "minimum:", "[2, 3]", "[4]");
        rejected(() -> Functions.where(A23, A23, A4), "where:", "[2, 3]", "[4]");
        rejected(() -> Functions.gt(A23, A4), "gt:", "[2, 3]", "[4]");
    }

    @Test
    void matmulInnerDimensionMismatch() {
        rejected(() -> LinAlg.matmul(A23, Tensor.zeros(4, 5)), "matmul:", "[2, 3]", "[4, 5]", "3 vs 4");
    }

    @Test
    void matmulOfVector() {
        rejected(() -> LinAlg.matmul(A4, Tensor.zeros(4, 2)), "matmul:", "rank", "[4]", "[4, 2]");
    }

    @Test
    void matmulBatchMismatch() {
        rejected(() -> LinAlg.matmul(Tensor.zeros(2, 3, 4), Tensor.zeros(3, 4, 5)), "matmul:", "[2, 3, 4]", "[3, 4, 5]");
    }

    @Test
    void reshapeSizeMismatch() {
        rejected(() -> A23.reshape(4), "reshape:", "[2, 3]", "[4]");
    }

    @Test
    void reshapeWithTwoInferredDimensions() {
        rejected(() -> A23.reshape(-1, -1), "reshape:", "-1");
    }

    @Test
    void axisOutOfRange() {
        rejected(() -> A23.sum(2, false), "sum:", "axis 2", "rank 2");
        rejected(() -> A23.mean(-3, true), "mean:", "axis -3", "rank 2");
        rejected(() -> A23.max(2, false), "max:", "axis 2");
        rejected(() -> A23.logSumExp(5, false), "logSumExp:", "axis 5");
        rejected(() -> Reductions.softmax(A23, 2), "axis 2");
        rejected(() -> A23.transpose(0, 2), "transpose:", "axis 2");
        rejected(() -> A23.unsqueeze(3), "unsqueeze:", "axis 3");
    }

    @Test
    void sliceOutOfRange() {
        rejected(() -> A23.slice(1, 1, 4), "slice:", "[1, 4)", "[2, 3]");
    }

    @Test
    void sliceWithStartAfterEnd() {
        rejected(() -> A23.slice(0, 2, 1), "slice:", "[2, 1)", "[2, 3]");
    }

    @Test
    void concatRankMismatch() {
        rejected(() -> Tensor.concat(List.of(A23, A4), 0), "concat:", "[2, 3]", "[4]", "rank");
    }

    @Test
    void concatMismatchOutsideAxis() {
        rejected(() -> Tensor.concat(List.of(A23, Tensor.zeros(3, 3)), 1), "concat:", "[2, 3]", "[3, 3]");
    }

    @Test
    void stackOfDifferentShapes() {
        rejected(() -> Tensor.stack(List.of(A23, Tensor.zeros(3, 2)), 0), "stack:", "[2, 3]", "[3, 2]");
    }

    @Test
    void indexSelectOutOfBounds() {
        rejected(() -> A23.indexSelect(1, new int[] {0, 3}), "indexSelect:", "index 3", "[2, 3]");
        rejected(() -> A23.indexSelect(0, new int[] {-1}), "indexSelect:", "index -1", "[2, 3]");
    }

    @Test
    void gatherWithNonIntegerIndex() {
        rejected(() -> Indexing.gather(A23, 1, Tensor.of(new float[] {0, 0.5f}, 2, 1)), "gather:", "0.5");
    }

    @Test
    void gatherWithIndexOutOfRange() {
        rejected(() -> Indexing.gather(A23, 1, Tensor.of(new float[] {0, 3}, 2, 1)), "gather:", "3.0");
    }

    @Test
    void gatherWithMismatchedIndexShape() {
        rejected(() -> Indexing.gather(A23, 1, Tensor.zeros(3, 1)), "gather:", "[3, 1]", "[2, 3]");
    }

    @Test
    void clampWithMinAboveMax() {
        rejected(() -> A23.clamp(2, 1), "clamp:", "min=2.0", "max=1.0");
    }

    @Test
    void clampWithNaNBound() {
        rejected(() -> A23.clamp(Double.NaN, 1), "clamp:", "min=NaN");
        rejected(() -> A23.clamp(0, Double.NaN), "clamp:", "max=NaN");
    }

    @Test
    void expandToIncompatibleShape() {
        rejected(() -> A23.expand(3, 3), "expand:", "[2, 3]", "[3, 3]");
        rejected(() -> A23.expand(3), "expand:", "[2, 3]", "[3]");
    }

    @Test
    void squeezeOfDimensionNotOne() {
        rejected(() -> A23.squeeze(0), "squeeze:", "[2, 3]");
    }

    @Test
    void permuteWithRepeatedAxis() {
        rejected(() -> Tensor.zeros(2, 3, 4).permute(0, 1, 1), "permute:", "repeat");
    }

    @Test
    void tensorOfWrongNumberOfValues() {
        rejected(() -> Tensor.of(new float[5], 2, 3), "Tensor.of:", "5", "[2, 3]");
    }
}
