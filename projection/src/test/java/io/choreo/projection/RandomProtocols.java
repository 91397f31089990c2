package io.choreo.projection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded generator of random global protocols in the DSL: 2–5 roles (sometimes an array of two instances), messages
 * with a few shared labels and payload types, choices (usually but not always started by the chooser, with
 * distinct labels), rec/continue, loops with a count and decided by a role, and parallel blocks. About half of what
 * it writes is well formed; the rest exercises the errors.
 */
public final class RandomProtocols {
    private static final String[] LABELS = {"a", "b", "c", "m", "n"};
    private static final String[] PAYLOADS = {"", "", "", "(Int1)", "(Int2)"};

    private final Random rnd;
    private final List<String> roles = new ArrayList<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final boolean array;
    private int recs;
    private int budget;

    private RandomProtocols(long seed) {
        this.rnd = new Random(seed);
        int n = 2 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            roles.add(String.valueOf((char) ('A' + i)));
        }
        this.array = rnd.nextInt(5) == 0;
        if (array) {
            roles.add("W");
        }
        this.budget = 6 + rnd.nextInt(14);
    }

    /** The protocol text for {@code seed}. */
    public static String generate(long seed) {
        RandomProtocols g = new RandomProtocols(seed);
        String body = g.block(0, List.of(), false);
        StringBuilder decl = new StringBuilder();
        for (String r : g.roles) {
            if (g.used.contains(r)) {
                decl.append(decl.length() == 0 ? "" : ", ").append(r.equals("W") ? "W[2]" : r);
            }
        }
        return "choreography R" + Long.toHexString(seed) + " {\n  roles: " + decl + ";\n" + body + "}\n";
    }

    private String block(int depth, List<String> recLabels, boolean inPar) {
        StringBuilder b = new StringBuilder();
        int count = 1 + rnd.nextInt(3);
        for (int i = 0; i < count && budget > 0; i++) {
            b.append(statement(depth, recLabels, inPar));
        }
        if (!recLabels.isEmpty() && !inPar && rnd.nextInt(3) == 0) {
            b.append(indent(depth)).append("continue ").append(recLabels.get(rnd.nextInt(recLabels.size())))
                    .append(";\n");
        }
        return b.toString();
    }

    private String statement(int depth, List<String> recLabels, boolean inPar) {
        budget--;
        int pick = depth > 3 ? 0 : rnd.nextInt(20);
        String ind = indent(depth);
        if (pick < 10) {
            return ind + message(plainOrInstance(), null) + "\n";
        } else if (pick < 14) {
            String chooser = decider();
            StringBuilder b = new StringBuilder(ind + "choice " + chooser + " {\n");
            int branches = 2 + rnd.nextInt(2);
            for (int i = 0; i < branches; i++) {
                b.append(ind).append("  l").append(i).append(": {\n");
                if (rnd.nextInt(6) > 0) {
                    b.append(indent(depth + 2)).append(message(chooser, "x" + i)).append("\n");
                }
                b.append(block(depth + 2, recLabels, inPar));
                b.append(ind).append("  }\n");
            }
            return b.append(ind).append("}\n").toString();
        } else if (pick < 16) {
            String label = "X" + (++recs);
            List<String> inner = new ArrayList<>(recLabels);
            inner.add(label);
            return ind + "rec " + label + " {\n" + indent(depth + 1) + message(plainOrInstance(), null) + "\n"
                    + block(depth + 1, inner, false) + ind + "}\n";
        } else if (pick < 17) {
            return ind + "loop (count: " + (1 + rnd.nextInt(3)) + ") {\n" + block(depth + 1, recLabels, inPar)
                    + ind + "}\n";
        } else if (pick < 19) {
            return ind + "loop (decides: " + decider() + ") {\n" + indent(depth + 1) + message(plainOrInstance(), null)
                    + "\n" + block(depth + 1, List.of(), inPar) + ind + "}\n";
        }
        return ind + "parallel {\n" + block(depth + 1, List.of(), true) + ind + "} and {\n"
                + block(depth + 1, List.of(), true) + ind + "}\n";
    }

    private String message(String from, String label) {
        String to = other(from);
        String l = label != null ? label : LABELS[rnd.nextInt(LABELS.length)];
        String payload = PAYLOADS[rnd.nextInt(PAYLOADS.length)];
        return from + " -> " + to + ": " + l + payload + ";";
    }

    private String plain() {
        String r = roles.get(rnd.nextInt(array ? roles.size() - 1 : roles.size()));
        used.add(r);
        return r;
    }

    /** A plain role, or (with an array) sometimes one of its instances. */
    private String decider() {
        if (array && rnd.nextInt(4) == 0) {
            used.add("W");
            return "W[" + rnd.nextInt(2) + "]";
        }
        return plain();
    }

    private String plainOrInstance() {
        if (array && rnd.nextInt(4) == 0) {
            used.add("W");
            return rnd.nextBoolean() ? "W[" + rnd.nextInt(2) + "]" : "W[i]";
        }
        return plain();
    }

    private String other(String from) {
        String base = from.startsWith("W") ? "W" : from;
        if (array && !base.equals("W") && rnd.nextInt(4) == 0) {
            used.add("W");
            return rnd.nextBoolean() ? "W[*]" : "W[" + rnd.nextInt(2) + "]";
        }
        String r;
        do {
            r = roles.get(rnd.nextInt(array ? roles.size() - 1 : roles.size()));
        } while (r.equals(base));
        used.add(r);
        return r;
    }

    private static String indent(int depth) {
        return "  ".repeat(depth + 1);
    }
}
