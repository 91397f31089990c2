package io.choreo.projection;

import java.util.Comparator;

/**
 * The order of protocol versions: dot- or dash-separated parts, numeric parts compared as numbers, others as text
 * ({@code 2 < 10}, {@code 1.9 < 1.10}, {@code 1 < 1.1}). A missing version is {@link CompiledProtocol#DEFAULT_VERSION}.
 */
public final class ProtocolVersion {
    /** Newest last. */
    public static final Comparator<String> ORDER = ProtocolVersion::compare;

    private ProtocolVersion() {
    }

    /** {@code name@version}, as sessions and the console show a protocol version. */
    public static String label(String name, String version) {
        return name + "@" + version;
    }

    /** {@code version}, or the default version if it is null (records written before versions existed). */
    public static String orDefault(String version) {
        return version == null || version.isEmpty() ? CompiledProtocol.DEFAULT_VERSION : version;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("[.\\-_]");
        String[] y = b.split("[.\\-_]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = part(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return x.length != y.length ? Integer.compare(x.length, y.length) : a.compareTo(b);
    }

    private static int part(String a, String b) {
        boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            String sa = a.replaceFirst("^0+(?=.)", "");
            String sb = b.replaceFirst("^0+(?=.)", "");
            return sa.length() != sb.length() ? Integer.compare(sa.length(), sb.length()) : sa.compareTo(sb);
        }
        return na != nb ? (na ? 1 : -1) : a.compareTo(b);
    }
}
