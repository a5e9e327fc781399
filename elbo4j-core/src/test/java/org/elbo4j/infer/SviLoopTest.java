package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.optim.AdamUpdate;
import org.elbo4j.optim.DoubleParameters;
import org.elbo4j.optim.FlatParameters;
import org.elbo4j.optim.FlatRule;
import org.elbo4j.optim.LrSchedule;
import org.elbo4j.optim.TensorParameters;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The step loop's contract, on deterministic objectives (no randomness: no false failures): the
 * non-finite policy acts before the update (STOP leaves λ and the rule's state exactly as before
 * the bad step; ROLLBACK drops it and halves η), and the Polyak window average equals its closed
 * form for gradient descent on a quadratic.
 */
class SviLoopTest {

    /** L(λ) = ½ Σ c_i λ_i², ∇L = c ⊙ λ, into the view's gradient; NaN gradient at step {@code bad}. */
    private static SviLoop.Objective quadratic(DoubleParameters p, double[] c, long bad) {
        return k -> {
            double loss = 0;
            for (int i = 0; i < c.length; i++) {
                p.gradient()[i] = k == bad ? Double.NaN : c[i] * p.values()[i];
                loss += 0.5 * c[i] * p.values()[i] * p.values()[i];
            }
            return loss;
        };
    }

