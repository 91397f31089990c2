package io.choreo.cli;

/** Exit codes of {@code choreo}: 0 success, 1 the choreography has errors, 2 usage or I/O problems. */
final class ExitCodes {
    static final int OK = 0;
    static final int INVALID = 1;
    static final int FAILURE = 2;

    private ExitCodes() {
    }
}
