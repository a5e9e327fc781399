package org.elbo4j.tensor;

import static org.elbo4j.tensor.GradientCheck.check;
import static org.elbo4j.tensor.GradientCheck.signed;
import static org.elbo4j.tensor.GradientCheck.uniform;

import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks of the elementwise {@link Functions}. Inputs stay inside
 * each function's domain and away from kinks: relu and abs at |x| >= 0.1, clamp inputs at least
 * 0.1 from its bounds, log/sqrt/reciprocal/lgamma/digamma on positive values away from 0.
 */
class FunctionsGradientTest {

    private static final int[] SHAPE = {3, 4};

    @Test
    void exp() {
        check("exp", in -> Functions.exp(in[0]), uniform(101, -2, 2, SHAPE));
    }

    @Test
    void log() {
        check("log", in -> Functions.log(in[0]), uniform(102, 0.3, 3, SHAPE));
    }

    @Test
    void log1p() {
        check("log1p", in -> Functions.log1p(in[0]), uniform(103, -0.6, 2, SHAPE));
    }

    @Test
    void expm1() {
        check("expm1", in -> Functions.expm1(in[0]), uniform(104, -2, 2, SHAPE));
    }

    @Test
    void sqrt() {
        check("sqrt", in -> Functions.sqrt(in[0]), uniform(105, 0.3, 3, SHAPE));
    }

    @Test
    void square() {
        check("square", in -> Functions.square(in[0]), uniform(106, -2, 2, SHAPE));
    }

    @Test
    void reciprocal() {
        check("reciprocal", in -> Functions.reciprocal(in[0]), signed(107, 0.5, 2, SHAPE));
    }

    @Test
    void abs() {
        check("abs", in -> Functions.abs(in[0]), signed(108, 0.1, 2, SHAPE));
    }

    @Test
    void tanh() {
        check("tanh", in -> Functions.tanh(in[0]), uniform(109, -2.5, 2.5, SHAPE));
    }

    @Test
    void sigmoid() {
        check("sigmoid", in -> Functions.sigmoid(in[0]), uniform(110, -4, 4, SHAPE));
    }

    @Test
    void logSigmoid() {
        check("logSigmoid", in -> Functions.logSigmoid(in[0]), uniform(111, -4, 4, SHAPE));
    }

    @Test
    void softplus() {
        check("softplus", in -> Functions.softplus(in[0]), uniform(112, -4, 4, SHAPE));
    }

    @Test
    void relu() {
        check("relu", in -> Functions.relu(in[0]), signed(113, 0.1, 2, SHAPE));
    }

    @Test
    void lgamma() {
        check("lgamma", in -> Functions.lgamma(in[0]), uniform(114, 0.5, 5, SHAPE));
    }

    @Test
    void digamma() {
        check("digamma", in -> Functions.digamma(in[0]), uniform(115, 0.5, 5, SHAPE));
    }

    @Test
    void powConstantExponents() {
        for (double p : new double[] {3.0, 0.5, -1.5, 2.0, 1.0}) {
            check("pow(x, " + p + ")", in -> Functions.pow(in[0], p), uniform(116, 0.5, 2, SHAPE));
        }
    }

    @Test
    void powIntegerExponentOfNegativeBase() {
        check("pow(x, 3) for x < 0", in -> Functions.pow(in[0], 3.0), uniform(117, -2, -0.5, SHAPE));
    }

    @Test
    void clampInsideOutsideAndBelow() {
        // values in [-2, 2] with none within 0.1 of the bounds -1 and 1
        Tensor x = Tensor.vector(-1.9, -1.3, -0.9, -0.4, 0.0, 0.35, 0.8, 0.95, 1.1, 1.6, -1.1, 0.5);
        check("clamp", in -> Functions.clamp(in[0], -1.0, 1.0), x);
    }

    @Test
    void whereRoutesGradientToSelectedOperand() {
        Tensor cond = Tensor.of(new float[] {1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1}, SHAPE);
        check("where", in -> Functions.where(cond, in[0], in[1]), uniform(118, -2, 2, SHAPE), uniform(119, -2, 2, SHAPE));
    }

    @Test
    void whereWithBroadcastOperands() {
        Tensor cond = Tensor.of(new float[] {1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1}, SHAPE);
        check("where [3,4] ? [4] : []", in -> Functions.where(cond, in[0], in[1]),
                uniform(120, -2, 2, 4), Tensor.scalar(0.3));
    }

    @Test
    void composedFunctions() {
        check("softplus(x)·log(y) + sqrt(y)",
                in -> Arith.add(Arith.mul(Functions.softplus(in[0]), Functions.log(in[1])), Functions.sqrt(in[1])),
                uniform(121, -2, 2, SHAPE), uniform(122, 0.5, 2, SHAPE));
    }
}
