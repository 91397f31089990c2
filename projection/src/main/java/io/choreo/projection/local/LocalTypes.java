package io.choreo.projection.local;

import io.choreo.dsl.ast.RoleRef;
import java.util.Optional;

/** Queries over local types shared by printers, checkers and the runtime. */
public final class LocalTypes {
    private LocalTypes() {
    }

    /** The peer every branch of an internal choice sends to first, if it is the same in all branches. */
    public static Optional<RoleRef> selectPeer(LocalType.Select s) {
        RoleRef peer = null;
        for (LocalType.Branch b : s.branches()) {
            Optional<RoleRef> first = firstSendPeer(b.type());
            if (first.isEmpty() || peer != null && !peer.toString().equals(first.get().toString())) {
                return Optional.empty();
            }
            peer = first.get();
        }
        return Optional.ofNullable(peer);
    }

    private static Optional<RoleRef> firstSendPeer(LocalType t) {
        if (t instanceof LocalType.Send s) {
            return Optional.of(s.peer());
        } else if (t instanceof LocalType.Select s) {
            return selectPeer(s);
        } else if (t instanceof LocalType.Guarded g) {
            return firstSendPeer(g.body());
        }
        return Optional.empty();
    }
}
