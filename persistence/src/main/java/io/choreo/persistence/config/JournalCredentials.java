package io.choreo.persistence.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The login of an H2 journal: user {@value #USER} and a random password generated with the journal and kept in
 * {@code <journal>.password} next to it, readable by its owner only ({@code rw-------}). A journal created before
 * (user {@code sa}, empty password) is migrated the first time it is opened: its admin is renamed and given the new
 * password, so the old login is refused from then on.
 *
 * @param user the database user
 * @param password the database password
 */
public record JournalCredentials(String user, String password) {
    /** The user of every H2 journal. */
    public static final String USER = "CHOREO";

    /** The login of journals written before the generated password (refused once migrated). */
    static final JournalCredentials LEGACY = new JournalCredentials("SA", "");

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String toString() {
        return "JournalCredentials[" + user + ", password hidden]";
    }

    /** Where the password of the journal {@code file} is kept. */
    public static Path passwordFile(Path file) {
        return Path.of(file.toAbsolutePath() + ".password");
    }

    /**
     * The login of the journal {@code file}, creating its password file when missing (and migrating a journal that
     * still has the old login). Fails with {@link IllegalStateException} when the password file cannot be written or
     * the old journal cannot be opened to migrate it.
     */
    public static synchronized JournalCredentials of(Path file) {
        Path passwordFile = passwordFile(file);
        if (Files.exists(passwordFile)) {
            return read(passwordFile);
        }
        Path pending = Path.of(passwordFile + ".new");
        try {
            Files.createDirectories(passwordFile.toAbsolutePath().getParent());
            if (!Files.exists(pending)) {
                writeOwnerOnly(pending, HexFormat.of().formatHex(bytes(24)));
            }
            JournalCredentials fresh = read(pending);
            if (Files.exists(Path.of(file.toAbsolutePath() + ".mv.db"))) {
                migrate(file, fresh);
            }
            try {
                Files.createLink(passwordFile, pending);   // never replaces a password another process settled
            } catch (FileAlreadyExistsException raced) {
                fresh = read(passwordFile);
            }
            Files.deleteIfExists(pending);
            return fresh;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the journal password file " + passwordFile + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The login to read the journal {@code file} with, without writing anything: its password file, or the old
     * login if the journal has none yet (a journal from before the generated password, not opened since).
     */
    public static JournalCredentials existing(Path file) {
        Path passwordFile = passwordFile(file);
        return Files.exists(passwordFile) ? read(passwordFile) : LEGACY;
    }

    private static JournalCredentials read(Path passwordFile) {
        try {
            return new JournalCredentials(USER, Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the journal password file " + passwordFile + ": "
                    + e.getMessage(), e);
        }
    }

    /** Gives an old journal's admin (sa, empty password) the new name and password; a no-op if already done. */
    private static void migrate(Path file, JournalCredentials fresh) {
        String url = JournalDatabase.h2FileUrl(file) + ";IFEXISTS=TRUE";
        try (Connection c = DriverManager.getConnection(url, LEGACY.user(), LEGACY.password())) {
            c.createStatement().execute("ALTER USER " + LEGACY.user() + " RENAME TO " + USER);
            c.createStatement().execute("ALTER USER " + USER + " SET PASSWORD '" + fresh.password() + "'");
        } catch (SQLException legacyRefused) {
            try (Connection c = DriverManager.getConnection(url, fresh.user(), fresh.password())) {
                c.isValid(1);   // migrated already (the process stopped before settling the password file)
            } catch (SQLException e) {
                throw new IllegalStateException("the journal cannot be opened to give it a password ("
                        + legacyRefused.getMessage().replaceAll(" \\[\\d+-\\d+\\]$", "") + ")", e);
            }
        }
    }

    private static void writeOwnerOnly(Path path, String content) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
        Files.writeString(path, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
