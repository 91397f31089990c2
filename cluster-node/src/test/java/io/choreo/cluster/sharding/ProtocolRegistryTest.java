package io.choreo.cluster.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.choreo.projection.Compiler;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandlers;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A node hosts protocols by plain name: one of the same name from another namespace is refused, not swapped in. */
class ProtocolRegistryTest {
    static final ActorTestKit kit = ActorTestKit.create("registry",
            com.typesafe.config.ConfigFactory.parseString("pekko.actor.provider = local"));

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    @Test
    void aSameNamedProtocolOfAnotherNamespaceIsRefused() {
        Compiler.Compilation c = Compiler.compile("ops.choreo", io.choreo.dsl.TestCorpus.TWO_NAMESPACES);
        ProtocolRegistry registry = ProtocolRegistry.get(kit.system());
        registry.register(c.protocol("admin_operations.AdminOperations"), RoleHandlers.defaults(),
                Extensions.defaults());
        registry.register(c.protocol("admin_operations.AdminOperations"), RoleHandlers.defaults(),
                Extensions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.register(
                c.protocol("user_operations.AdminOperations"), RoleHandlers.defaults(), Extensions.defaults()));
        assertEquals("cannot host user_operations.AdminOperations and admin_operations.AdminOperations on one node: "
                + "sessions name their protocol by its plain name", e.getMessage());
        assertEquals("admin_operations.AdminOperations",
                registry.lookup("AdminOperations").orElseThrow().protocol().qualifiedName());
    }
}
