package io.choreo.runtime.compose;

import io.choreo.runtime.extension.CapabilityStore;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.handler.SendContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An adaptation layer between two versions of a protocol: handlers written for the old version take part in
 * sessions of the new one. Requests (payloads the old handler sends) are converted to the new format, results
 * (payloads it receives) back to the old one, both by message label of the new version; capabilities the new version
 * demands are mapped to the names the old grants use. Layers compose with {@link #then} (v1 → v2 → v3).
 */
public final class Adaptation {
    private final String from;
    private final String to;
    private final Map<String, UnaryOperator<Object>> requests;
    private final Map<String, UnaryOperator<Object>> results;
    private final Map<String, String> capabilities;

    private Adaptation(String from, String to, Map<String, UnaryOperator<Object>> requests,
                       Map<String, UnaryOperator<Object>> results, Map<String, String> capabilities) {
        this.from = from;
        this.to = to;
        this.requests = Map.copyOf(requests);
        this.results = Map.copyOf(results);
        this.capabilities = Map.copyOf(capabilities);
    }

    /** An identity adaptation from version {@code from} to version {@code to}, to add conversions to. */
    public static Adaptation between(String from, String to) {
        return new Adaptation(from, to, Map.of(), Map.of(), Map.of());
    }

    /** Payloads of new-version message {@code label} that an old handler sends are converted by {@code convert}. */
    public Adaptation request(String label, UnaryOperator<Object> convert) {
        Map<String, UnaryOperator<Object>> m = new LinkedHashMap<>(requests);
        m.put(label, convert);
        return new Adaptation(from, to, m, results, capabilities);
    }

    /** Payloads of new-version message {@code label} that an old handler receives are converted by {@code convert}. */
    public Adaptation result(String label, UnaryOperator<Object> convert) {
        Map<String, UnaryOperator<Object>> m = new LinkedHashMap<>(results);
        m.put(label, convert);
        return new Adaptation(from, to, requests, m, capabilities);
    }

    /** The new version's capability {@code newName} is granted where the old one's {@code oldName} is. */
    public Adaptation capability(String newName, String oldName) {
        Map<String, String> m = new LinkedHashMap<>(capabilities);
        m.put(newName, oldName);
        return new Adaptation(from, to, requests, results, m);
    }

    /**
     * This layer followed by {@code next} (this: v1 → v2, next: v2 → v3): old handlers run in v3 sessions. Labels
     * are those of the newest version, so the conversions of both layers apply in order.
     */
    public Adaptation then(Adaptation next) {
        Map<String, UnaryOperator<Object>> req = new LinkedHashMap<>(requests);
        next.requests.forEach((label, c) -> req.merge(label, c, (mine, theirs) -> p -> theirs.apply(mine.apply(p))));
        Map<String, UnaryOperator<Object>> res = new LinkedHashMap<>(results);
        next.results.forEach((label, c) -> res.merge(label, c, (mine, theirs) -> p -> mine.apply(theirs.apply(p))));
        Map<String, String> caps = new LinkedHashMap<>();
        next.capabilities.forEach((newest, middle) -> caps.put(newest, capabilities.getOrDefault(middle, middle)));
        capabilities.forEach(caps::putIfAbsent);
        return new Adaptation(from, next.to, req, res, caps);
    }

    /** The version this layer adapts from. */
    public String from() {
        return from;
    }

    /** The version this layer adapts to. */
    public String to() {
        return to;
    }

    /** An old-version capability store answering for the new version's capability names. */
    public CapabilityStore capabilities(CapabilityStore old) {
        return new CapabilityStore() {
            @Override
            public boolean allows(SendContext send, String capability) {
                return old.allows(send, capabilities.getOrDefault(capability, capability));
            }

            @Override
            public Optional<String> denial(SendContext send, String capability) {
                return decide(send, capability).denial();
            }

            @Override
            public Decision decide(SendContext send, String capability) {
                String mapped = capabilities.getOrDefault(capability, capability);
                Decision decided = old.decide(send, mapped);
                return new Decision(decided.denial().map(d -> mapped.equals(capability) ? d
                        : d + " (as '" + mapped + "' of " + from + ")"), decided.context());
            }
        };
    }

    /** Old-version handlers, adapted. */
    public RoleHandlers handlers(RoleHandlers old) {
        return (role, participant, name) -> handler(old.create(role, participant, name));
    }

    /** An old-version handler, adapted: its sends and receives are converted, everything else passes through. */
    public RoleHandler handler(RoleHandler old) {
        return new RoleHandler() {
            @Override
            public Object payload(SendContext send) {
                Object p = old.payload(send);
                return requests.getOrDefault(send.label(), UnaryOperator.identity()).apply(p);
            }

            @Override
            public void received(ReceiveContext r) {
                Object p = results.getOrDefault(r.label(), UnaryOperator.identity()).apply(r.payload());
                old.received(new ReceiveContext(r.sessionId(), r.participant(), r.from(), r.label(), p,
                        r.implicit()));
            }

            @Override
            public Map<String, ?> guardVariables(ChoiceContext choice) {
                return old.guardVariables(choice);
            }

            @Override
            public String choose(ChoiceContext choice) {
                return old.choose(choice);
            }

            @Override
            public boolean continueLoop(LoopContext loop) {
                return old.continueLoop(loop);
            }

            @Override
            public Object result() {
                return old.result();
            }
        };
    }
}
