package io.choreo.cluster.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link KillTestNode} JVM: started on the test classpath, killed with SIGKILL or stopped with SIGTERM. */
final class NodeProcess {
    final int port;
    private final Process process;
    private final Path log;

    private NodeProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static NodeProcess start(int port, List<Integer> seeds, int h2Port, Path journal, Path logDir, int rounds,
                             long paceMillis, String versions)
            throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> seedList = seeds.stream().map(p -> "127.0.0.1:" + p).toList();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // small, quick-starting JVMs: six of them share two cores
                "-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-Dpekko.loglevel=" + (System.getProperty("choreo.kill.sharding-log", "").equals("debug") ? "DEBUG"
                        : System.getProperty("choreo.kill.loglevel", "WARNING")),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + System.getProperty("choreo.kill.loglevel", "warn")
                        .toLowerCase().replace("warning", "warn"),
                "-Dpekko.logging-filter=org.apache.pekko.event.slf4j.Slf4jLoggingFilter",
                "-Dorg.slf4j.simpleLogger.log.org.apache.pekko.cluster.sharding="
                        + System.getProperty("choreo.kill.sharding-log", "info"),
                "-cp", classpath, KillTestNode.class.getName(), String.valueOf(port), String.join(",", seedList),
                String.valueOf(h2Port), journal.toString(), String.valueOf(rounds), String.valueOf(paceMillis), versions));
        Path log = logDir.resolve("node-" + port + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new NodeProcess(port, p, log);
    }

    /** The size of this node's log (shared by its incarnations) now: where {@link #logSince} starts. */
    long logSize() throws java.io.IOException {
        return java.nio.file.Files.size(log);
    }

    /** What this node logged since the log had {@code size} bytes. */
    String logSince(long size) throws java.io.IOException {
        byte[] all = java.nio.file.Files.readAllBytes(log);
        return new String(all, (int) Math.min(size, all.length), (int) Math.max(0, all.length - size),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM dies at once, with no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: coordinated shutdown leaves the cluster and hands the shards over. */
    boolean stop() throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(20, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return exited;
    }
}