    @Test
    void stopLeavesParametersAndMomentsExactlyAsBeforeTheBadStep() {
        double[] c = {3.0, 0.5};
        DoubleParameters p = FlatParameters.of(new double[] {1.0, -2.0}, new double[2]);
        AdamUpdate adam = AdamUpdate.of(2, 0.1);
        SviLoop loop = SviLoop.of(p, adam, LrSchedule.constant(0.1));
        SviLoop.Objective f = quadratic(p, c, 7);
        for (int k = 0; k < 7; k++) {
            assertEquals(SviLoop.Status.APPLIED, loop.step(f));
        }
        double[] before = p.values().clone();
        assertEquals(SviLoop.Status.STOPPED, loop.step(f));
        assertArrayEquals(before, p.values(), 0.0);
        assertEquals(7, adam.stepCount());
        assertEquals("gradient of the parameters is not finite", loop.problem());
        assertEquals(7, loop.problemStep());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.step(f));
        assertEquals("SviLoop: stopped at step 7 (gradient of the parameters is not finite)", e.getMessage());
        assertNull(loop.verdict());
        // the moments too are those of step 6: one more Adam step by hand equals a clean run's 8th
        DoubleParameters clean = FlatParameters.of(new double[] {1.0, -2.0}, new double[2]);
        SviLoop cleanLoop = SviLoop.of(clean, AdamUpdate.of(2, 0.1), LrSchedule.constant(0.1));
        SviLoop.Objective g = quadratic(clean, c, -1);
        for (int k = 0; k < 8; k++) {
            cleanLoop.step(g);
        }
        for (int i = 0; i < 2; i++) {
            p.gradient()[i] = c[i] * before[i];
        }
        adam.step(p, 0.1);
        assertArrayEquals(clean.values(), p.values(), 0.0);
    }

    @Test
    void stopOnTensorParametersLeavesTheWeightsBitForBit() {
        Tensor w = Tensor.vector(0.5, -1.5).requiresGrad(true);
        Map<String, Tensor> map = new LinkedHashMap<>();
        map.put("w", w);
        TensorParameters p = FlatParameters.ofTensors(map);
        SviLoop loop = SviLoop.of(p, AdamUpdate.of(2, 0.05), LrSchedule.constant(0.05));
        long[] calls = {0};
        SviLoop.Objective f = k -> {
            p.zeroGrad();
            Tensor loss = calls[0]++ == 4 ? w.sqrt().sum() : w.mul(w).sum();
            double value = loss.item();
            loss.backward();
            return value;
        };
        for (int k = 0; k < 4; k++) {
            assertEquals(SviLoop.Status.APPLIED, loop.step(f));
        }
        float[] before = w.toFloatArray();
        assertEquals(SviLoop.Status.STOPPED, loop.step(f));
        assertArrayEquals(before, w.toFloatArray(), 0f);
        assertEquals("loss is NaN", loop.problem());
    }

    @Test
    void rollbackDropsTheStepAndHalvesTheRate() {
        double[] c = {3.0, 0.5};
        DoubleParameters p = FlatParameters.of(new double[] {1.0, -2.0}, new double[2]);
        AdamUpdate adam = AdamUpdate.of(2, 0.1);
        SviLoop loop = SviLoop.of(p, adam, LrSchedule.constant(0.1)).onNonFinite(NonFinitePolicy.ROLLBACK);
        SviLoop.Objective f = quadratic(p, c, 5);
        for (int k = 0; k < 5; k++) {
            loop.step(f);
        }
        double[] before = p.values().clone();
        assertEquals(SviLoop.Status.DROPPED, loop.step(f));
        assertArrayEquals(before, p.values(), 0.0);
        assertEquals(5, adam.stepCount());
        assertEquals(0.05, loop.learningRate(), 0.0);
        assertEquals(1, loop.rollbacks());
        // the next update is Adam's step 6 at η/2 from the unchanged moments: replay it on a twin
        DoubleParameters twin = FlatParameters.of(new double[] {1.0, -2.0}, new double[2]);
        AdamUpdate twinAdam = AdamUpdate.of(2, 0.1);
        SviLoop twinLoop = SviLoop.of(twin, twinAdam, k -> k < 5 ? 0.1 : 0.05);
        SviLoop.Objective g = quadratic(twin, c, -1);
        for (int k = 0; k < 6; k++) {
            twinLoop.step(g);
        }
        assertEquals(SviLoop.Status.APPLIED, loop.step(f));
        assertArrayEquals(twin.values(), p.values(), 0.0);
        assertEquals(7, loop.steps());
        assertEquals(6, loop.updates());
    }

    @Test
    void rollbackGivesUpAfterTooManyInARow() {
        DoubleParameters p = FlatParameters.of(new double[] {1.0}, new double[1]);
        SviLoop loop = SviLoop.of(p, AdamUpdate.of(1, 0.1), LrSchedule.constant(0.1))
                .onNonFinite(NonFinitePolicy.ROLLBACK);
        SviLoop.Status s = null;
        for (int k = 0; k <= SviLoop.MAX_CONSECUTIVE_ROLLBACKS; k++) {
            s = loop.step(step -> Double.POSITIVE_INFINITY);
        }
        assertEquals(SviLoop.Status.STOPPED, s);
        assertEquals(SviLoop.MAX_CONSECUTIVE_ROLLBACKS, loop.rollbacks());
        assertEquals("loss is Infinity", loop.problem());
        assertArrayEquals(new double[] {1.0}, p.values(), 0.0);
    }

    /**
     * Gradient descent λ ← λ − η c λ on L = ½ c λ² gives λ_k = λ₀ r^k, r = 1 − η c; the average of
     * window j (steps jW+1 … (j+1)W) is {@code λ₀ r^{jW+1} (1 − r^W) / ((1 − r) W)}.
     */
    @Test
    void polyakAverageMatchesTheGeometricSum() {
        double eta = 0.1;
        double cc = 2.0;
        int window = 10;
        DoubleParameters p = FlatParameters.of(new double[] {4.0}, new double[1]);
        FlatRule descent = new FlatRule() {
            private long n;

            @Override
            public void step(FlatParameters params, double rate) {
                DoubleParameters d = (DoubleParameters) params;
                d.values()[0] -= rate * d.gradient()[0];
                n++;
            }

            @Override
            public long stepCount() {
                return n;
            }
        };
        SviLoop loop = SviLoop.of(p, descent, LrSchedule.constant(eta)).windows(window, 1e-3, () -> 1, false);
        SviLoop.Objective f = quadratic(p, new double[] {cc}, -1);
        for (int k = 0; k < 3 * window + 4; k++) {
            loop.step(f);
        }
        double r = 1 - eta * cc;
        double expected = 4.0 * Math.pow(r, 2 * window + 1) * (1 - Math.pow(r, window)) / ((1 - r) * window);
        assertEquals(expected, loop.windowAverage()[0], 1e-15);
    }

    /** The example of the README's "One step loop" section, as written there. */
    @Test
    void readmeExampleReachesTheMinimum() {
        double[] lambda = {1.0, -2.0}, grad = new double[2];
        SviLoop loop = SviLoop.of(FlatParameters.of(lambda, grad), AdamUpdate.of(2, 0.1), LrSchedule.constant(0.1))
                .onNonFinite(NonFinitePolicy.ROLLBACK).windows(50, 1e-4, () -> 1, false);
        while (loop.verdict() == null && loop.steps() < 10_000) {
            if (loop.step(k -> { grad[0] = 3 * lambda[0]; grad[1] = lambda[1];            // ∇L
                    return 1.5 * lambda[0] * lambda[0] + 0.5 * lambda[1] * lambda[1]; })  // L
                    == SviLoop.Status.STOPPED) break;
        }
        double[] averaged = loop.windowAverage();
        // Adam at η = 0.1 oscillates around 0 with amplitude about η; the window average is closer
        assertEquals(Verdict.CONVERGED, loop.verdict(), loop.reason());
        assertEquals(0.0, averaged[0], 0.05);
        assertEquals(0.0, averaged[1], 0.05);
    }

    /** A loop continued with another's rollback state takes its rate factor and its count of drops in a row. */
    @Test
    void continuedRollbackStateCarriesTheRateAndTheDropsInARow() {
        double[] c = {3.0, 0.5};
        DoubleParameters p = FlatParameters.of(new double[] {1.0, -2.0}, new double[2]);
        SviLoop loop = SviLoop.of(p, AdamUpdate.of(2, 0.1), LrSchedule.constant(0.1))
                .onNonFinite(NonFinitePolicy.ROLLBACK).continueRollbacks(0.25, SviLoop.MAX_CONSECUTIVE_ROLLBACKS - 1);
        assertEquals(0.025, loop.learningRate(), 0.0);
        SviLoop.Objective bad = quadratic(p, c, -2);
        SviLoop.Objective nan = k -> Double.NaN;
        assertEquals(SviLoop.Status.DROPPED, loop.step(nan));
        assertEquals(SviLoop.MAX_CONSECUTIVE_ROLLBACKS, loop.consecutiveRollbacks());
        assertEquals(SviLoop.Status.STOPPED, loop.step(nan));
        assertEquals(0.125, loop.learningRateScale(), 0.0);
        SviLoop fresh = SviLoop.of(p, AdamUpdate.of(2, 0.1), LrSchedule.constant(0.1)).continueRollbacks(0.5, 3);
        assertEquals(SviLoop.Status.APPLIED, fresh.step(bad));
        assertEquals(0, fresh.consecutiveRollbacks());
        assertEquals("SviLoop: learningRateScale must be in (0, 1] and droppedInARow >= 0, got 2.0 and 0",
                assertThrows(IllegalArgumentException.class, () -> fresh.continueRollbacks(2, 0)).getMessage());
    }
}
