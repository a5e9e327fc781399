package org.elbo4j.tensor;

import static org.elbo4j.tensor.GradientCheck.check;
import static org.elbo4j.tensor.GradientCheck.distinct;
import static org.elbo4j.tensor.GradientCheck.signed;
import static org.elbo4j.tensor.GradientCheck.uniform;

import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks of {@link Arith}: each binary operation on equal shapes and
 * under broadcasting ({@code [3,4]∘[4]}, {@code [3,1]∘[1,4]}, {@code [2,3,4]∘[3,1]}, scalar with
 * tensor), where the gradient of the broadcast operand must be summed back to its shape.
 * Tolerances are {@link GradientCheck#REL_TOL} and {@link GradientCheck#ABS_TOL}.
 */
class ArithGradientTest {

    @Test
    void addSameShape() {
        check("add", in -> Arith.add(in[0], in[1]), uniform(1, -2, 2, 3, 4), uniform(2, -2, 2, 3, 4));
    }

    @Test
    void addRowBroadcast() {
        check("add [3,4]+[4]", in -> Arith.add(in[0], in[1]), uniform(3, -2, 2, 3, 4), uniform(4, -2, 2, 4));
    }

    @Test
    void addScalarWithTensor() {
        check("add []+[3,4]", in -> Arith.add(in[0], in[1]), Tensor.scalar(0.7), uniform(5, -2, 2, 3, 4));
    }

    @Test
    void subSameShape() {
        check("sub", in -> Arith.sub(in[0], in[1]), uniform(6, -2, 2, 2, 5), uniform(7, -2, 2, 2, 5));
    }

    @Test
    void subRank3MinusColumn() {
        check("sub [2,3,4]-[3,1]", in -> Arith.sub(in[0], in[1]),
                uniform(8, -2, 2, 2, 3, 4), uniform(9, -2, 2, 3, 1));
    }

    @Test
    void subTensorMinusScalar() {
        check("sub [2,3]-[]", in -> Arith.sub(in[0], in[1]), uniform(10, -2, 2, 2, 3), Tensor.scalar(-1.3));
    }

    @Test
    void mulSameShape() {
        check("mul", in -> Arith.mul(in[0], in[1]), uniform(11, -2, 2, 3, 4), uniform(12, -2, 2, 3, 4));
    }

    @Test
    void mulOuterBroadcast() {
        check("mul [3,1]*[1,4]", in -> Arith.mul(in[0], in[1]), uniform(13, -2, 2, 3, 1), uniform(14, -2, 2, 1, 4));
    }

    @Test
    void mulScalarWithTensor() {
        check("mul []*[2,3]", in -> Arith.mul(in[0], in[1]), Tensor.scalar(1.7), uniform(15, -2, 2, 2, 3));
    }

    @Test
    void divSameShape() {
        check("div", in -> Arith.div(in[0], in[1]), uniform(16, -2, 2, 3, 4), signed(17, 0.5, 2, 3, 4));
    }

    @Test
    void divRowBroadcast() {
        check("div [3,4]/[4]", in -> Arith.div(in[0], in[1]), uniform(18, -2, 2, 3, 4), signed(19, 0.5, 2, 4));
    }

    @Test
    void divScalarByTensor() {
        check("div []/[2,3]", in -> Arith.div(in[0], in[1]), Tensor.scalar(2.5), signed(20, 0.5, 2, 2, 3));
    }

    @Test
    void powTensorExponent() {
        check("pow", in -> Arith.pow(in[0], in[1]), uniform(21, 0.5, 2, 3, 4), uniform(22, -2, 2, 3, 4));
    }

    @Test
    void powColumnBaseRowExponent() {
        check("pow [3,1]^[1,4]", in -> Arith.pow(in[0], in[1]), uniform(23, 0.5, 2, 3, 1), uniform(24, -2, 2, 1, 4));
    }

    @Test
    void powScalarExponentTensor() {
        check("pow [2,3]^[]", in -> Arith.pow(in[0], in[1]), uniform(25, 0.5, 2, 2, 3), Tensor.scalar(1.6));
    }

    @Test
    void maximumSameShape() {
        // values spaced 0.25 apart, interleaved between the two operands: no ties within the step
        Tensor both = distinct(26, 0.25, -3, 24);
        check("maximum", in -> Arith.maximum(in[0], in[1]),
                both.slice(0, 0, 12).reshape(3, 4).detach(), both.slice(0, 12, 24).reshape(3, 4).detach());
    }

    @Test
    void maximumRowBroadcast() {
        check("maximum [3,4] vs [4]", in -> Arith.maximum(in[0], in[1]),
                distinct(27, 0.25, -1.5, 3, 4), distinct(28, 0.25, -0.4, 4));
    }

    @Test
    void minimumSameShape() {
        Tensor both = distinct(29, 0.25, -3, 24);
        check("minimum", in -> Arith.minimum(in[0], in[1]),
                both.slice(0, 0, 12).reshape(3, 4).detach(), both.slice(0, 12, 24).reshape(3, 4).detach());
    }

    @Test
    void minimumOuterBroadcast() {
        check("minimum [3,1] vs [1,4]", in -> Arith.minimum(in[0], in[1]),
                distinct(30, 0.3, -0.35, 3, 1), distinct(31, 0.3, -0.8, 1, 4));
    }

    @Test
    void scaleByConstant() {
        check("scale", in -> Arith.scale(in[0], -2.5), uniform(32, -2, 2, 3, 4));
    }

    @Test
    void tensorShorthandsForConstants() {
        check("add/sub/mul/div/neg with constants",
                in -> in[0].add(1.5).mul(3.0).sub(0.5).div(4.0).neg(), uniform(33, -2, 2, 2, 3));
    }
}
