package io.choreo.runtime;

import io.choreo.dsl.source.SourceFile;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Loading protocols from application code without checked exceptions:
 * {@code CompiledProtocol checkout = Choreo.load("/protocols/checkout.choreo");}. A protocol with errors is
 * refused with a {@link Compiler.Compilation.InvalidProtocolException} whose message holds the rendered diagnostics
 * ({@code file:line:col}, caret snippet, hint).
 */
public final class Choreo {
    private Choreo() {
    }

    /**
     * The only choreography of a classpath resource ({@code /protocols/checkout.choreo}; the leading slash is
     * optional), looked up with the thread's context class loader, then this library's.
     *
     * @throws IllegalArgumentException if there is no such resource, or it declares several choreographies
     * @throws Compiler.Compilation.InvalidProtocolException if it has errors
     */
    public static CompiledProtocol load(String resource) {
        return compileResource(resource).protocol();
    }

    /** The choreography {@code name} of a classpath resource; see {@link #load(String)}. */
    public static CompiledProtocol load(String resource, String name) {
        return compileResource(resource).protocol(name);
    }

    /** The only choreography of a file; an unreadable file is an {@link UncheckedIOException}. */
    public static CompiledProtocol load(Path file) {
        try {
            return Compiler.compile(file).protocol();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read protocol file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Compiles a classpath resource, errors and all (for tools that show the diagnostics themselves). */
    public static Compiler.Compilation compileResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        InputStream in = null;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            in = context.getResourceAsStream(path);
        }
        if (in == null) {
            in = Choreo.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IllegalArgumentException("no protocol resource '" + resource + "' on the classpath");
        }
        byte[] bytes;
        try (InputStream stream = in) {
            bytes = stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read protocol resource '" + resource + "': " + e.getMessage(), e);
        }
        // like SourceFile.read: malformed bytes are replaced, and the parser reports a binary file (E008)
        return Compiler.compile(new SourceFile(resource, new String(bytes, StandardCharsets.UTF_8)));
    }
}
