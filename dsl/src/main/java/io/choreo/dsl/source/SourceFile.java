package io.choreo.dsl.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A named piece of DSL text with a line index, so spans can be turned into snippets. */
public final class SourceFile {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Largest source file read, in bytes: system property {@code choreo.max-source-bytes}, 16 MiB by default (a
     * protocol of 100,000 messages is about 1.3 MB).
     */
    public static long maxBytes() {
        Long configured = Long.getLong(MAX_BYTES_PROPERTY);
        return configured == null || configured < 0 ? DEFAULT_MAX_BYTES : configured;
    }

    /** The system property that sets {@link #maxBytes()}. */
    public static final String MAX_BYTES_PROPERTY = "choreo.max-source-bytes";

    private static final long DEFAULT_MAX_BYTES = 16L << 20;

    /** A path that is not a regular file, or a file larger than {@link #maxBytes()}. */
    public static final class UnreadableSource extends IOException {
        public UnreadableSource(String message) {
            super(message);
        }
    }

    /**
     * Reads a UTF-8 file; malformed bytes are replaced rather than rejected so the parser can report them. Only
     * regular files are read (a device or a pipe could be endless or never answer), and at most {@link #maxBytes()}.
     *
     * @throws UnreadableSource if {@code path} is not a regular file or is larger than the cap
     */
    public static SourceFile read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString());
        }
        if (!Files.isRegularFile(path)) {
            throw new UnreadableSource(path + ": not a regular file (only regular .choreo files are read)");
        }
        long max = maxBytes();
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
        if (bytes.length > max) {
            throw new UnreadableSource(path + ": larger than " + max + " bytes (raise the limit with -D"
                    + MAX_BYTES_PROPERTY + "=BYTES, e.g. CHOREO_JAVA_OPTS=-D" + MAX_BYTES_PROPERTY + "=" + (max * 4)
                    + ")");
        }
        return new SourceFile(path.toString(), new String(bytes, StandardCharsets.UTF_8));
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** The text of a one-based line, without its line terminator. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    /** The span of {@code length} characters starting at {@code offset}, with its line and column computed. */
    public Span span(int offset, int length) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= clamped) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Span(clamped, Math.max(0, length), lo + 1, clamped - lineStarts[lo] + 1);
    }
}
