package org.elbo4j.tensor.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 */
public final class Parallel {

    private static final Object LOCK = new Object();
    private static volatile int threads = initialThreads();
    private static ExecutorService pool;
    private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Parallel() {
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
        synchronized (LOCK) {
            if (n != threads) {
                threads = n;
                if (pool != null) {
                    pool.shutdown();
                    pool = null;
                }
            }
        }
    }

    private static ExecutorService pool() {
        synchronized (LOCK) {
            if (pool == null) {
                pool = Executors.newFixedThreadPool(Math.max(1, threads - 1), r -> {
                    Thread t = new Thread(() -> {
                        IN_WORKER.set(Boolean.TRUE);
                        r.run();
                    }, "elbo4j-worker");
                    t.setDaemon(true);
                    return t;
                });
            }
            return pool;
        }
    }

    /**
     * Runs {@code body.accept(i)} for every task {@code i} in {@code [0, tasks)}, on up to
     * {@link #threads()} threads (the caller is one of them), and returns when all are done.
     * Nested calls from inside a task run sequentially. The first exception thrown by a task is
     * rethrown.
     */
    public static void forEachTask(int tasks, IntConsumer body) {
        int t = Math.min(threads, tasks);
        if (t <= 1 || IN_WORKER.get()) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < tasks) {
                body.accept(i);
            }
        };
        ExecutorService executor = pool();
        Future<?>[] futures = new Future<?>[t - 1];
        for (int j = 0; j < futures.length; j++) {
            futures[j] = executor.submit(worker);
        }
        Throwable failure = null;
        IN_WORKER.set(Boolean.TRUE);
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(tasks);
        } finally {
            IN_WORKER.set(Boolean.FALSE);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
