package io.choreo.simulation.exec;

import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * A dispatcher executor for deterministic simulation: every dispatcher configured with it runs on one and the same
 * thread, first-in first-out, and every task is counted by {@link Quiescence}, so the simulator can wait until every
 * actor has processed everything before it decides the next step. One thread for all dispatchers and FIFO order
 * make the interleaving of actors a function of the inputs alone.
 */
public final class QuiescentExecutorConfigurator extends ExecutorServiceConfigurator {

    /** The one simulation thread, shared by every dispatcher and every simulated actor system. */
    private static final ThreadPoolExecutor SHARED = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread t = new Thread(runnable, "choreo-simulation");
                t.setDaemon(true);
                return t;
            });

    public QuiescentExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
    }

    /**
     * Runs {@code action} on the simulation thread and waits until everything it set off is done. Whatever the
     * simulator injects (faults, steps, the passing of time) goes through here, so that all its messages are
     * enqueued before any of them is processed: injecting from another thread would race the simulation.
     */
    public static void inSimulation(Runnable action, long maxMillis) {
        new CountingExecutor().execute(action);
        Quiescence.awaitIdle(maxMillis);
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
        return CountingExecutor::new;
    }

    /** A view of the shared thread that counts its tasks; shutting a dispatcher down leaves the thread running. */
    private static final class CountingExecutor extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            Quiescence.started();
            try {
                SHARED.execute(() -> {
                    try {
                        command.run();
                    } finally {
                        Quiescence.finished();
                    }
                });
            } catch (RuntimeException rejected) {
                Quiescence.finished();
                throw rejected;
            }
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
