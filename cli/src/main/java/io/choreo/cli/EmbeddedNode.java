package io.choreo.cli;

import com.typesafe.config.ConfigFactory;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.runtime.session.Sessions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/** A single embedded node for the CLI: an actor system with the H2 journal (schema created) and a session manager. */
final class EmbeddedNode implements AutoCloseable {
    final ActorSystem<Sessions.Start> system;

    EmbeddedNode(Path journal) throws Exception {
        system = ActorSystem.create(Sessions.manager(), "choreo",
                JournalDatabase.h2(journal).withFallback(ConfigFactory.load()));
        JournalDatabase.createSchema(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
