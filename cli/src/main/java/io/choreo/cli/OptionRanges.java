package io.choreo.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The allowed range of every numeric option of every command, checked once the command line is parsed and before
 * anything runs: a value out of range is one {@code choreo: --option value: …} line and exit 2. Numbers inside
 * {@code NAME=N} options ({@code --symbol}, node's {@code --bind}) are checked the same way. A numeric option
 * missing from the table is a build failure ({@code OptionRangesTest} walks every command's options).
 */
final class OptionRanges {
    /** The range of one option, inclusive, and how to say it. */
    record Range(long min, long max, String says) {
        boolean holds(long v) {
            return v >= min && v <= max;
        }
    }

    /** Largest loop iteration count, instance count or symbol value accepted from the command line. */
    static final long MAX_COUNT = 1_000_000;

    /** Longest session timeout or time budget: one week. */
    static final Duration MAX_DURATION = Duration.ofDays(7);

    private static final Range PORT = new Range(1, 65535, "a port is 1 to 65535");
    private static final Range COUNT = new Range(0, MAX_COUNT, "must be 0 or more (at most " + MAX_COUNT + ")");

    /** By option name; the same name means the same thing in every command. */
    static final Map<String, Range> RANGES = Map.ofEntries(
            Map.entry("--queue-bound", new Range(1, 64, "the queue bound must be 1 to 64")),
            Map.entry("--check-timeout", new Range(1, MAX_DURATION.toMillis(),
                    "the time budget must be 1 to " + MAX_DURATION.toMillis() + " ms")),
            Map.entry("--port", PORT),
            Map.entry("--console-port", PORT),
            Map.entry("--management-port", PORT),
            Map.entry("--max-states", new Range(1, 1_000_000_000, "the state budget must be 1 to 1000000000")),
            Map.entry("--members", new Range(1, 1000, "the number of members must be 1 to 1000")),
            Map.entry("--iterations", COUNT),
            Map.entry("--budget", new Range(0, 1_000_000_000_000_000L, "must be 0 or more (at most 10^18)")),
            Map.entry("--seed", new Range(Long.MIN_VALUE, Long.MAX_VALUE, "")),
            Map.entry("--seeds", new Range(1, MAX_COUNT, "the number of seeds must be 1 or more (at most "
                    + MAX_COUNT + ")")),
            Map.entry("--symbol", COUNT),
            Map.entry("--bind", new Range(1, MAX_COUNT, "an instance count must be a positive number (at most "
                    + MAX_COUNT + ")")),
            Map.entry("--timeout", new Range(1, MAX_DURATION.toMillis(), "the timeout must be positive and at most "
                    + MAX_DURATION.toDays() + " days")));

    private OptionRanges() {
    }

    /** Whether values of {@code option} are numbers (or durations) that need a range. */
    static boolean numeric(OptionSpec option) {
        Class<?> type = option.type();
        if (Map.class.isAssignableFrom(type)) {
            Class<?>[] aux = option.auxiliaryTypes();
            type = aux.length > 1 ? aux[1] : String.class;
        }
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == Duration.class;
    }

    /** Checks every matched option of the command and its subcommands; throws a ParameterException otherwise. */
    static void check(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (OptionSpec option : p.matchedOptions()) {
                if (numeric(option)) {
                    check(p.commandSpec().commandLine(), option);
                }
            }
        }
    }

    private static void check(CommandLine line, OptionSpec option) {
        Range range = RANGES.get(option.longestName());
        if (range == null) {
            throw new CommandLine.ParameterException(line, option.longestName() + ": no range is declared for "
                    + "this option; please report it");
        }
        List<String> raw = option.originalStringValues();
        String typed = raw.isEmpty() ? null : raw.get(raw.size() - 1);
        for (Map.Entry<String, Long> v : values(option.getValue())) {
            if (!range.holds(v.getValue())) {
                String shown = option.getValue() instanceof Map || typed == null ? v.getKey() : typed;
                throw new CommandLine.ParameterException(line, option.longestName() + " " + shown + ": "
                        + range.says());
            }
        }
    }

    /** The numbers an option's value holds, each with the text to show for it. */
    private static List<Map.Entry<String, Long>> values(Object value) {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                for (Map.Entry<String, Long> v : values(e.getValue())) {
                    out.add(Map.entry(e.getKey() + "=" + v.getKey(), v.getValue()));
                }
            }
        } else if (value instanceof Number n) {
            out.add(Map.entry(String.valueOf(n), n.longValue()));
        } else if (value instanceof Duration d) {
            long millis = d.isNegative() || d.compareTo(MAX_DURATION) > 0 ? -1 : d.toMillis();
            out.add(Map.entry(d.toString(), millis));
        }
        return out;
    }
}
