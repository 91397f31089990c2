package io.choreo.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Independent pieces of a long test (seeds, fuzz lanes, crash loops) run on every core: results in the order of
 * the tasks, and the first failure (in that order) thrown as the task threw it, the rest cancelled.
 */
public final class ParallelTasks {
    private ParallelTasks() {
    }

    /** The cores of this machine: how many tasks run at once by default. */
    public static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Runs {@code tasks}, at most {@code threads} at once, and returns their results in order. */
    public static <T> List<T> all(List<? extends Callable<T>> tasks, int threads) throws Exception {
        return all(tasks, threads, null);
    }

    /**
     * As {@link #all(List, int)}, failing with a {@link TimeoutException} (the tasks still running cancelled) if
     * they have not all ended {@code within} of the start; null: no bound.
     */
    public static <T> List<T> all(List<? extends Callable<T>> tasks, int threads, Duration within) throws Exception {
        long deadline = within == null ? Long.MAX_VALUE : System.nanoTime() + within.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
            Thread t = new Thread(r, "parallel-task");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>(tasks.size());
            for (Future<T> f : futures) {
                try {
                    results.add(within == null ? f.get()
                            : f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    throw new TimeoutException("the tasks did not end within " + within);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
