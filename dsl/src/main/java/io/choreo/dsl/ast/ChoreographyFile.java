package io.choreo.dsl.ast;

import java.util.List;
import java.util.Optional;

/**
 * A parsed DSL file: one or more choreographies, optionally inside a {@code choreography! { … }} wrapper.
 */
public record ChoreographyFile(List<Choreography> choreographies, boolean wrapped) {
    public ChoreographyFile {
        choreographies = List.copyOf(choreographies);
    }

    /** The choreography called {@code name}, if the file declares one. */
    public Optional<Choreography> find(String name) {
        return choreographies.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
