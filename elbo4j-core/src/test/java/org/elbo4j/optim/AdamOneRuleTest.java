package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The tensor {@link Adam} and {@link AdamW} run {@link AdamUpdate} (double moments): their
 * trajectories equal the update's double-vector form with the same weight decay to the float32
 * rounding of the weights (rounded once a step, twice for AdamW, decay then update: at most 40
 * half-ulps, 2.4e−6 relative, over 20 steps; observed 6e−7), their state is float64, and a state saved
 * with float32 moments (the format before) restores.
 */
class AdamOneRuleTest {

    private static final int STEPS = 20;
    private static final double[] P0 = {0.5, -1.25, 2.0, 0.0, -0.75, 1.5, 3.0};

    private static float[] gradient(int t) {
        Rng rng = Rng.of(200 + t);
        float[] g = new float[P0.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (rng.nextGaussian() * Math.pow(10, i % 3 - 1));
        }
        return g;
    }

    private static void trajectory(boolean decoupled) {
        AdamConfig config = (decoupled ? AdamConfig.adamW() : AdamConfig.adam()).withWeightDecay(0.05)
                .withLr(0.01);
        Tensor p = Tensor.vector(P0).requiresGrad(true);
        Optimizer opt = decoupled ? AdamW.of(Map.of("p", p), config) : Adam.of(Map.of("p", p), config);
        AdamUpdate reference = AdamUpdate.of(P0.length, 0.01).withWeightDecay(0.05, decoupled);
        double[] x = new double[P0.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) P0[i];
        }
        for (int t = 1; t <= STEPS; t++) {
            float[] g = gradient(t);
            p.setGrad(g);
            opt.step();
            double[] gd = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                gd[i] = g[i];
            }
            reference.step(x, gd);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], p.get(i), 2.4e-6 * Math.max(1, Math.abs(x[i])), (decoupled ? "AdamW" : "Adam") + " " + i);
        }
        OptimizerState s = opt.state();
        assertTrue(s.isDouble(), "float64 moments");
        assertEquals(decoupled ? "AdamW" : "Adam", s.kind());
        assertEquals(STEPS, s.step());
    }

    @Test
    void adamWithL2FollowsTheDoubleRule() {
        trajectory(false);
    }

    @Test
    void adamWDecouplesItsDecayOnTheDoubleRule() {
        trajectory(true);
    }

    @Test
    void aFloat32StateFromBeforeRestoresWidened() {
        Tensor p = Tensor.vector(1, 2).requiresGrad(true);
        Adam adam = Adam.of(Map.of("p", p));
        Map<String, float[]> old = new LinkedHashMap<>();
        old.put("exp_avg/p", new float[] {0.25f, -0.5f});
        old.put("exp_avg_sq/p", new float[] {0.0625f, 0.25f});
        adam.restore(OptimizerState.of("Adam", 4, old));
        assertEquals(4, adam.stepCount());
        assertArrayEquals(new double[] {0.25, -0.5}, adam.state().widened("exp_avg/p"));
        assertArrayEquals(new double[] {0.0625, 0.25}, adam.state().widened("exp_avg_sq/p"));
    }
}
