package org.elbo4j.spark;

import static org.elbo4j.spark.VaeFixture.assertSameWeights;
import static org.elbo4j.spark.VaeFixture.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.elbo4j.vae.VaeCheckpoint;
import org.elbo4j.vae.VaeObjective;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failures on the executors change no result: the test session allows 4 attempts per task
 * ({@code local[2,4]}), and a {@link TaskProbe} throws inside a chosen partition's
 * task. Each test runs in both modes: synchronous (H = 0) and averaging every 2 steps.
 */
class SparkVaeFaultTest {

    /** How often the probes met their step (the tasks run in this JVM under local mode). */
    private static final AtomicInteger MET = new AtomicInteger();

    /** Throws in partition 1, epoch 1, batch 1 on the task's first attempt only. */
    private static TaskProbe killFirstAttempt() {
        return (p, e, b) -> {
            if (p == 1 && e == 1 && b == 1) {
                MET.incrementAndGet();
                if (TaskContext.get().attemptNumber() == 0) {
                    throw new IllegalStateException("test: task killed on its first attempt");
                }
            }
        };
    }

    /** Throws in partition 0, epoch 2, batch 1 on every attempt: the job fails for good. */
    private static TaskProbe failForGood() {
        return (p, e, b) -> {
            if (p == 0 && e == 2 && b == 1) {
                MET.incrementAndGet();
                throw new IllegalStateException("test: partition lost for good");
            }
        };
    }

    private static SparkVaeTrainer trainer(RowBlocks data, int every) {
        SparkVaeTrainer t = VaeFixture.spark(config(1), VaeObjective.ELBO, data);
        return every > 0 ? t.averageEvery(every) : t;
    }

    /** A task failing on its first attempt mid-epoch is re-run by Spark; the weights equal the undisturbed run's. */
    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void aKilledTaskChangesNoResult(int every) {
        RowBlocks data = VaeFixture.blocks(2);
        try {
            VaeFixture.Result calm = VaeFixture.train(trainer(data, every), 2);
            MET.set(0);
            VaeFixture.Result hit = VaeFixture.train(trainer(data, every).probe(killFirstAttempt()), 2);
            assertEquals(2, MET.get(), "the probe's step ran twice: the killed attempt and its retry");
            assertArrayEquals(calm.epochValues(), hit.epochValues(), 0.0);
            assertSameWeights(calm.weights(), hit.weights());
        } finally {
            data.release();
        }
    }

    /**
     * A job failing on every attempt in epoch 2 stops the run; resumed from the checkpoint of
     * epoch 1 (written and read back as {@code spark vae train} does), epoch 2 equals the
     * uninterrupted run's.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void resumeAfterAFailedJobEqualsAnUninterruptedRun(int every, @TempDir Path dir) throws Exception {
        RowBlocks data = VaeFixture.blocks(2);
        try {
            VaeFixture.Result whole = VaeFixture.train(trainer(data, every), 2);
            MET.set(0);
            SparkVaeTrainer broken = trainer(data, every).probe(failForGood());
            broken.trainEpoch();
            new VaeCheckpoint(broken.vae(), Map.of("seed", 7), broken.optimizerState(), broken.epochsDone()).save(dir);
            Exception e = assertThrows(Exception.class, broken::trainEpoch);
            assertTrue(String.valueOf(e.getMessage()).contains("partition lost for good"), e.getMessage());
            assertEquals(4, MET.get(), "Spark tried the task 4 times");
            VaeCheckpoint saved = VaeCheckpoint.load(dir);
            SparkVaeTrainer resumed = trainer(data, every);
            resumed.vae().parameters().loadValues(saved.vae().parameters().copyValues());
            resumed.restore(saved.optimizer(), saved.epochsDone());
            assertEquals(whole.epochValues()[1], resumed.trainEpoch(), 0.0);
            assertSameWeights(whole.weights(), resumed.vae().parameters().copyValues());
        } finally {
            data.release();
        }
    }
}
