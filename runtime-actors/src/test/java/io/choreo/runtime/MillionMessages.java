package io.choreo.runtime;

import com.typesafe.config.ConfigFactory;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A session of {@code args[0]} decides-loop iterations (two messages each) on a fresh actor system; prints
 * {@code messages=N traced=T heapMb=H} and exits 0 if it completed. Run in its own JVM by {@link LongSessionTest}.
 */
public final class MillionMessages {
    private MillionMessages() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = Integer.parseInt(args[0]);
        CompiledProtocol loop = RuntimeTestSupport.compile("""
                choreography Loop {
                    roles: Client, Server;
                    loop (decides: Client) { Client -> Server: Request; Server -> Client: Response; }
                }""");
        ActorSystem<Sessions.Start> system = ActorSystem.create(Sessions.manager(), "million",
                ConfigFactory.load("application-test"));
        int exit = 1;
        try {
            SessionSpec spec = SessionSpec.of(loop).withTrace(true).withTimeout(Duration.ofSeconds(100))
                    .withRoleHandlers(Map.of("Client", () -> new RoleHandler() {
                        @Override
                        public boolean continueLoop(LoopContext c) {
                            return c.iteration() < iterations;
                        }
                    }), RoleHandlers.defaults());
            SessionOutcome outcome = Sessions.run(system, spec, system).toCompletableFuture()
                    .get(110, TimeUnit.SECONDS);
            if (outcome instanceof SessionOutcome.SessionCompleted done) {
                Runtime rt = Runtime.getRuntime();
                System.out.println("messages=" + done.messages() + " traced=" + done.trace().size() + " heapMb="
                        + rt.maxMemory() / (1024 * 1024));
                exit = 0;
            } else {
                System.out.println("failed: " + ((SessionOutcome.SessionFailed) outcome).cause().describe());
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
        System.exit(exit);
    }
}
