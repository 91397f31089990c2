package io.choreo.cli.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** JSON-RPC messages framed as in the Language Server Protocol: {@code Content-Length} headers, then JSON. */
final class JsonRpc {
    private final InputStream in;
    private final OutputStream out;
    private final ObjectMapper json = new ObjectMapper();

    JsonRpc(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    ObjectMapper json() {
        return json;
    }

    /** The next message, or empty at the end of the input. */
    Optional<JsonNode> read() throws IOException {
        int length = -1;
        while (true) {
            String header = line();
            if (header == null) {
                return Optional.empty();
            }
            if (header.isEmpty()) {
                break;
            }
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        if (length < 0) {
            throw new IOException("a message without Content-Length");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            return Optional.empty();
        }
        return Optional.of(json.readTree(body));
    }

    /** Writes one message. */
    synchronized void write(Object message) throws IOException {
        byte[] body = json.writeValueAsBytes(message);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return buffer.toString(StandardCharsets.US_ASCII).stripTrailing();
            }
            buffer.write(b);
        }
        return null;
    }
}
