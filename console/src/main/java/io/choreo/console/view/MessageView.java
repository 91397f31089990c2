package io.choreo.console.view;

import java.util.List;

/**
 * One message of a session.
 *
 * @param at epoch milliseconds when the session heard of it, or 0 when the source does not say
 */
public record MessageView(String from, String to, String label, boolean implicit, long cost, List<String> facts,
                          long at) {
    public MessageView {
        facts = List.copyOf(facts);
    }
}
