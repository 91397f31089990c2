package io.choreo.simulation.exec;

import com.typesafe.config.Config;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * A dispatcher executor for deterministic simulation: one thread, first-in first-out, and every task counted by
 * {@link Quiescence}, so the simulator can wait until every actor has processed everything before it decides the
 * next step. One thread and FIFO order make the interleaving of actors a function of the inputs alone.
 */
public final class QuiescentExecutorConfigurator extends ExecutorServiceConfigurator {

    public QuiescentExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
        return () -> new CountingExecutor(threadFactory);
    }

    /** A single-thread FIFO executor that reports its tasks to {@link Quiescence}. */
    private static final class CountingExecutor extends ThreadPoolExecutor {
        CountingExecutor(ThreadFactory threadFactory) {
            super(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threadFactory);
        }

        @Override
        public void execute(Runnable command) {
            Quiescence.started();
            try {
                super.execute(() -> {
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
    }
}
