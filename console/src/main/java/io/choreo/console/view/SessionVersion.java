package io.choreo.console.view;

import io.choreo.projection.CompiledProtocol;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The protocol version of a session, read from the header of the DSL text its session log recorded. */
final class SessionVersion {
    /** A {@code version} attribute in the pretty-printed header (one attribute per {@code #[…]} line). */
    private static final Pattern VERSION = Pattern.compile("^\\s*#\\[version = \"([^\"]*)\"]", Pattern.MULTILINE);

    private SessionVersion() {
    }

    /** The version, {@value CompiledProtocol#DEFAULT_VERSION} without the attribute, "" if the source is unknown. */
    static String of(String source) {
        if (source == null || source.isBlank()) {
            return "";
        }
        int body = source.indexOf('{');
        Matcher m = VERSION.matcher(body < 0 ? source : source.substring(0, body));
        return m.find() ? m.group(1) : CompiledProtocol.DEFAULT_VERSION;
    }
}
