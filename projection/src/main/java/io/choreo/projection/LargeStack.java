package io.choreo.projection;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Local types are in continuation-passing form, so they nest as deep as a protocol is long, and the passes over them
 * recurse that deep. Pure work is first run where it is called; if it overflows the caller's stack it is run again on
 * a thread with a large stack (reserved, not committed: only what is used costs memory). A protocol too large even for
 * that is a {@link TooLarge} error, which callers report as a diagnostic — never a {@link StackOverflowError}.
 */
public final class LargeStack {
    /** Stack reserved for large protocols: about 100 bytes a frame, room for tens of millions of frames. */
    private static final long STACK_BYTES = Long.getLong("choreo.compiler-stack-bytes", 4L << 30);

    /**
     * {@code -Dchoreo.large-stack=false} runs the work on the caller's stack only, so the size-sweep tests show which
     * walks are still recursive.
     */
    private static final boolean ENABLED = !"false".equals(System.getProperty("choreo.large-stack"));

    private LargeStack() {
    }

    /** A protocol too large to process even on the large stack. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge() {
            super("the protocol is too large to process (its nesting exceeds a " + (STACK_BYTES >> 20)
                    + " MiB stack)");
        }
    }

    /** Runs pure {@code work}; on a stack overflow, runs it again on a large stack. */
    public static <T> T call(Supplier<T> work) {
        if (Thread.currentThread() instanceof Deep || !ENABLED) {
            return work.get();
        }
        try {
            return work.get();
        } catch (StackOverflowError e) {
            return onLargeStack(work);
        }
    }

    private static <T> T onLargeStack(Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Deep thread = new Deep(() -> {
            try {
                result.set(work.get());
            } catch (StackOverflowError e) {
                failure.set(new TooLarge());
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        });
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        } else if (f instanceof Error err) {
            throw err;
        }
        return result.get();
    }

    private static final class Deep extends Thread {
        Deep(Runnable work) {
            super(null, work, "choreo-large-stack", STACK_BYTES);
            setDaemon(true);
        }
    }
}
