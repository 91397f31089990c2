package io.choreo.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The language server spoken to over LSP framing, as an editor does (one server, a handful of messages, < 1 s). */
class ChoreoLanguageServerTest {
    private static final String URI = "file:///work/shop/negotiation.choreo";
    private static final String BROKEN = """
            choreography Negotiation {
                roles: Buyer, Seller;
                Buyer -> Selle: Offer;
            }
            """;
    private static final String FIXED = """
            choreography Negotiation {
                roles: Buyer, Seller;
                Buyer -> Seller: Offer;
                choice Seller {
                    accept: { Seller -> Buyer: Accept; }
                    reject: { Seller -> Buyer: Reject; }
                }
            }
            """;

    @Test
    void diagnosticsOnOpenAndEditDefinitionsAndAnOrderlyExit() throws Exception {
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream();
        PipedInputStream fromServer = new PipedInputStream(serverOut, 1 << 16);
        ChoreoLanguageServer server = new ChoreoLanguageServer(serverIn, serverOut);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return server.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonRpc client = new JsonRpc(fromServer, toServer);

        client.write(Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of()));
        JsonNode init = client.read().orElseThrow();
        assertEquals(1, init.path("id").asInt());
        assertTrue(init.path("result").path("capabilities").path("definitionProvider").asBoolean(), init.toString());

        client.write(notification("textDocument/didOpen",
                Map.of("textDocument", Map.of("uri", URI, "languageId", "choreo", "version", 1, "text", BROKEN))));
        JsonNode diagnostics = client.read().orElseThrow();
        assertEquals("textDocument/publishDiagnostics", diagnostics.path("method").asText());
        JsonNode first = diagnostics.path("params").path("diagnostics").get(0);
        assertEquals("E102", first.path("code").asText(), diagnostics.toString());
        assertEquals(1, first.path("severity").asInt());
        assertEquals(2, first.path("range").path("start").path("line").asInt());
        assertEquals(13, first.path("range").path("start").path("character").asInt());
        assertEquals(18, first.path("range").path("end").path("character").asInt());
        assertTrue(first.path("message").asText().contains("did you mean 'Seller'?"), first.toString());

        client.write(notification("textDocument/didChange", Map.of("textDocument", Map.of("uri", URI, "version", 2),
                "contentChanges", List.of(Map.of("text", FIXED)))));
        assertEquals(0, client.read().orElseThrow().path("params").path("diagnostics").size());

        // go to definition: Seller in "choice Seller" → its declaration in "roles:"; Accept → its interaction
        client.write(request(2, "textDocument/definition", URI, 3, 12));
        JsonNode role = client.read().orElseThrow().path("result").path("range");
        assertEquals(1, role.path("start").path("line").asInt());
        assertEquals(18, role.path("start").path("character").asInt());
        client.write(request(3, "textDocument/definition", URI, 4, 40));
        JsonNode message = client.read().orElseThrow().path("result").path("range");
        assertEquals(4, message.path("start").path("line").asInt(), message.toString());
        assertEquals(18, message.path("start").path("character").asInt(), message.toString());
        client.write(request(4, "textDocument/definition", URI, 0, 0));
        assertTrue(client.read().orElseThrow().path("result").isNull(), "a keyword has no definition");

        client.write(Map.of("jsonrpc", "2.0", "id", 5, "method", "textDocument/hover", "params", Map.of()));
        assertEquals(-32601, client.read().orElseThrow().path("error").path("code").asInt());

        client.write(Map.of("jsonrpc", "2.0", "id", 6, "method", "shutdown"));
        assertEquals(6, client.read().orElseThrow().path("id").asInt());
        client.write(notification("exit", Map.of()));
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    }

    private static Map<String, Object> notification(String method, Object params) {
        return Map.of("jsonrpc", "2.0", "method", method, "params", params);
    }

    private static Map<String, Object> request(int id, String method, String uri, int line, int character) {
        return Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", Map.of("textDocument",
                Map.of("uri", uri), "position", Map.of("line", line, "character", character)));
    }
}
