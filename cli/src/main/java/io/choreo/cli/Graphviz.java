package io.choreo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Renders DOT to SVG with Graphviz's {@code dot}, with a clear error when it is not installed or fails. */
final class Graphviz {
    private final String command;

    Graphviz(String command) {
        this.command = command;
    }

    /** The SVG of a DOT graph; an {@link IOException} with a message fit for the user otherwise. */
    String svg(String dot) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(command, "-Tsvg")).start();
        } catch (IOException e) {
            throw new IOException("--format svg needs Graphviz's '" + command + "' command, which could not be run ("
                    + e.getMessage() + "); install Graphviz (e.g. apt-get install graphviz) or use --format dot");
        }
        CompletableFuture<byte[]> out = read(p.getInputStream());
        CompletableFuture<byte[]> err = read(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("'" + command + " -Tsvg' did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + command + " -Tsvg' failed (exit " + p.exitValue() + "): "
                    + new String(err.join(), StandardCharsets.UTF_8).strip());
        }
        return new String(out.join(), StandardCharsets.UTF_8);
    }

    private static CompletableFuture<byte[]> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
