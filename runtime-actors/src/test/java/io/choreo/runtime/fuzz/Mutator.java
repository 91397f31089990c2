package io.choreo.runtime.fuzz;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of DSL text: byte flips, token edits (delete, duplicate, swap, replace with a keyword or a
 * symbol), truncation, unicode, huge or negative numbers, deep nesting, huge arrays and long repetitions. One seed,
 * one mutant: a failure is reproduced from its seed alone.
 */
final class Mutator {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|\\d+|->\\*?|\\.\\.|::|\\S");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern ARRAY = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\[(\\d+|[A-Za-z_]+|\\*)]");
    private static final List<String> WORDS = List.of("choreography", "protocol", "roles", ":", ";", "{", "}", "(",
            ")", "[", "]", "->", "->*", ",", "choice", "loop", "count", "decides", "parallel", "and", "|", "rec",
            "continue", "call", "when", "*", "..", "i", "0", "1", "N", "<", ">", "=", "\"", "//", "/*", "&&", "!",
            "#[namespace = \"x\"]", "choreography!", "flow_cost = 999999999999", "journal_merge = true");
    private static final List<String> UNICODE = List.of("\u00e9", "\u2192", "\u0000", "\ud83d\ude00", "\ud800",
            "\u202e", "\ufeff", "\u3042", "\r", "\t", "\u00a0");
    private static final List<String> NUMBERS = List.of("0", "-1", "2147483647", "2147483648", "4294967296",
            "99999999999999999999", "65", "100000", "1000000");

    /** Mutations that would grow a text beyond this are skipped: the fuzzer is about shapes, not megabytes. */
    static final int MAX_CHARS = 400_000;

    private Mutator() {
    }

    /** The mutant of {@code text} for {@code seed}: one to three mutations. */
    static String mutate(String text, long seed) {
        Random r = new Random(seed);
        String out = text;
        int edits = 1 + r.nextInt(3);
        for (int i = 0; i < edits; i++) {
            String next = once(out, r);
            out = next.length() <= MAX_CHARS ? next : out;
        }
        return out;
    }

    private static String once(String s, Random r) {
        if (s.isEmpty()) {
            return WORDS.get(r.nextInt(WORDS.size()));
        }
        return switch (r.nextInt(10)) {
            case 0 -> flipByte(s, r);
            case 1, 2 -> editToken(s, r);
            case 3 -> s.substring(0, r.nextInt(s.length()));
            case 4 -> insert(s, r.nextInt(s.length() + 1), UNICODE.get(r.nextInt(UNICODE.size())));
            case 5 -> replaceOne(s, NUMBER, r, m -> NUMBERS.get(r.nextInt(NUMBERS.size())));
            case 6 -> nest(s, r);
            case 7 -> replaceOne(s, ARRAY, r, m -> m.group(1) + "[" + NUMBERS.get(r.nextInt(NUMBERS.size())) + "]");
            case 8 -> repeatLine(s, r);
            default -> swapTokens(s, r);
        };
    }

    private static String flipByte(String s, Random r) {
        int at = r.nextInt(s.length());
        return s.substring(0, at) + (char) (s.charAt(at) ^ (1 << r.nextInt(8))) + s.substring(at + 1);
    }

    private static String insert(String s, int at, String piece) {
        return s.substring(0, at) + piece + s.substring(at);
    }

    /** Deletes, duplicates or replaces one token. */
    private static String editToken(String s, Random r) {
        List<int[]> tokens = tokens(s);
        if (tokens.isEmpty()) {
            return s;
        }
        int[] t = tokens.get(r.nextInt(tokens.size()));
        String token = s.substring(t[0], t[1]);
        String replacement = switch (r.nextInt(3)) {
            case 0 -> "";
            case 1 -> token + " " + token;
            default -> WORDS.get(r.nextInt(WORDS.size()));
        };
        return s.substring(0, t[0]) + replacement + s.substring(t[1]);
    }

    private static String swapTokens(String s, Random r) {
        List<int[]> tokens = tokens(s);
        if (tokens.size() < 2) {
            return s;
        }
        int i = r.nextInt(tokens.size() - 1);
        int[] a = tokens.get(i);
        int[] b = tokens.get(i + 1);
        return s.substring(0, a[0]) + s.substring(b[0], b[1]) + s.substring(a[1], b[0]) + s.substring(a[0], a[1])
                + s.substring(b[1]);
    }

    private static List<int[]> tokens(String s) {
        Matcher m = TOKEN.matcher(s);
        java.util.ArrayList<int[]> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }

    private interface Replacement {
        String of(Matcher m);
    }

    private static String replaceOne(String s, Pattern p, Random r, Replacement with) {
        Matcher m = p.matcher(s);
        java.util.ArrayList<int[]> hits = new java.util.ArrayList<>();
        java.util.ArrayList<String> texts = new java.util.ArrayList<>();
        while (m.find()) {
            hits.add(new int[] {m.start(), m.end()});
            texts.add(with.of(m));
        }
        if (hits.isEmpty()) {
            return flipByte(s, r);
        }
        int i = r.nextInt(hits.size());
        return s.substring(0, hits.get(i)[0]) + texts.get(i) + s.substring(hits.get(i)[1]);
    }

    /** Wraps the statement after a {@code ;} or {@code {} in deep nesting: loops, parentheses or brackets. */
    private static String nest(String s, Random r) {
        int at = Math.max(s.indexOf('{') + 1, 0);
        int depth = new int[] {50, 199, 201, 1000, 20000}[r.nextInt(5)];
        String open;
        String close;
        switch (r.nextInt(3)) {
            case 0 -> {
                open = "loop (count: 2) { ";
                close = " }";
            }
            case 1 -> {
                open = "(";
                close = ")";
            }
            default -> {
                open = "{";
                close = "}";
            }
        }
        int end = s.indexOf(';', at);
        end = end < 0 ? s.length() : end + 1;
        return s.substring(0, at) + open.repeat(depth) + s.substring(at, end) + close.repeat(depth)
                + s.substring(end);
    }

    /** Repeats one line up to a few thousand times (long protocols). */
    private static String repeatLine(String s, Random r) {
        String[] lines = s.split("\n", -1);
        int i = r.nextInt(lines.length);
        int times = new int[] {2, 100, 3000}[r.nextInt(3)];
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < lines.length; k++) {
            b.append((lines[k] + "\n").repeat(k == i ? times : 1));
        }
        return b.toString();
    }
}
