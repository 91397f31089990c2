package io.choreo.cluster.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A secret (a console token, a key-store password) kept in a file: its first line, trailing blanks removed. Like
 * ssh with its keys, a file that users other than its owner may read or write is refused (on file systems with POSIX
 * permissions): {@code chmod 600 FILE}.
 */
public final class SecretFile {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFile() {
    }

    /** The secret in {@code file}; {@code what} names the setting in errors (e.g. "--token-file"). */
    public static String read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new SecuritySettingsException(what + " " + file + ": no such file");
        }
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> open = EnumSet.copyOf(posix.readAttributes().permissions());
                open.retainAll(OTHERS);
                if (!open.isEmpty()) {
                    throw new SecuritySettingsException(what + " " + file + ": other users may read or write it ("
                            + open + "); make it readable by its owner only: chmod 600 " + file);
                }
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            String secret = (newline < 0 ? text : text.substring(0, newline)).strip();
            if (secret.isEmpty()) {
                throw new SecuritySettingsException(what + " " + file + ": the first line is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new SecuritySettingsException(what + " " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
