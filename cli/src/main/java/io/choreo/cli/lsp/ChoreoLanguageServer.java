package io.choreo.cli.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.choreo.cli.ChoreoCommand;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The language server loop: full-text document sync, diagnostics published on open, change and save (save adds
 * the deadlock check), and {@code textDocument/definition}. Unknown requests get a "method not found" error;
 * unknown notifications are ignored, as the protocol asks.
 */
public final class ChoreoLanguageServer {
    private static final int METHOD_NOT_FOUND = -32601;
    private static final int INTERNAL_ERROR = -32603;
    /** Jackson writes this as JSON {@code null} (Map.of does not take null values). */
    private static final Object NULL = NullNode.getInstance();

    private final JsonRpc rpc;
    private final Map<String, String> documents = new HashMap<>();
    private boolean shutdown;

    public ChoreoLanguageServer(InputStream in, OutputStream out) {
        this.rpc = new JsonRpc(in, out);
    }

    /** Serves until {@code exit} or the end of the input; returns the process exit code the protocol asks for. */
    public int run() throws IOException {
        while (true) {
            Optional<JsonNode> next = rpc.read();
            if (next.isEmpty()) {
                return shutdown ? 0 : 1;
            }
            JsonNode message = next.get();
            String method = message.path("method").asText();
            if (method.equals("exit")) {
                return shutdown ? 0 : 1;
            }
            JsonNode id = message.get("id");
            try {
                Object result = handle(method, message.path("params"));
                if (id != null) {
                    rpc.write(Map.of("jsonrpc", "2.0", "id", id, "result", result == null ? NULL : result));
                }
            } catch (UnknownMethod e) {
                if (id != null) {
                    error(id, METHOD_NOT_FOUND, "unknown method " + method);
                }
            } catch (RuntimeException e) {
                if (id != null) {
                    error(id, INTERNAL_ERROR, String.valueOf(e.getMessage()));
                }
            }
        }
    }

    private static final class UnknownMethod extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private Object handle(String method, JsonNode params) throws IOException {
        switch (method) {
            case "initialize" -> {
                return Map.of("capabilities", Map.of(
                        "textDocumentSync", Map.of("openClose", true, "change", 1, "save", Map.of("includeText", true)),
                        "definitionProvider", true),
                        "serverInfo", Map.of("name", "choreo", "version", ChoreoCommand.version()));
            }
            case "shutdown" -> {
                shutdown = true;
                return null;
            }
            case "textDocument/didOpen" -> {
                JsonNode doc = params.path("textDocument");
                update(doc.path("uri").asText(), doc.path("text").asText(), false);
            }
            case "textDocument/didChange" -> {
                List<JsonNode> changes = new ArrayList<>();
                params.path("contentChanges").forEach(changes::add);
                if (!changes.isEmpty()) {
                    update(params.path("textDocument").path("uri").asText(),
                            changes.get(changes.size() - 1).path("text").asText(), false);
                }
            }
            case "textDocument/didSave" -> {
                String uri = params.path("textDocument").path("uri").asText();
                String text = params.has("text") ? params.path("text").asText() : documents.getOrDefault(uri, "");
                update(uri, text, true);
            }
            case "textDocument/didClose" -> {
                String uri = params.path("textDocument").path("uri").asText();
                documents.remove(uri);
                publish(uri, List.of());
            }
            case "textDocument/definition" -> {
                String uri = params.path("textDocument").path("uri").asText();
                ChoreoAnalysis.Position at = new ChoreoAnalysis.Position(params.path("position").path("line").asInt(),
                        params.path("position").path("character").asInt());
                return ChoreoAnalysis.definition(fileName(uri), documents.getOrDefault(uri, ""), at)
                        .map(range -> (Object) Map.of("uri", uri, "range", range)).orElse(null);
            }
            case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration" -> {
                return null;
            }
            default -> {
                if (method.startsWith("$/")) {
                    return null;
                }
                throw new UnknownMethod();
            }
        }
        return null;
    }

    private void update(String uri, String text, boolean saved) throws IOException {
        documents.put(uri, text);
        List<Map<String, Object>> diagnostics = ChoreoAnalysis.problems(fileName(uri), text, saved).stream()
                .map(p -> {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("range", p.range());
                    d.put("severity", p.severity());
                    d.put("code", p.code());
                    d.put("source", "choreo");
                    d.put("message", p.message());
                    return d;
                }).toList();
        publish(uri, diagnostics);
    }

    private void publish(String uri, List<Map<String, Object>> diagnostics) throws IOException {
        rpc.write(Map.of("jsonrpc", "2.0", "method", "textDocument/publishDiagnostics",
                "params", Map.of("uri", uri, "diagnostics", diagnostics)));
    }

    private void error(JsonNode id, int code, String message) throws IOException {
        rpc.write(Map.of("jsonrpc", "2.0", "id", id, "error", Map.of("code", code, "message", message)));
    }

    private static String fileName(String uri) {
        try {
            String path = URI.create(uri).getPath();
            return path == null ? uri : path.substring(path.lastIndexOf('/') + 1);
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }
}
