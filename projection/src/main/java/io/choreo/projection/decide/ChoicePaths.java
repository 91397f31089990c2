package io.choreo.projection.decide;

import io.choreo.dsl.source.Span;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each message statement of a global protocol sits: its {@link Global.Comm} and the choices (with the branch
 * taken) that enclose it, outermost first. A synthesized automaton's events are mapped back to the protocol through
 * it: the message's declared type and annotations, and the {@code choice} a participant's decision belongs to. A
 * statement that occurs at several places (a sub-protocol called twice) has no single path: {@link #path} is null.
 */
final class ChoicePaths {
    /** One enclosing choice and the index of the branch the statement is in. */
    record Step(Global.Choice choice, int branch) {
    }

    private final Map<String, Global.Comm> comms = new HashMap<>();
    private final Map<String, List<Step>> paths = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();

    private ChoicePaths() {
    }

    /** The statements of {@code protocol}, walked with an explicit stack. */
    static ChoicePaths of(GlobalProtocol protocol) {
        ChoicePaths out = new ChoicePaths();
        record Item(Global node, List<Step> path) {
        }
        Deque<Item> todo = new ArrayDeque<>();
        protocol.body().forEach(g -> todo.push(new Item(g, List.of())));
        while (!todo.isEmpty()) {
            Item it = todo.pop();
            Global g = it.node();
            if (g instanceof Global.Comm c) {
                out.add(c, it.path());
            } else if (g instanceof Global.Choice c) {
                for (int b = 0; b < c.branches().size(); b++) {
                    List<Step> inner = new ArrayList<>(it.path());
                    inner.add(new Step(c, b));
                    List<Step> fixed = List.copyOf(inner);
                    c.branches().get(b).body().forEach(x -> todo.push(new Item(x, fixed)));
                }
            } else if (g instanceof Global.Rec r) {
                r.body().forEach(x -> todo.push(new Item(x, it.path())));
            } else if (g instanceof Global.Repeat r) {
                r.body().forEach(x -> todo.push(new Item(x, it.path())));
            } else if (g instanceof Global.Par p) {
                p.branches().forEach(b -> b.forEach(x -> todo.push(new Item(x, it.path()))));
            }
        }
        return out;
    }

    private void add(Global.Comm c, List<Step> path) {
        String key = key(c.span(), c.message().label());
        List<Step> known = paths.putIfAbsent(key, path);
        comms.putIfAbsent(key, c);
        if (known != null && !same(known, path)) {
            ambiguous.add(key);
        }
    }

    private static boolean same(List<Step> a, List<Step> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).choice() != b.get(i).choice() || a.get(i).branch() != b.get(i).branch()) {
                return false;
            }
        }
        return true;
    }

    /** The statement at {@code span} with message {@code label}, or null. */
    Global.Comm comm(Span span, String label) {
        return comms.get(key(span, label));
    }

    /** The enclosing choices of that statement, or null if it has none single (unknown or at several places). */
    List<Step> path(Span span, String label) {
        String key = key(span, label);
        return ambiguous.contains(key) ? null : paths.get(key);
    }

    private static String key(Span span, String label) {
        return span.offset() + ":" + span.length() + ":" + label;
    }
}
