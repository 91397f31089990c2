package io.choreo.projection.bind;

import java.util.List;

/** Bindings do not fit a protocol: an unbound symbol, an index or range outside an array, a bad count. */
public final class BindingException extends RuntimeException {
    private final List<String> problems;

    public BindingException(String protocol, List<String> problems) {
        super("cannot start " + protocol + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
