package io.choreo.runtime;

import static io.choreo.runtime.RuntimeTestSupport.completed;
import static io.choreo.runtime.RuntimeTestSupport.example;
import static io.choreo.runtime.RuntimeTestSupport.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionSpec;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Java API checks binding names as the CLI does: a typo is a typed error, never silently ignored. */
class BindingValidationTest {
    static final ActorTestKit kit = ActorTestKit.create("bindings", ConfigFactory.load("application-test"));

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    @Test
    void bindingAnUndeclaredNameThrowsATypedErrorAtOnce() {
        CompiledProtocol consensus = example("consensus.choreo");
        SessionSpec spec = SessionSpec.of(consensus);
        BindingException role = assertThrows(BindingException.class, () -> spec.bindRoleCount("Nope", 7));
        assertEquals(List.of("Nope: the protocol has no role array 'Nope' (role arrays: Followers)"), role.problems());
        BindingException symbol = assertThrows(BindingException.class, () -> spec.bindSymbol("zzz", 3));
        assertEquals(List.of("zzz: the protocol uses no symbol 'zzz' (symbols: N)"), symbol.problems());
        BindingException plain = assertThrows(BindingException.class,
                () -> spec.bindInstances("Leader", List.of("x")));
        assertEquals(List.of("Leader: Leader is a single role, not a role array"), plain.problems());
        completed(RuntimeTestSupport.run(kit, spec.bindInstances("Followers", List.of("alice", "bob", "carol"))));
    }

    @Test
    void bindingsGivenWholeAreCheckedWhenTheSessionStarts() {
        SessionSpec spec = SessionSpec.of(example("consensus.choreo"))
                .withBindings(Bindings.none().bindRoleCount("Followers", 2).bindRoleCount("Nope", 7)
                        .bindSymbol("zzz", 3));
        SessionError.InvalidBindings invalid = assertInstanceOf(SessionError.InvalidBindings.class,
                failed(RuntimeTestSupport.run(kit, spec)).cause());
        assertEquals(List.of("Nope: the protocol has no role array 'Nope' (role arrays: Followers)",
                "zzz: the protocol uses no symbol 'zzz' (symbols: N)"), invalid.problems());
    }
}
