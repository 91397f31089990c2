package io.choreo.runtime.engine;

import com.typesafe.config.Config;
import io.choreo.dsl.ast.MessageType;
import io.choreo.dsl.ast.TypeRef;
import io.choreo.runtime.handler.ExampleHandlers;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes the payload types a protocol declares stand for, and the check of a payload against them at send.
 * A qualified name ({@code shop.Order}, {@code a.b::C}) is that class; a short name maps by
 * {@code SessionSpec.withPayloadClass("Order", Order.class)} or by configuration
 * ({@code choreo.payload-classes { Order = "shop.Order" }}); {@code String}, {@code Int}/{@code Integer},
 * {@code Long}, {@code Bool}/{@code Boolean}, {@code Double} and {@code bytes} are the JDK types. A name that maps
 * to no loadable class (an unmapped short name, a generic, several payload types) stays unchecked. The
 * {@link ExampleHandlers.ExamplePayload example payload} of {@code choreo run} stands for any type.
 */
public final class PayloadClasses {
    /** The configuration block of short name → class name. */
    public static final String CONFIG_KEY = "choreo.payload-classes";

    private static final Map<String, Class<?>> WELL_KNOWN = Map.ofEntries(Map.entry("String", String.class),
            Map.entry("Int", Integer.class), Map.entry("Integer", Integer.class), Map.entry("Long", Long.class),
            Map.entry("Bool", Boolean.class), Map.entry("Boolean", Boolean.class), Map.entry("Double", Double.class),
            Map.entry("bytes", byte[].class));
    /** The last instance made, reused while config, mappings and class loader stay the same (the usual case). */
    private static volatile Memo last;

    private record Memo(Config config, Map<String, Class<?>> mapped, ClassLoader loader, PayloadClasses classes) {
    }

    private final Map<String, Class<?>> mapped;
    private final Map<String, String> configured;
    private final ClassLoader loader;
    private final Map<String, Optional<Class<?>>> resolved = new ConcurrentHashMap<>();

    private PayloadClasses(Map<String, Class<?>> mapped, Map<String, String> configured, ClassLoader loader) {
        this.mapped = mapped;
        this.configured = configured;
        this.loader = loader;
    }

    /** Mappings of a session ({@code withPayloadClass}) over those of {@code config}. */
    public static PayloadClasses of(Map<String, Class<?>> mapped, Config config, ClassLoader loader) {
        Memo m = last;
        if (m != null && m.config() == config && m.loader() == loader && m.mapped().equals(mapped)) {
            return m.classes();
        }
        PayloadClasses made = new PayloadClasses(mapped, read(config), loader);
        last = new Memo(config, mapped, loader, made);
        return made;
    }

    /** Only the well-known and qualified names, and {@code mapped}. */
    public static PayloadClasses of(Map<String, Class<?>> mapped) {
        return new PayloadClasses(mapped, Map.of(), PayloadClasses.class.getClassLoader());
    }

    private static Map<String, String> read(Config config) {
        Map<String, String> out = new HashMap<>();
        if (config.hasPath(CONFIG_KEY)) {
            config.getConfig(CONFIG_KEY).entrySet().forEach(e -> out.put(e.getKey().replace("\"", ""),
                    String.valueOf(e.getValue().unwrapped())));
        }
        return Map.copyOf(out);
    }

    /** The class the single declared payload type of {@code message} stands for, if it is known. */
    public Optional<Class<?>> declared(MessageType message) {
        if (message.payload().size() != 1 || !message.payload().get(0).args().isEmpty()) {
            return Optional.empty();
        }
        String path = message.payload().get(0).path();
        Optional<Class<?>> known = resolved.get(path);
        return known != null ? known : resolved.computeIfAbsent(path, this::resolve);
    }

    private Optional<Class<?>> resolve(String path) {
        Class<?> c = mapped.get(path);
        if (c == null) {
            c = WELL_KNOWN.get(path);
        }
        if (c != null) {
            return Optional.of(c);
        }
        String name = configured.getOrDefault(path, path.contains(".") || path.contains("::")
                ? path.replace("::", ".") : null);
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Makes the declared payload classes of {@code machine}'s messages known as wire type ids. */
    public PayloadClasses learnDeclared(RoleMachine machine) {
        for (MessageType m : machine.messages()) {
            declared(m).ifPresent(c -> PayloadTypeIds.learn(PayloadTypeIds.base(m), c));
        }
        return this;
    }

    /** Why {@code payload} does not fit the declared type of {@code message} (its actual type), if it does not. */
    public Optional<String> mismatch(MessageType message, Object payload) {
        if (payload instanceof ExampleHandlers.ExamplePayload) {
            return Optional.empty();
        }
        Optional<Class<?>> expected = declared(message);
        if (expected.isEmpty() || expected.get().isInstance(payload)) {
            return Optional.empty();
        }
        return Optional.of(payload == null ? "null" : payload.getClass().getName());
    }

    /** The declared payload type as written, for messages. */
    public static String shown(MessageType message) {
        return String.join(", ", message.payload().stream().map(TypeRef::toString).toList());
    }
}
