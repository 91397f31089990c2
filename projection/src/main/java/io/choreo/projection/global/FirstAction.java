package io.choreo.projection.global;

import java.util.List;

/** Decides whether a role's first action in a protocol fragment is, on every path, a receive from a given role. */
final class FirstAction {
    private FirstAction() {
    }

    static boolean isReceiveFrom(String role, String sender, List<Global> body) {
        return check(role, sender, body, 0) == Result.YES;
    }

    private enum Result { YES, NO, NOT_INVOLVED }

    private static Result check(String role, String sender, List<Global> body, int from) {
        for (int i = from; i < body.size(); i++) {
            Global g = body.get(i);
            List<Global> rest = body.subList(i + 1, body.size());
            if (g instanceof Global.Comm c) {
                if (c.to().role().equals(role)) {
                    return c.from().isDecider(sender) && !c.from().role().equals(role) ? Result.YES : Result.NO;
                }
                if (c.from().role().equals(role)) {
                    return Result.NO;
                }
            } else if (g instanceof Global.Choice c) {
                if (c.deciderRole().equals(role)) {
                    return Result.NO;
                }
                if (!Traversal.involves(role, List.of(g))) {
                    continue;
                }
                Result all = null;
                for (Global.Branch b : c.branches()) {
                    Result r = check(role, sender, concat(b.body(), rest), 0);
                    if (r == Result.NO) {
                        return Result.NO;
                    }
                    all = all == null || all == r ? r : Result.NO;
                }
                return all == null ? Result.NOT_INVOLVED : all;
            } else if (g instanceof Global.Repeat || g instanceof Global.Rec) {
                List<Global> inner = Traversal.children(g).get(0);
                if (Traversal.involves(role, inner)) {
                    Result r = check(role, sender, inner, 0);
                    return r == Result.NOT_INVOLVED ? Result.NO : r;
                }
            } else if (g instanceof Global.Par p) {
                List<List<Global>> involved = p.branches().stream().filter(b -> Traversal.involves(role, b)).toList();
                if (involved.size() > 1) {
                    return Result.NO;
                }
                if (involved.size() == 1) {
                    return check(role, sender, involved.get(0), 0);
                }
            } else if (g instanceof Global.Continue) {
                return Result.NO;
            }
        }
        return Result.NOT_INVOLVED;
    }

    private static List<Global> concat(List<Global> a, List<Global> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
