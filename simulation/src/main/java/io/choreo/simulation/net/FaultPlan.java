package io.choreo.simulation.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The faults of one simulated run, all decided by {@code seed}: message drop, duplication, delay and reordering
 * rates; network partitions between groups of participants over an interval of virtual time; participant crashes
 * (with restart, recovering through persistence) and journal write failures at given steps.
 *
 * @param maxDelayMillis each message is delayed by a random 0..max virtual milliseconds (plus 1 ms of latency)
 */
public record FaultPlan(long seed, double dropRate, double duplicateRate, double reorderRate, long maxDelayMillis,
                        List<Partition> partitions, List<StepFault> crashes, List<StepFault> journalFailures) {

    public FaultPlan {
        partitions = List.copyOf(partitions);
        crashes = List.copyOf(crashes);
        journalFailures = List.copyOf(journalFailures);
    }

    /**
     * Messages between {@code group} and everybody else are lost from {@code fromMillis} (inclusive) to
     * {@code toMillis} (exclusive), in virtual milliseconds from the start of the run.
     */
    public record Partition(Set<String> group, long fromMillis, long toMillis) {
    }

    /** A fault hitting {@code participant} just before simulation step {@code step}. */
    public record StepFault(String participant, int step) {
    }

    public static FaultPlan none(long seed) {
        return new FaultPlan(seed, 0, 0, 0, 0, List.of(), List.of(), List.of());
    }

    public FaultPlan withSeed(long s) {
        return new FaultPlan(s, dropRate, duplicateRate, reorderRate, maxDelayMillis, partitions, crashes,
                journalFailures);
    }

    /**
     * Parses {@code drop=0.1,dup=0.05,reorder=0.2,delay=50,crash=Leader@10,journal=Seller@3,partition=A+B@100-400}
     * (any subset, in any order). Delays and partition windows are in virtual milliseconds from the start of the
     * run ({@code partition=A+B@100-400}: from 100 ms up to, not including, 400 ms); crashes and journal failures
     * happen just before the given network step. Mistakes are one-sentence {@link IllegalArgumentException}s.
     */
    public static FaultPlan parse(long seed, String spec) {
        double drop = 0;
        double dup = 0;
        double reorder = 0;
        long delay = 0;
        List<Partition> partitions = new ArrayList<>();
        List<StepFault> crashes = new ArrayList<>();
        List<StepFault> journal = new ArrayList<>();
        if (spec != null && !spec.isBlank()) {
            for (String part : spec.split(",")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length != 2 || kv[1].isBlank()) {
                    throw new IllegalArgumentException("fault '" + part.trim() + "' is not name=value, e.g. drop=0.1");
                }
                String name = kv[0].trim();
                String v = kv[1].trim();
                switch (name) {
                    case "drop" -> drop = rate(name, v);
                    case "dup", "duplicate" -> dup = rate(name, v);
                    case "reorder" -> reorder = rate(name, v);
                    case "delay" -> {
                        delay = number("delay", v, "a number of virtual milliseconds, e.g. delay=50");
                        if (delay <= 0) {
                            throw new IllegalArgumentException("delay must be a positive number of virtual "
                                    + "milliseconds, not " + v);
                        }
                    }
                    case "crash" -> crashes.add(stepFault(name, v));
                    case "journal" -> journal.add(stepFault(name, v));
                    case "partition" -> partitions.add(partition(v));
                    default -> throw new IllegalArgumentException("unknown fault '" + name
                            + "'; known: drop, dup, reorder, delay, crash, journal, partition");
                }
            }
        }
        return new FaultPlan(seed, drop, dup, reorder, delay, partitions, crashes, journal);
    }

    /** Every participant the plan names (crashes, journal failures, partition groups), for checking them. */
    public Set<String> participantsNamed() {
        Set<String> names = new java.util.TreeSet<>();
        crashes.forEach(c -> names.add(c.participant()));
        journalFailures.forEach(j -> names.add(j.participant()));
        partitions.forEach(p -> names.addAll(p.group()));
        return names;
    }

    /**
     * Why this plan makes completing within {@code timeoutMillis} impossible, if it does: every message dropped, or
     * a partition that has not healed by the timeout.
     */
    public java.util.Optional<String> preventsCompletion(long timeoutMillis) {
        if (dropRate >= 1) {
            return java.util.Optional.of("drop=1 loses every message");
        }
        for (Partition p : partitions) {
            if (p.toMillis() >= timeoutMillis) {
                return java.util.Optional.of("the partition of " + String.join("+", new java.util.TreeSet<>(p.group()))
                        + " from " + p.fromMillis() + " ms does not heal before the timeout (" + timeoutMillis
                        + " ms)");
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Which of this plan's faults can end a run in {@code outcome} (the simple name of a typed error), if any: a
     * journal failure ({@code journal=}) can end it in {@code JournalFailed}, a crash ({@code crash=}) in
     * {@code RoleCrashed}; no fault causes a guard, capability, budget, handler or protocol error.
     */
    public java.util.Optional<String> explains(String outcome) {
        if (outcome.equals("JournalFailed") && !journalFailures.isEmpty()) {
            return java.util.Optional.of("journal= fails journal writes");
        }
        if (outcome.equals("RoleCrashed") && !crashes.isEmpty()) {
            return java.util.Optional.of("crash= crashes participants");
        }
        return java.util.Optional.empty();
    }

    private static Partition partition(String v) {
        String[] at = v.split("@", 2);
        String[] range = at.length == 2 ? at[1].split("-", 2) : new String[0];
        if (at.length != 2 || at[0].isBlank() || range.length != 2) {
            throw new IllegalArgumentException("partition must be Group@from-to in virtual milliseconds, e.g. "
                    + "partition=A+B@100-400, not " + v);
        }
        String example = "virtual milliseconds, e.g. partition=A+B@100-400";
        long from = number("partition start", range[0].trim(), example, Long.MAX_VALUE);
        long to = number("partition end", range[1].trim(), example, Long.MAX_VALUE);   // a partition may never heal
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("partition window " + range[0].trim() + "-" + range[1].trim()
                    + " must start at 0 or later and end after it starts (" + example + ")");
        }
        Set<String> group = new java.util.LinkedHashSet<>();
        for (String member : at[0].split("\\+")) {
            if (member.isBlank()) {
                throw new IllegalArgumentException("partition group '" + at[0] + "' has an empty member");
            }
            group.add(member.trim());
        }
        return new Partition(Set.copyOf(group), from, to);
    }

    /** Longest delay of a message: seven days of virtual time, the longest session timeout. */
    static final long MAX_VIRTUAL_MILLIS = java.time.Duration.ofDays(7).toMillis();

    private static long number(String what, String v, String expected) {
        return number(what, v, expected, MAX_VIRTUAL_MILLIS);
    }

    private static long number(String what, String v, String expected, long max) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be " + expected + ", not '" + v + "'");
        }
        if (n > max) {
            throw new IllegalArgumentException(what + " must be at most " + max
                    + (max == MAX_VIRTUAL_MILLIS ? " virtual milliseconds (7 days)" : "") + ", not " + v);
        }
        return n;
    }

    private static double rate(String name, String v) {
        double r;
        try {
            r = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a rate between 0 and 1, not '" + v + "'");
        }
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException(name + " must be a rate between 0 and 1, not " + v);
        }
        return r;
    }

    private static StepFault stepFault(String name, String v) {
        String[] at = v.split("@", 2);
        if (at.length != 2 || at[0].isBlank()) {
            throw new IllegalArgumentException(name + " must be Participant@step, e.g. " + name + "=Leader@10, not "
                    + v);
        }
        long step = number(name + " step", at[1].trim(), "a step number, 0 or more, e.g. " + name + "=Leader@10",
                Long.MAX_VALUE);
        if (step < 0 || step > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " step must be 0 or more, not " + at[1].trim());
        }
        return new StepFault(at[0].trim(), (int) step);
    }
}
