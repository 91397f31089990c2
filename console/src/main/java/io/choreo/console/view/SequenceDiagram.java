package io.choreo.console.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mermaid sequence diagram of what happened in a session: one arrow per message (implicit control messages
 * dashed), facts and costs in the text, and the failure as a note at the end.
 */
public final class SequenceDiagram {
    private SequenceDiagram() {
    }

    public static String render(List<String> participants, List<MessageView> messages, String failure) {
        Map<String, String> ids = new LinkedHashMap<>();
        participants.forEach(p -> ids.computeIfAbsent(p, k -> "p" + ids.size()));
        messages.forEach(m -> {
            ids.computeIfAbsent(m.from(), k -> "p" + ids.size());
            ids.computeIfAbsent(m.to(), k -> "p" + ids.size());
        });
        StringBuilder b = new StringBuilder("sequenceDiagram\n");
        ids.forEach((name, id) -> b.append("    participant ").append(id).append(" as ").append(text(name))
                .append('\n'));
        for (MessageView m : messages) {
            b.append("    ").append(ids.get(m.from())).append(m.implicit() ? "-->>" : "->>").append(ids.get(m.to()))
                    .append(": ").append(text(m.label()));
            if (m.cost() > 0) {
                b.append(" [cost ").append(m.cost()).append(']');
            }
            if (!m.facts().isEmpty()) {
                b.append(" facts ").append(text(String.join(", ", m.facts())));
            }
            b.append('\n');
        }
        if (failure != null && !ids.isEmpty()) {
            String first = ids.values().iterator().next();
            String last = ids.values().stream().reduce((a, c) -> c).orElse(first);
            b.append("    Note over ").append(first).append(first.equals(last) ? "" : "," + last)
                    .append(": FAILED<br/>").append(text(failure)).append('\n');
        }
        return b.toString();
    }

    /** Text that cannot break Mermaid's line syntax. */
    static String text(String s) {
        return s.replace("#", "#35;").replace(";", "#59;").replace(":", "#58;").replace("\n", " ")
                .replace("<", "#lt;").replace(">", "#gt;");
    }
}
