package io.choreo.runtime.engine;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.choreo.dsl.ast.MessageType;
import io.choreo.runtime.handler.ExampleHandlers;
import io.choreo.runtime.wire.TypeIdTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The type ids payloads carry on the wire and in the journal instead of Java class names: the payload type a
 * protocol declares for the message, or its label when it declares none, with a version ({@code Order@1},
 * {@code Offer@1}). A node knows an id once one of its protocols declares it with a class (see
 * {@link PayloadClasses}), or once its own handlers send a payload under it; only classes known so are ever
 * deserialized. An id a node does not know is rejected with {@link UndeclaredPayloadType} (Pekko logs the dropped
 * message) and nothing is instantiated. A short name stands for one class per JVM (the first bound).
 */
public final class PayloadTypeIds {
    /** The version of the payload encoding written with each id. */
    public static final int VERSION = 1;

    private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();
    private static final Map<Class<?>, String> IDS = new ConcurrentHashMap<>();

    static {
        Map.of("String", String.class, "Int", Integer.class, "Long", Long.class, "Bool", Boolean.class,
                "Double", Double.class, "bytes", byte[].class, "choreo.ExamplePayload",
                ExampleHandlers.ExamplePayload.class).forEach(PayloadTypeIds::learn);
        // collections (of strings, numbers, booleans, lists and maps) cross as JSON values, whatever their class
        Map.of("List", java.util.ArrayList.class, "Map", java.util.LinkedHashMap.class, "Set",
                java.util.LinkedHashSet.class).forEach(PayloadTypeIds::learn);
    }

    /** The id of a collection class: every list is a {@code List}, every map a {@code Map}, every set a {@code Set}. */
    private static String collectionId(Class<?> type) {
        Class<?> as = java.util.List.class.isAssignableFrom(type) ? java.util.ArrayList.class
                : java.util.Map.class.isAssignableFrom(type) ? java.util.LinkedHashMap.class
                : java.util.Set.class.isAssignableFrom(type) ? java.util.LinkedHashSet.class : null;
        return as == null ? null : IDS.get(as);
    }

    private PayloadTypeIds() {
    }

    /** Thrown when a payload names a type id this node does not know: nothing is instantiated. */
    public static final class UndeclaredPayloadType extends JsonMappingException {
        public UndeclaredPayloadType(String id) {
            super(null, "payload type id '" + id + "' is not declared by any protocol of this node");
        }
    }

    /** The id base of the payload of {@code message}: its one declared type as written, else its label. */
    public static String base(MessageType message) {
        return message.payload().size() == 1 ? message.payload().get(0).toString() : message.label();
    }

    /** Binds {@code base} (versioned) to {@code type} unless either is bound already; cheap when known. */
    public static void learn(String base, Class<?> type) {
        if (IDS.containsKey(type)) {
            return;
        }
        String id = base + "@" + VERSION;
        Class<?> bound = CLASSES.putIfAbsent(id, type);
        if (bound == null || bound == type) {
            IDS.putIfAbsent(type, id);
        } else {
            String distinct = base + "~" + type.getSimpleName() + "@" + VERSION;
            CLASSES.putIfAbsent(distinct, type);
            IDS.putIfAbsent(type, distinct);
        }
    }

    /** The id of a payload's class, if this node knows one. */
    public static String idOf(Class<?> type) {
        return IDS.get(type);
    }

    /** Jackson's view: {@code @JsonTypeIdResolver(PayloadTypeIds.Resolver.class)} on payload fields. */
    public static final class Resolver extends TypeIdTable {
        public Resolver() {
            super(CLASSES, UndeclaredPayloadType::new);
        }

        @Override
        protected String idOf(Class<?> type) {
            String id = IDS.get(type);
            if (id == null) {
                id = collectionId(type);
            }
            if (id == null) {
                learn(type.getSimpleName(), type);
                id = IDS.get(type);
            }
            return id;
        }

    }
}
