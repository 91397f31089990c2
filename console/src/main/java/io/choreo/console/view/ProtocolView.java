package io.choreo.console.view;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.check.LocalFsm;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.render.MermaidRenderer;
import io.choreo.projection.render.MermaidStateRenderer;
import java.util.LinkedHashMap;
import java.util.Map;

/** A protocol as the console draws it: the global sequence diagram and each participant's state machine. */
public record ProtocolView(String name, String source, String globalDiagram, Map<String, String> stateMachines) {
    /** State budget per participant machine. */
    static final int MAX_STATES = 10_000;

    public static ProtocolView of(CompiledProtocol protocol, String source, Map<String, LocalType> participants) {
        Map<String, String> machines = new LinkedHashMap<>();
        participants.forEach((name, type) -> machines.put(name, MermaidStateRenderer.render(LocalFsm.of(type,
                MAX_STATES))));
        return new ProtocolView(protocol.name(), source, MermaidRenderer.render(protocol.global()), machines);
    }
}
