package org.elbo4j.tensor.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one place elbo4j runs work on several cores.
 *
 * <p>Work is always cut into a number of tasks chosen by the caller from the problem size alone,
 * never from the thread count; each task writes a disjoint part of the output and sums in a fixed
 * order. Which thread runs which task therefore cannot change a single bit of the result: the same
 * seed gives the same numbers with 1 thread or 16.
 *
 * <p>The thread count defaults to the number of available processors, or to the system property
 * {@code elbo4j.threads} when set, and can be changed with {@link #setThreads(int)}.
 *
 * <p>Implementation note: handing a task to a parked thread costs about 50 µs on the virtual
 * machines elbo4j was measured on, as long as a whole VAE-sized matrix product. Workers therefore
 * spin for {@code elbo4j.spinNanos} (default 200 µs) after each loop before they park, as BLAS
 * thread pools do; a worker that sleeps is woken by {@code unpark}, and the caller never waits for
 * one to wake: it takes every task nobody has started. Idle workers cost nothing after the spin.
 */
public final class Parallel {

    private static final long SPIN_NANOS = Long.getLong("elbo4j.spinNanos", 200_000L);
    private static final Object SUBMIT = new Object();
    private static final ThreadLocal<Boolean> IN_TASK = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static volatile int threads = initialThreads();
    private static volatile Job current;
    private static volatile long generation;
    private static Thread[] workers = new Thread[0];

    private Parallel() {
    }

    /** One parallel loop: tasks are claimed from a shared counter by whoever is free. */
    private static final class Job {
        final int tasks;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
        }

        void work() {
            int i;
            while ((i = next.getAndIncrement()) < tasks) {
                try {
                    if (failure == null) {
                        body.accept(i);
                    }
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private static int initialThreads() {
        String property = System.getProperty("elbo4j.threads");
        if (property != null && !property.isBlank()) {
            try {
                int n = Integer.parseInt(property.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The number of threads parallel loops use (at least 1). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads parallel loops use. Results do not depend on it.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Parallel: threads must be >= 1, got " + n);
        }
        threads = n;
    }

    private static void ensureWorkers(int count) {
        if (workers.length >= count) {
            return;
        }
        Thread[] grown = java.util.Arrays.copyOf(workers, count);
        for (int i = workers.length; i < count; i++) {
            int index = i;
            Thread t = new Thread(() -> workerLoop(index), "elbo4j-worker-" + i);
            t.setDaemon(true);
            grown[i] = t;
            t.start();
        }
        workers = grown;
    }

    private static void workerLoop(int index) {
        IN_TASK.set(Boolean.TRUE);
        long seen = 0;
        while (true) {
            long spinStart = System.nanoTime();
            while (generation == seen) {
                if (System.nanoTime() - spinStart < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(Parallel.class);
                }
            }
            seen = generation;
            Job job = current;
            // worker i helps only while the thread count asks for at least i + 2 threads
            if (job != null && index < threads - 1) {
                job.work();
            }
        }
    }

    /**
     * Runs {@code body.accept(i)} for every task {@code i} in {@code [0, tasks)}, on up to
     * {@link #threads()} threads (the caller is one of them), and returns when all are done.
     * Nested calls from inside a task run sequentially; loops started by different threads run one
     * after the other. After a task throws, tasks not yet started are skipped and the first
     * exception is rethrown.
     */
    public static void forEachTask(int tasks, IntConsumer body) {
        int t = Math.min(threads, tasks);
        if (t <= 1 || IN_TASK.get()) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        synchronized (SUBMIT) {
            ensureWorkers(t - 1);
            Job job = new Job(tasks, body);
            current = job;
            generation++;
            for (int i = 0; i < t - 1; i++) {
                LockSupport.unpark(workers[i]);
            }
            IN_TASK.set(Boolean.TRUE);
            try {
                job.work();
            } finally {
                IN_TASK.set(Boolean.FALSE);
            }
            while (job.done.get() < tasks) {
                Thread.onSpinWait();
            }
            current = null;
            Throwable f = job.failure;
            if (f instanceof RuntimeException re) {
                throw re;
            } else if (f instanceof Error err) {
                throw err;
            } else if (f != null) {
                throw new IllegalStateException(f);
            }
        }
    }
}
