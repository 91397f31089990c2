package io.choreo.runtime.resilience;

import io.choreo.runtime.extension.CapabilityStore;
import io.choreo.runtime.handler.SendContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Capability checks in layers (organisation, team, session, …). Each layer sees the context the layers before it
 * refined, may refine it further, or deny; any denial denies the send, naming the layer and its reason. The
 * context the layers refined is handed on to the application: the sending handler reads it from
 * {@code SendContext.capabilityContext()}.
 */
public final class LayeredCapabilities implements CapabilityStore {

    /** A layer's verdict: allow (adding context for the next layers) or deny with a reason. */
    public sealed interface Verdict {
        record Allow(Map<String, String> refinements) implements Verdict {
        }

        record Deny(String reason) implements Verdict {
        }

        static Verdict allow() {
            return new Allow(Map.of());
        }

        static Verdict allow(String key, String value) {
            return new Allow(Map.of(key, value));
        }

        static Verdict deny(String reason) {
            return new Deny(reason);
        }
    }

    /** One layer of checks. */
    public interface Layer {
        String name();

        Verdict check(SendContext send, String capability, Map<String, String> context);
    }

    private final List<Layer> layers;

    public LayeredCapabilities(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    @Override
    public boolean allows(SendContext send, String capability) {
        return decide(send, capability).denial().isEmpty();
    }

    @Override
    public Optional<String> denial(SendContext send, String capability) {
        return decide(send, capability).denial();
    }

    /**
     * Runs the layers in order, each seeing the context refined so far; any denial denies, naming the layer. When
     * all allow, the refined context goes with the send to its handler ({@code SendContext.capabilityContext()}).
     */
    @Override
    public Decision decide(SendContext send, String capability) {
        Map<String, String> context = new HashMap<>();
        for (Layer layer : layers) {
            Verdict v = layer.check(send, capability, Map.copyOf(context));
            if (v instanceof Verdict.Deny d) {
                return new Decision(Optional.of("layer '" + layer.name() + "': " + d.reason()), context);
            }
            context.putAll(((Verdict.Allow) v).refinements());
        }
        return new Decision(Optional.empty(), context);
    }
}
