package io.choreo.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Reads file options: a value that is no path on this system (a NUL byte, a line break, an empty name) is one
 * sentence, not the JDK's exception text.
 */
final class FileNames implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c == 0 || c == '\n' || c == '\r')) {
            throw new CommandLine.TypeConversionException("'" + shown(value) + "' is not a file name");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + shown(value) + "' is not a file name: "
                    + e.getReason());
        }
    }

    /** The value with control characters made visible, cut to 80 characters. */
    static String shown(String value) {
        String v = value.replace("\u0000", "\\0").replace("\n", "\\n").replace("\r", "\\r");
        return v.length() > 80 ? v.substring(0, 77) + "..." : v;
    }
}
