package io.choreo.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.choreo.dsl.ast.MessageType;
import io.choreo.dsl.ast.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which class a declared payload type stands for, and the check at send (no actors, milliseconds). */
class PayloadClassesTest {
    private static MessageType message(String type) {
        return new MessageType("M", List.of(), List.of(TypeRef.simple(type)));
    }

    @Test
    void qualifiedConfiguredMappedAndWellKnownNamesResolve() {
        PayloadClasses classes = PayloadClasses.of(Map.of("Span", java.time.Duration.class),
                ConfigFactory.parseString("choreo.payload-classes { Order = \"java.time.Instant\" }"),
                getClass().getClassLoader());
        assertEquals(Optional.of(java.time.LocalDate.class), classes.declared(message("java.time.LocalDate")));
        assertEquals(Optional.of(java.time.LocalDate.class), classes.declared(message("java.time::LocalDate")));
        assertEquals(Optional.of(java.time.Instant.class), classes.declared(message("Order")));
        assertEquals(Optional.of(java.time.Duration.class), classes.declared(message("Span")));
        assertEquals(Optional.of(Integer.class), classes.declared(message("Int")));
        assertEquals(Optional.of(byte[].class), classes.declared(message("bytes")));
        assertEquals(Optional.empty(), classes.declared(message("Unmapped")), "unchecked");
        assertEquals(Optional.empty(), classes.declared(message("no.such.Type")), "no class: unchecked");
    }

    @Test
    void theCheckNamesTheActualType() {
        PayloadClasses classes = PayloadClasses.of(Map.of());
        assertEquals(Optional.empty(), classes.mismatch(message("String"), "ok"));
        assertEquals(Optional.of("java.lang.Integer"), classes.mismatch(message("String"), 3));
        assertEquals(Optional.of("null"), classes.mismatch(message("Long"), null));
        assertEquals(Optional.empty(), classes.mismatch(message("Unmapped"), new Object()));
    }
}
