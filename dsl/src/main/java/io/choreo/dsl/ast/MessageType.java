package io.choreo.dsl.ast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The message part of an interaction: a label, optional generic arguments and optional payload types, e.g.
 * {@code Offer}, {@code Request<String>}, {@code Data(Payload)}, {@code Request<String>(payload_data)}.
 */
public record MessageType(String label, List<TypeRef> typeArgs, List<TypeRef> payload) {
    public MessageType {
        typeArgs = List.copyOf(typeArgs);
        payload = List.copyOf(payload);
    }

    public static MessageType of(String label) {
        return new MessageType(label, List.of(), List.of());
    }

    /** The message in source form. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(label);
        if (!typeArgs.isEmpty()) {
            b.append(typeArgs.stream().map(TypeRef::toString).collect(Collectors.joining(", ", "<", ">")));
        }
        if (!payload.isEmpty()) {
            b.append(payload.stream().map(TypeRef::toString).collect(Collectors.joining(", ", "(", ")")));
        }
        return b.toString();
    }
}
