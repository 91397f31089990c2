package io.choreo.simulation.net;

/** One thing the simulated network did, at a virtual time: the trace a seed reproduces. */
public record NetEvent(long atMillis, Kind kind, String from, String to, String label, long seq) {

    public enum Kind { DELIVERED, DROPPED, DUPLICATED, PARTITIONED, CRASHED, JOURNAL_FAILED }

    @Override
    public String toString() {
        return switch (kind) {
            case CRASHED -> "t=" + atMillis + " crash " + to;
            case JOURNAL_FAILED -> "t=" + atMillis + " journal write fails for " + to;
            default -> "t=" + atMillis + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + from + " -> " + to
                    + ": " + label + (seq > 0 ? " #" + seq : "");
        };
    }
}
