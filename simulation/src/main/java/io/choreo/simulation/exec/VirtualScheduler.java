package io.choreo.simulation.exec;

import com.typesafe.config.Config;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko's scheduler on virtual time, for simulation: nothing fires until {@link #advance} moves the clock, and tasks
 * due at the same instant run in the order they were scheduled. (Pekko's own ExplicitlyTriggeredScheduler also
 * sleeps 100 ms of real time per call, and orders simultaneous tasks by hash.) Its clock is the one protocol deadlines
 * are measured in ({@link io.choreo.runtime.role.DeadlineTimer.Clock}), so virtual time drives them.
 */
public final class VirtualScheduler implements Scheduler, io.choreo.runtime.role.DeadlineTimer.Clock {

    private record Task(long at, long seq, Runnable runnable, ExecutionContext ec, long interval,
                        AtomicBoolean cancelled) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long seq;

    public VirtualScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
    }

    /** Moves virtual time forward by {@code millis}, running every task that falls due, in order. */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Task task;
            synchronized (this) {
                Task head = queue.peek();
                if (head == null || head.at() > target) {
                    now = target;
                    return;
                }
                task = queue.poll();
                now = Math.max(now, task.at());
                if (task.interval() > 0 && !task.cancelled().get()) {
                    queue.add(new Task(now + task.interval(), seq++, task.runnable(), task.ec(), task.interval(),
                            task.cancelled()));
                }
            }
            if (!task.cancelled().get()) {
                task.ec().execute(task.runnable());
            }
        }
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public Cancellable schedule(FiniteDuration initialDelay, FiniteDuration interval, Runnable runnable,
                                ExecutionContext ec) {
        return add(initialDelay.toMillis(), Math.max(1, interval.toMillis()), runnable, ec);
    }

    @Override
    public Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable, ExecutionContext ec) {
        return add(delay.toMillis(), 0, runnable, ec);
    }

    private synchronized Cancellable add(long delay, long interval, Runnable runnable, ExecutionContext ec) {
        AtomicBoolean cancelled = new AtomicBoolean();
        queue.add(new Task(now + Math.max(0, delay), seq++, runnable, ec, interval, cancelled));
        return new Cancellable() {
            @Override
            public boolean cancel() {
                return cancelled.compareAndSet(false, true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }

    @Override
    public double maxFrequency() {
        return 1000.0;
    }
}
