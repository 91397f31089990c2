package io.choreo.runtime.role;

import io.choreo.runtime.session.SessionError;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Calls into application handler code. Whatever the call throws that is safe to contain — any exception, a
 * {@link StackOverflowError}, a {@link LinkageError}, an {@link AssertionError} — becomes a typed
 * {@link SessionError.HandlerFailed} that keeps the stack trace for the log; only errors that leave the JVM unsound
 * (out of memory, internal errors) propagate.
 */
public final class HandlerCalls {
    /** How much of a stack trace a {@code HandlerFailed} keeps. */
    static final int MAX_TRACE_CHARS = 8_000;

    private HandlerCalls() {
    }

    /** A handler call that may throw anything. */
    @FunctionalInterface
    public interface Call<T> {
        T get() throws Exception;
    }

    /** Runs {@code call}; {@code what} names it in the error ({@code "received(Offer)"}). */
    public static <T> T call(String participant, String what, Call<T> call) throws RoleFailure {
        try {
            return call.get();
        } catch (Throwable t) {
            throw new RoleFailure(failure(participant, what, t));
        }
    }

    /** What a failed stage failed with: the cause of a {@code CompletionException}, else {@code t}. */
    public static Throwable cause(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** The typed error for what a handler call threw (or its stage failed with); rethrows what is not containable. */
    public static SessionError.HandlerFailed failure(String participant, String what, Throwable thrown) {
        Throwable t = cause(thrown);
        if (!containable(t)) {
            throw sneaky(t);
        }
        return new SessionError.HandlerFailed(participant, what + ": " + t, stackTrace(t));
    }

    /** True for throwables after which the JVM is still sound. */
    public static boolean containable(Throwable t) {
        return t instanceof Exception || t instanceof StackOverflowError || t instanceof LinkageError
                || t instanceof AssertionError;
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() <= MAX_TRACE_CHARS ? s : s.substring(0, MAX_TRACE_CHARS) + "\n\t... (truncated)";
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
