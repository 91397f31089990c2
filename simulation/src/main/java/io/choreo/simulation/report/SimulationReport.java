package io.choreo.simulation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.choreo.simulation.SimulationResult;
import io.choreo.simulation.net.NetEvent;

/** Renders a simulated run as text, as JSON, and as a Mermaid sequence diagram of what the network did. */
public final class SimulationReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SimulationReport() {
    }

    public static String text(SimulationResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.protocol()).append(" seed ").append(r.seed()).append(": ").append(r.outcome());
        if (!r.cause().isEmpty()) {
            b.append(" (").append(r.cause()).append(')');
        }
        b.append(" after ").append(r.steps()).append(" steps, ").append(r.virtualMillis()).append(" ms of virtual time\n");
        r.network().forEach(e -> b.append("  ").append(e).append('\n'));
        if (r.violations().isEmpty()) {
            b.append("checks: conformance to local types ok, journal facts ok, no duplicate consumption\n");
        } else {
            r.violations().forEach(v -> b.append("VIOLATION: ").append(v).append('\n'));
        }
        return b.toString();
    }

    public static String json(SimulationResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("protocol", r.protocol());
        root.put("seed", r.seed());
        root.put("outcome", r.outcome());
        root.put("cause", r.cause());
        root.put("steps", r.steps());
        root.put("virtualMillis", r.virtualMillis());
        ArrayNode network = root.putArray("network");
        for (NetEvent e : r.network()) {
            ObjectNode n = network.addObject();
            n.put("at", e.atMillis());
            n.put("kind", e.kind().name());
            n.put("from", e.from());
            n.put("to", e.to());
            n.put("label", e.label());
            n.put("seq", e.seq());
        }
        ArrayNode trace = root.putArray("trace");
        r.trace().forEach(t -> trace.add(t.toString()));
        ArrayNode violations = root.putArray("violations");
        r.violations().forEach(violations::add);
        root.put("mermaid", mermaid(r));
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deliveries as arrows, acknowledgements dashed, lost messages crossed, crashes and journal faults as notes. */
    public static String mermaid(SimulationResult r) {
        StringBuilder b = new StringBuilder("sequenceDiagram\n");
        b.append("    title ").append(r.protocol()).append(" seed ").append(r.seed()).append('\n');
        for (NetEvent e : r.network()) {
            String from = id(e.from());
            String to = id(e.to());
            switch (e.kind()) {
                case DELIVERED -> b.append("    ").append(from).append(e.label().equals("ack") ? "-->>" : "->>")
                        .append(to).append(": ").append(e.label()).append(seq(e)).append('\n');
                case DROPPED, PARTITIONED -> b.append("    ").append(from).append("-x").append(to).append(": ")
                        .append(e.label()).append(seq(e)).append(" (").append(e.kind().name().toLowerCase(
                                java.util.Locale.ROOT)).append(")\n");
                case DUPLICATED -> b.append("    Note over ").append(from).append(",").append(to)
                        .append(": duplicated ").append(e.label()).append(seq(e)).append('\n');
                case CRASHED -> b.append("    Note over ").append(to).append(": crash and restart\n");
                case JOURNAL_FAILED -> b.append("    Note over ").append(to).append(": journal write fails\n");
            }
        }
        return b.toString();
    }

    private static String seq(NetEvent e) {
        return e.seq() > 0 ? " #" + e.seq() : "";
    }

    private static String id(String participant) {
        return participant.replace("[", "_").replace("]", "");
    }
}
