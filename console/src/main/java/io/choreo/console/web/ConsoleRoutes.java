package io.choreo.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.choreo.console.source.SessionCatalog;
import io.choreo.console.view.NodeView;
import io.choreo.console.view.SessionFilter;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The console's routes: pages ({@code /}, {@code /sessions/{id}}, {@code /sessions/{id}/protocol}), the JSON API
 * ({@code GET /api/sessions?status=&protocol=}, {@code GET /api/sessions/{id}}, {@code GET /api/node}: the protocol
 * versions this node hosts), server-sent events of changed
 * session ids ({@code /api/events}: a {@code hello} event, then a {@code session} event per change) and the bundled static assets ({@code /assets/…}).
 */
final class ConsoleRoutes extends AllDirectives {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASSETS = "io/choreo/console/assets/";

    private final SessionCatalog catalog;
    private final Source<String, NotUsed> changes;
    private final Duration keepAlive;
    private final java.util.function.Supplier<NodeView> node;

    ConsoleRoutes(SessionCatalog catalog, Source<String, NotUsed> changes, Duration keepAlive,
                  java.util.function.Supplier<NodeView> node) {
        this.catalog = catalog;
        this.node = node;
        this.changes = changes;
        this.keepAlive = keepAlive;
    }

    Route route() {
        return get(() -> concat(
                pathSingleSlash(() -> filtered(filter -> onSuccess(catalog.list(filter),
                        list -> html(Pages.sessions(list, filter, node.get()))))),
                pathPrefix("api", () -> concat(
                        path("sessions", () -> filtered(filter -> onSuccess(catalog.list(filter), this::json))),
                        path(PathMatchers.segment("sessions").slash(PathMatchers.segment()), id ->
                                onSuccess(catalog.detail(id), d -> d.map(this::json).orElseGet(() -> notFound(id)))),
                        path("node", () -> json(node.get())),
                        path("events", this::events))),
                pathPrefix("sessions", () -> pathPrefix(PathMatchers.segment(), id -> concat(
                        pathEnd(() -> onSuccess(catalog.detail(id), d -> d.map(detail -> html(Pages.session(detail)))
                                .orElseGet(() -> notFound(id)))),
                        path("protocol", () -> onSuccess(catalog.protocol(id), p -> p.map(r -> html(Pages.protocol(id,
                                r.view()))).orElseGet(() -> notFound(id))))))),
                pathPrefix("assets", () -> path(PathMatchers.segment(), name -> getFromResource(ASSETS + name)))));
    }

    private Route filtered(Function<SessionFilter, Route> inner) {
        return parameterOptional("status", status -> parameterOptional("protocol", protocol ->
                inner.apply(new SessionFilter(status.orElse(null), protocol.orElse(null)))));
    }

    private Route events() {
        // "hello" first: once a client has it, it is subscribed and hears every later change
        Source<ServerSentEvent, NotUsed> events = Source.single(ServerSentEvent.create("console", "hello"))
                .concat(changes.map(id -> ServerSentEvent.create(id, "session")))
                .keepAlive(keepAlive, ServerSentEvent::heartbeat);
        return completeOK(events, EventStreamMarshalling.toEventStream());
    }

    private Route json(Object value) {
        try {
            return complete(HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON,
                    JSON.writeValueAsString(value))));
        } catch (JsonProcessingException e) {
            return complete(StatusCodes.INTERNAL_SERVER_ERROR, "cannot write JSON: " + e.getOriginalMessage());
        }
    }

    private Route html(String page) {
        return complete(HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, page)));
    }

    private Route notFound(String id) {
        return complete(HttpResponse.create().withStatus(StatusCodes.NOT_FOUND).withEntity(
                HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"error\":\"no session "
                        + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")));
    }
}
