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

    /** Messages between {@code group} and everybody else are lost from {@code fromMillis} to {@code toMillis}. */
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
     * (any subset, in any order).
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
                if (kv.length != 2) {
                    throw new IllegalArgumentException("fault '" + part + "' is not name=value");
                }
                String v = kv[1].trim();
                switch (kv[0].trim()) {
                    case "drop" -> drop = rate(kv[0], v);
                    case "dup", "duplicate" -> dup = rate(kv[0], v);
                    case "reorder" -> reorder = rate(kv[0], v);
                    case "delay" -> delay = Long.parseLong(v);
                    case "crash" -> crashes.add(stepFault(v));
                    case "journal" -> journal.add(stepFault(v));
                    case "partition" -> {
                        String[] at = v.split("@", 2);
                        String[] range = at[1].split("-", 2);
                        partitions.add(new Partition(Set.of(at[0].split("\\+")), Long.parseLong(range[0]),
                                Long.parseLong(range[1])));
                    }
                    default -> throw new IllegalArgumentException("unknown fault '" + kv[0]
                            + "'; known: drop, dup, reorder, delay, crash, journal, partition");
                }
            }
        }
        return new FaultPlan(seed, drop, dup, reorder, delay, partitions, crashes, journal);
    }

    private static double rate(String name, String v) {
        double r = Double.parseDouble(v);
        if (r < 0 || r > 1) {
            throw new IllegalArgumentException(name + " must be a rate between 0 and 1, not " + v);
        }
        return r;
    }

    private static StepFault stepFault(String v) {
        String[] at = v.split("@", 2);
        if (at.length != 2) {
            throw new IllegalArgumentException("expected Participant@step, not " + v);
        }
        return new StepFault(at[0], Integer.parseInt(at[1]));
    }
}
