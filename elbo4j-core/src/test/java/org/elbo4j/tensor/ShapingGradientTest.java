package org.elbo4j.tensor;

import static org.elbo4j.tensor.GradientCheck.check;
import static org.elbo4j.tensor.GradientCheck.uniform;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks of {@link Shaping}: every rearrangement's gradient is the
 * inverse rearrangement of g, expand's is g summed back; concat and stack split g among parts.
 */
class ShapingGradientTest {

    @Test
    void reshape() {
        check("reshape [2,3,4] → [4,-1]", in -> Shaping.reshape(in[0], 4, -1), uniform(401, -2, 2, 2, 3, 4));
    }

    @Test
    void transpose() {
        check("transpose 2-d", in -> Shaping.transpose(in[0], 0, 1), uniform(402, -2, 2, 3, 5));
        check("transpose(0, 2) 3-d", in -> Shaping.transpose(in[0], 0, -1), uniform(403, -2, 2, 2, 3, 4));
    }

    @Test
    void permute3d() {
        check("permute(2, 0, 1)", in -> Shaping.permute(in[0], 2, 0, 1), uniform(404, -2, 2, 2, 3, 4));
        check("permute(1, 2, 0)", in -> Shaping.permute(in[0], 1, 2, 0), uniform(405, -2, 2, 2, 3, 4));
    }

    @Test
    void slice() {
        check("slice(axis 1, 1..3)", in -> Shaping.slice(in[0], 1, 1, 3), uniform(406, -2, 2, 2, 4, 3));
        check("slice(axis -1, 0..1)", in -> Shaping.slice(in[0], -1, 0, 1), uniform(407, -2, 2, 2, 4, 3));
    }

    @Test
    void concat() {
        check("concat(axis 1)", in -> Shaping.concat(List.of(in[0], in[1], in[2]), 1),
                uniform(408, -2, 2, 2, 1, 3), uniform(409, -2, 2, 2, 2, 3), uniform(410, -2, 2, 2, 3, 3));
        check("concat(axis 0)", in -> Shaping.concat(List.of(in[0], in[1]), 0),
                uniform(411, -2, 2, 1, 3), uniform(412, -2, 2, 2, 3));
    }

    @Test
    void concatOfOneTensorTwice() {
        check("concat(x, x)", in -> Shaping.concat(List.of(in[0], in[0]), -1), uniform(413, -2, 2, 2, 3));
    }

    @Test
    void stack() {
        for (int axis = 0; axis <= 2; axis++) {
            int a = axis;
            check("stack(axis " + a + ")", in -> Shaping.stack(List.of(in[0], in[1]), a),
                    uniform(414, -2, 2, 2, 3), uniform(415, -2, 2, 2, 3));
        }
    }

    @Test
    void expand() {
        check("expand [3,1] → [2,3,4]", in -> Shaping.expand(in[0], 2, 3, 4), uniform(416, -2, 2, 3, 1));
        check("expand [4] → [3,4]", in -> Shaping.expand(in[0], 3, 4), uniform(417, -2, 2, 4));
    }

    @Test
    void unsqueezeAndSqueeze() {
        check("unsqueeze(1)", in -> Shaping.unsqueeze(in[0], 1), uniform(418, -2, 2, 3, 4));
        check("unsqueeze(-1)", in -> Shaping.unsqueeze(in[0], -1), uniform(419, -2, 2, 3, 4));
        check("squeeze(1)", in -> Shaping.squeeze(in[0], 1), uniform(420, -2, 2, 3, 1, 4));
    }

    @Test
    void rearrangementsFollowedByNonlinearOp() {
        // a nonlinear op after the rearrangement makes each position's gradient distinct
        check("exp(permute(x))·x", in -> Arith.mul(Functions.exp(Shaping.permute(in[0], 1, 0)), Shaping.transpose(in[0], 0, 1)),
                uniform(421, -1, 1, 3, 4));
    }
}
