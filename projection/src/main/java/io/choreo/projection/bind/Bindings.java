package io.choreo.projection.bind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session binds when it starts: instance counts of role arrays ({@code bindRoleCount("Followers", 5)}),
 * optional instance names ({@code bindInstances("Followers", List.of("alice", …))}) and symbolic parameters such as
 * {@code threshold}. Immutable; each {@code bind…} returns a new value.
 */
public record Bindings(Map<String, Integer> roleCounts, Map<String, List<String>> instanceNames,
                       Map<String, Integer> symbols) {
    public Bindings {
        roleCounts = Map.copyOf(roleCounts);
        instanceNames = Map.copyOf(instanceNames);
        symbols = Map.copyOf(symbols);
    }

    public static Bindings none() {
        return new Bindings(Map.of(), Map.of(), Map.of());
    }

    public Bindings bindRoleCount(String role, int count) {
        Map<String, Integer> counts = new LinkedHashMap<>(roleCounts);
        counts.put(role, count);
        return new Bindings(counts, instanceNames, symbols);
    }

    /** Binds an array to named instances; its count is the number of names. */
    public Bindings bindInstances(String role, List<String> names) {
        Map<String, List<String>> named = new LinkedHashMap<>(instanceNames);
        named.put(role, List.copyOf(names));
        return new Bindings(roleCounts, named, symbols).bindRoleCount(role, names.size());
    }

    public Bindings bindSymbol(String symbol, int value) {
        Map<String, Integer> s = new LinkedHashMap<>(symbols);
        s.put(symbol, value);
        return new Bindings(roleCounts, instanceNames, s);
    }

    /** The bound name of a participant ({@code bindInstances}), or the participant name when none was bound. */
    public String instanceName(io.choreo.projection.local.Participants.Participant p) {
        return p.index().map(i -> {
            List<String> names = instanceNames.get(p.role());
            return names == null ? p.name() : names.get(i);
        }).orElse(p.name());
    }
}
