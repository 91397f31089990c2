package io.choreo.dsl.diagnostic;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean …?" hints: the closest known name within a small edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The candidate closest to {@code word}, if one is within a third of its length in edits (names of one or two letters must match but for case). */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        int limit = word.length() <= 2 ? 0 : Math.max(1, word.length() / 3);
        return candidates.stream()
                .filter(c -> distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT)) <= limit)
                .min(Comparator.comparingInt(c -> distance(word, c)));
    }

    /** A hint naming the closest candidate, or listing all of them. */
    public static String hint(String word, Collection<String> candidates, String what) {
        return closest(word, candidates).map(c -> "did you mean '" + c + "'? ")
                .orElse("") + what + ": " + (candidates.isEmpty() ? "none" : String.join(", ", candidates));
    }

    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
