package io.choreo.projection.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Whether a class exists, by qualified name ({@code shop.protocol.Order}): the generator writes a placeholder record
 * for a payload type only if no class of that name exists. The JDK's classes always exist; the application's are
 * found in its source roots ({@code shop/protocol/Order.java}) and on its class path (directories and jars).
 */
@FunctionalInterface
public interface ClassLookup {

    boolean exists(String qualifiedName);

    /** The JDK's classes only. */
    static ClassLookup jdk() {
        return name -> {
            try {
                Class.forName(name, false, ClassLoader.getPlatformClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        };
    }

    /**
     * The JDK's classes, {@code .java} files under {@code sourceRoots}, and classes in the directories and jars of
     * {@code classPath} (entries that do not exist are skipped).
     */
    static ClassLookup of(List<Path> sourceRoots, List<Path> classPath) {
        ClassLookup jdk = jdk();
        return name -> {
            if (jdk.exists(name)) {
                return true;
            }
            String path = name.replace('.', '/');
            for (Path root : sourceRoots) {
                if (Files.isRegularFile(root.resolve(path + ".java"))) {
                    return true;
                }
            }
            for (Path entry : classPath) {
                if (Files.isDirectory(entry) && Files.isRegularFile(entry.resolve(path + ".class"))) {
                    return true;
                }
                if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar") && inJar(entry, path + ".class")) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * The same lookup, except for classes whose source under {@code generated} was written by the generator: a
     * placeholder of an earlier run (and its compiled class) is no reason to leave the placeholder out.
     */
    default ClassLookup exceptGeneratedIn(Path generated) {
        return name -> {
            Path source = generated.resolve(name.replace('.', '/') + ".java");
            if (Files.isRegularFile(source)) {
                try {
                    if (Files.readString(source).startsWith(JavaGenerator.GENERATED_MARK)) {
                        return false;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
                }
            }
            return exists(name);
        };
    }

    private static boolean inJar(Path jar, String entry) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(entry) != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }
}
