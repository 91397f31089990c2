package io.choreo.runtime.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The participants of a session that have not finished, in the session's order: an array with gaps rather than a
 * linked set, since a million idle sessions each hold one.
 */
final class Unfinished {
    private final String[] names;
    private int left;

    Unfinished(Collection<String> participants) {
        this.names = participants.toArray(String[]::new);
        this.left = names.length;
    }

    /** Marks {@code participant} finished; false if it was not unfinished. */
    boolean remove(String participant) {
        for (int i = 0; i < names.length; i++) {
            if (participant.equals(names[i])) {
                names[i] = null;
                left--;
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return left == 0;
    }

    /** The unfinished participants, in order. */
    List<String> list() {
        List<String> out = new ArrayList<>(left);
        for (String n : names) {
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }
}
