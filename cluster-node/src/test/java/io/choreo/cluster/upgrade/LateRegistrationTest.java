package io.choreo.cluster.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.session.SessionOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node that joined but has not registered its protocols yet is handed coordinators and participants by Cluster
 * Sharding like any other (a node restarted after a crash is the usual case): they wait for the registration (up to
 * {@code choreo.cluster.registration-grace}) instead of refusing the session with {@code VersionNotHosted}.
 */
class LateRegistrationTest {

    /**
     * Also: nothing crashes on the way (a recheck scheduled while waiting must not reach the running participant),
     * judged from what the nodes log at ERROR level (slf4j-simple writes to the current {@code System.err}).
     */
    @Test
    void entitiesPlacedOnANodeBeforeItRegistersWaitForTheRegistration() throws Exception {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                err.write(b);
                logged.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                err.write(b, off, len);
                logged.write(b, off, len);
            }
        }, true));
        try {
            runSessionsAcrossALateRegistration();
        } finally {
            System.setErr(err);
        }
        List<String> errors = logged.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains(" ERROR ")).toList();
        assertEquals(List.of(), errors, "nothing logged at ERROR level");
    }

    private static void runSessionsAcrossALateRegistration() throws Exception {
        Path journal = Files.createTempDirectory("choreo-late").resolve("journal");
        int p1 = VersionedProtocolTest.freePort();
        int p2 = VersionedProtocolTest.freePort();
        List<String> seeds = List.of("127.0.0.1:" + p1);
        var v2 = VersionedProtocolTest.compile("greet-v2.choreo", VersionedProtocolTest.V2);
        try (ChoreoNode early = ChoreoNode.start(NodeSettings.of(p1, seeds, JournalDatabase.h2(journal)));
             ChoreoNode late = ChoreoNode.start(NodeSettings.of(p2, seeds, JournalDatabase.h2(journal)))) {
            early.register(v2, VersionedProtocolTest.counting(), Extensions.defaults());
            VersionedProtocolTest.waitUntilUp(early, 2);
            VersionedProtocolTest.waitUntilUp(late, 2);
            Thread.sleep(1_000);    // both regions registered with the shard coordinator: new shards go to both
            List<CompletableFuture<SessionOutcome>> runs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                runs.add(early.run(early.session("Greet").withSessionId("late-" + i)).toCompletableFuture());
            }
            Thread.sleep(1_500);    // coordinators and participants on `late` are waiting now
            late.register(v2, VersionedProtocolTest.counting(), Extensions.defaults());
            List<String> failed = new ArrayList<>();
            for (CompletableFuture<SessionOutcome> run : runs) {
                SessionOutcome outcome = run.get(90, TimeUnit.SECONDS);
                if (!(outcome instanceof SessionOutcome.SessionCompleted)) {
                    failed.add(outcome.toString());
                }
            }
            assertEquals(0, failed.size(), failed.size() + " of 30 sessions failed although the late node registered "
                    + "within the grace, first: " + failed.stream().findFirst().orElse(""));
        }
    }
}
