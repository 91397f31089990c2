package io.choreo.console.view;

import io.choreo.projection.check.Action;
import io.choreo.projection.check.LocalSemantics;
import io.choreo.projection.local.LocalType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where each participant stands, found by replaying what it sent and consumed over its local type: "finished", or
 * what it waits for ({@code waiting for Seller?Accept}) or is about to send. Pure and bounded by the message count.
 */
public final class ParticipantReplay {
    private ParticipantReplay() {
    }

    /** One participant's state. */
    public record ParticipantState(String participant, String state, boolean finished) {
    }

    /** The state of every participant, given its concrete local type. */
    public static List<ParticipantState> states(Map<String, LocalType> types, List<MessageView> sent,
                                                List<MessageView> consumed, boolean sessionEnded) {
        return types.entrySet().stream()
                .map(e -> replay(e.getKey(), e.getValue(), sent, consumed, sessionEnded)).toList();
    }

    private static ParticipantState replay(String me, LocalType type, List<MessageView> sent,
                                           List<MessageView> consumed, boolean sessionEnded) {
        Deque<MessageView> mySends = sent.stream().filter(m -> m.from().equals(me))
                .collect(Collectors.toCollection(ArrayDeque::new));
        Map<String, Deque<String>> inbox = new HashMap<>();
        consumed.stream().filter(m -> m.to().equals(me))
                .forEach(m -> inbox.computeIfAbsent(m.from(), k -> new ArrayDeque<>()).add(m.label()));
        LocalType t = type;
        int steps = sent.size() + consumed.size() + 1;
        for (int i = 0; i < steps; i++) {
            Optional<LocalSemantics.Move> next = matching(LocalSemantics.moves(t), mySends, inbox);
            if (next.isEmpty()) {
                break;
            }
            t = next.get().next();
        }
        if (LocalSemantics.isFinished(t)) {
            return new ParticipantState(me, "finished", true);
        }
        String pending = LocalSemantics.moves(t).stream().map(m -> m.action().toString()).distinct()
                .collect(Collectors.joining(" or "));
        boolean sends = LocalSemantics.moves(t).stream().anyMatch(m -> m.action().kind() == Action.Kind.SEND);
        String doing = (sends ? "about to send " : "waiting for ") + pending;
        return new ParticipantState(me, sessionEnded ? "stopped " + doing : doing, false);
    }

    private static Optional<LocalSemantics.Move> matching(List<LocalSemantics.Move> moves, Deque<MessageView> mySends,
                                                          Map<String, Deque<String>> inbox) {
        for (LocalSemantics.Move m : moves) {
            Action a = m.action();
            if (a.kind() == Action.Kind.SEND) {
                MessageView head = mySends.peek();
                if (head != null && head.to().equals(a.peer()) && head.label().equals(a.label())) {
                    mySends.poll();
                    return Optional.of(m);
                }
            } else {
                Deque<String> from = inbox.get(a.peer());
                if (from != null && a.label().equals(from.peek())) {
                    from.poll();
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    /** The states keyed by participant, in order. */
    public static Map<String, String> byParticipant(List<ParticipantState> states) {
        Map<String, String> out = new LinkedHashMap<>();
        states.forEach(s -> out.put(s.participant(), s.state()));
        return out;
    }
}
