package io.choreo.cli;

/**
 * Exit codes of {@code choreo}: 0 success, 1 the choreography has errors, 2 usage or I/O problems, 3 {@code check}
 * ran out of a budget before deciding implementability (accepted only with {@code --allow-inconclusive}).
 */
final class ExitCodes {
    static final int OK = 0;
    static final int INVALID = 1;
    static final int FAILURE = 2;
    static final int INCONCLUSIVE = 3;

    /** The worse of two exit codes: errors and usage problems outrank an undecided protocol. */
    static int worse(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        return code == INCONCLUSIVE ? 1 : code == OK ? 0 : code + 1;
    }

    private ExitCodes() {
    }
}
