package io.choreo.projection.decide;

import io.choreo.projection.decide.SubsetAutomaton.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A synthesized automaton in the canonical local-type notation: {@code Q?start; R!late; end}, choices
 * {@code R+{a: R!a; T | b: R!b; T}} and {@code Q&{…}}, cycles as {@code rec X3.… X3}. Where one state receives from
 * (or sends to) several peers the choice is written without a peer, {@code &{P?x; … | Q?y; …}}. A state reached by
 * two paths is written out on each; past {@code limit} characters only the number of states is given. Iterative: an
 * explicit stack, whatever the automaton's depth.
 */
public final class AutomatonPrinter {
    private AutomatonPrinter() {
    }

    private static final class Frame {
        final int state;
        final List<Map.Entry<Event, Integer>> steps;
        final List<String> parts = new ArrayList<>();
        boolean recursive;

        Frame(int state, SubsetAutomaton a) {
            this.state = state;
            this.steps = List.copyOf(a.next(state).entrySet());
        }
    }

    public static String print(SubsetAutomaton a, int limit) {
        Deque<Frame> stack = new ArrayDeque<>();
        Frame[] open = new Frame[a.stateCount()];
        int written = 0;
        String result = enter(a, 0, stack, open);
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (result != null) {
                Map.Entry<Event, Integer> step = top.steps.get(top.parts.size());
                top.parts.add(step.getKey() + "; " + result);
                written += result.length();
                result = null;
            }
            if (written > limit) {
                return "(" + a.stateCount() + " states, too long to print)";
            }
            if (top.parts.size() < top.steps.size()) {
                result = enter(a, top.steps.get(top.parts.size()).getValue(), stack, open);
                continue;
            }
            stack.pop();
            open[top.state] = null;
            String body = top.parts.size() == 1 ? top.parts.get(0) : choice(top);
            result = top.recursive ? "rec X" + top.state + "." + body : body;
        }
        return result;
    }

    /** The text of {@code state} if it needs no frame (end, or a cycle back), else null after pushing its frame. */
    private static String enter(SubsetAutomaton a, int state, Deque<Frame> stack, Frame[] open) {
        if (open[state] != null) {
            open[state].recursive = true;
            return "X" + state;
        }
        if (a.next(state).isEmpty()) {
            return "end";
        }
        Frame f = new Frame(state, a);
        open[state] = f;
        stack.push(f);
        return null;
    }

    private static String choice(Frame f) {
        Event first = f.steps.get(0).getKey();
        boolean onePeer = f.steps.stream().allMatch(s -> s.getKey().peer().equals(first.peer())
                && s.getKey().send() == first.send());
        boolean sends = f.steps.stream().allMatch(s -> s.getKey().send());
        StringBuilder b = new StringBuilder(onePeer ? first.peer() : "").append(sends ? "+{" : "&{");
        for (int i = 0; i < f.parts.size(); i++) {
            String message = f.steps.get(i).getKey().message();
            int paren = message.indexOf('(');
            b.append(i == 0 ? "" : " | ");
            b.append(onePeer ? (paren < 0 ? message : message.substring(0, paren)) + ": " : "").append(f.parts.get(i));
        }
        return b.append("}").toString();
    }
}
