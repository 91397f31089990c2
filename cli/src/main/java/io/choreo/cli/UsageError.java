package io.choreo.cli;

/** A mistake in the command line (an unknown role, a negative count): one sentence, exit code 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message, null, false, false);
    }
}
