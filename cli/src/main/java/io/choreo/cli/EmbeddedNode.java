package io.choreo.cli;

import com.typesafe.config.ConfigFactory;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.runtime.session.Sessions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A single embedded node for the CLI: an actor system with the H2 journal and a session manager. A writing node
 * ({@code run}) creates the schema; a reading one ({@code audit}, {@code console}) opens the journal read-only.
 */
final class EmbeddedNode implements AutoCloseable {
    final ActorSystem<Sessions.Start> system;

    private EmbeddedNode(Path journal, boolean readOnly) throws Exception {
        system = ActorSystem.create(Sessions.manager(), "choreo",
                (readOnly ? JournalDatabase.h2ReadOnly(journal) : JournalDatabase.h2(journal))
                        .withFallback(ConfigFactory.load()));
        if (!readOnly) {
            JournalDatabase.createSchema(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    /** A node that writes the journal (creating its schema if needed). */
    static EmbeddedNode writing(Path journal) throws Exception {
        return new EmbeddedNode(journal, false);
    }

    /** A node that only reads the journal, opened read-only. */
    static EmbeddedNode reading(Path journal) throws Exception {
        return new EmbeddedNode(journal, true);
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
