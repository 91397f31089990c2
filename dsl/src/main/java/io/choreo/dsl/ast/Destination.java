package io.choreo.dsl.ast;

/** Where a message goes: a role reference, or every other role ({@code A ->* : M}). */
public sealed interface Destination permits RoleRef, Destination.EveryoneElse {

    /** {@code ->*}: the message goes to every role but the sender. */
    record EveryoneElse(io.choreo.dsl.source.Span span) implements Destination {
    }
}
