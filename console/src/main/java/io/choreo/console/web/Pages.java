package io.choreo.console.web;

import io.choreo.console.view.FailureView;
import io.choreo.console.view.MessageView;
import io.choreo.console.view.NodeView;
import io.choreo.console.view.ProtocolView;
import io.choreo.console.view.SessionDetail;
import io.choreo.console.view.SessionFilter;
import io.choreo.console.view.SessionSummary;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The console's HTML pages; diagrams are Mermaid text rendered in the browser by the bundled renderer. */
final class Pages {
    private Pages() {
    }

    static String sessions(List<SessionSummary> sessions, SessionFilter filter, NodeView node) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Sessions</h1>\n");
        if (!node.protocols().isEmpty()) {
            b.append("<p id=\"hosted\">").append(esc(node.address())).append(" hosts ").append(esc(
                    new java.util.TreeMap<>(node.protocols()).entrySet().stream().map(e -> e.getKey() + " "
                            + String.join(", ", e.getValue())).collect(java.util.stream.Collectors.joining("; "))))
                    .append("</p>\n");
        }
        b.append("<form id=\"filter\" method=\"get\" action=\"/\">status <select name=\"status\">");
        for (String s : List.of("", "running", "completed", "failed")) {
            b.append("<option value=\"").append(s).append('"').append(s.equalsIgnoreCase(nz(filter.status()))
                    ? " selected" : "").append('>').append(s.isEmpty() ? "any" : s).append("</option>");
        }
        b.append("</select> protocol <input name=\"protocol\" value=\"").append(esc(nz(filter.protocol())))
                .append("\"> <button type=\"submit\">filter</button></form>\n");
        b.append("<table id=\"sessions\"><thead><tr><th>session</th><th>protocol</th><th>status</th><th>started</th>"
                + "<th>duration</th><th>participants</th><th>failure</th></tr></thead><tbody>");
        sessions.forEach(s -> b.append(row(s)));
        b.append("</tbody></table>\n");
        return page("Choreo console", b.toString(), "");
    }

    static String row(SessionSummary s) {
        return "<tr class=\"session " + s.status() + "\"><td><a class=\"session-link\" href=\"" + link(s.id()) + "\">"
                + esc(s.id()) + "</a></td><td>" + esc(s.protocol()) + (s.version().isEmpty() ? ""
                : " <span class=\"version\">v" + esc(s.version()) + "</span>") + "</td><td class=\"status\">" + s.status()
                + (s.live() ? " (live)" : "") + "</td><td>" + esc(s.started()) + "</td><td>" + s.durationMillis()
                + " ms</td><td>" + esc(String.join(", ", s.participants())) + "</td><td>"
                + (s.failureType() == null ? "" : "<b>" + esc(s.failureType()) + "</b>: " + esc(s.failureCause()))
                + "</td></tr>";
    }

    static String session(SessionDetail d) {
        SessionSummary s = d.summary();
        StringBuilder b = new StringBuilder();
        b.append("<p><a href=\"/\">← sessions</a></p><h1>Session ").append(esc(s.id())).append("</h1>\n");
        b.append("<p id=\"summary\" data-status=\"").append(s.status()).append("\">").append(esc(s.protocol()))
                .append(" · <span class=\"status ").append(s.status()).append("\">").append(s.status())
                .append(s.live() ? " (live)" : "").append("</span> · started ").append(esc(s.started())).append(" · ")
                .append(s.durationMillis()).append(" ms");
        if (d.hasProtocol()) {
            b.append(" · <a id=\"protocol-link\" href=\"").append(link(s.id())).append("/protocol\">protocol</a>");
        }
        b.append("</p>\n");
        if (d.failure() != null) {
            b.append(failure(d.failure()));
        }
        b.append("<h2>Messages</h2>\n<pre class=\"mermaid\" id=\"sequence\">").append(esc(d.sequenceDiagram()))
                .append("</pre>\n");
        b.append("<ol id=\"messages\">");
        for (MessageView m : d.messages()) {
            b.append("<li>").append(esc(m.from() + " → " + m.to() + ": " + m.label()))
                    .append(m.implicit() ? " <i>(implicit)</i>" : "").append("</li>");
        }
        b.append("</ol>\n<h2>Participants</h2>\n").append(table("participants", "participant", "state",
                d.participants()));
        b.append("<h2>Facts</h2>\n").append(table("facts", "participant", "facts", joined(d.facts())));
        b.append("<h2>Decisions</h2>\n").append(table("decisions", "participant", "branches taken",
                joined(d.decisions())));
        return page("Session " + s.id(), b.toString(), s.id());
    }

    static String protocol(String sessionId, ProtocolView p) {
        StringBuilder b = new StringBuilder();
        b.append("<p><a href=\"").append(link(sessionId)).append("\">← session</a></p><h1>Protocol ")
                .append(esc(p.name())).append("</h1>\n<h2>Global protocol</h2>\n<pre class=\"mermaid\" id=\"global\">")
                .append(esc(p.globalDiagram())).append("</pre>\n");
        b.append("<h2>State machines</h2>\n<div class=\"machines\">");
        p.stateMachines().forEach((participant, diagram) -> b.append("<section><h3>").append(esc(participant))
                .append("</h3>\n<pre class=\"mermaid state-machine\">").append(esc(diagram))
                .append("</pre></section>\n"));
        b.append("</div>\n");
        b.append("<h2>Source</h2>\n<pre id=\"source\">").append(esc(p.source())).append("</pre>\n");
        return page("Protocol " + p.name(), b.toString(), "");
    }

    /** The login form of a console with a token; {@code error} is shown above it when not empty. */
    static String login(String error) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Choreo console: log in</title>"
                + "</head><body>\n<h1>Choreo console</h1>\n"
                + (error.isEmpty() ? "" : "<p id=\"login-error\" role=\"alert\">" + esc(error) + "</p>\n")
                + "<form id=\"login\" method=\"post\" action=\"/login\"><label>token <input id=\"token\" "
                + "name=\"token\" type=\"password\" autocomplete=\"current-password\" autofocus></label> "
                + "<button id=\"login-submit\" type=\"submit\">log in</button></form>\n</body></html>\n";
    }

    private static String failure(FailureView f) {
        StringBuilder b = new StringBuilder("<div id=\"failure\" class=\"failure\"><h2>Failed: ")
                .append(esc(f.type())).append("</h2><p>").append(esc(f.description())).append("</p><dl>");
        f.fields().forEach((k, v) -> b.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(String.valueOf(v)))
                .append("</dd>"));
        return b.append("</dl></div>\n").toString();
    }

    private static String table(String id, String key, String value, Map<String, String> rows) {
        if (rows.isEmpty()) {
            return "<p id=\"" + id + "\" class=\"empty\">none</p>\n";
        }
        StringBuilder b = new StringBuilder("<table id=\"" + id + "\"><thead><tr><th>" + key + "</th><th>" + value
                + "</th></tr></thead><tbody>");
        rows.forEach((k, v) -> b.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v))
                .append("</td></tr>"));
        return b.append("</tbody></table>\n").toString();
    }

    private static Map<String, String> joined(Map<String, ? extends java.util.Collection<String>> values) {
        return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> String.join(", ", e.getValue()), (a, c) -> a, java.util.LinkedHashMap::new));
    }

    private static String page(String title, String body, String sessionId) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><link rel=\"stylesheet\" href=\"/assets/console.css\">"
                + "<script src=\"/assets/mermaid.min.js\"></script><script src=\"/assets/console.js\"></script>"
                + "</head><body data-session=\"" + esc(sessionId) + "\">\n" + body + "</body></html>\n";
    }

    static String link(String sessionId) {
        return "/sessions/" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
