package io.choreo.persistence.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Versions of an append-only log stay what they were, however later versions grow. */
class AppendOnlyLogTest {

    @Test
    void eachVersionKeepsItsElements() {
        List<String> none = AppendOnlyLog.empty();
        List<String> a = AppendOnlyLog.plus(none, "a");
        List<String> ab = AppendOnlyLog.plus(a, "b");
        List<String> ac = AppendOnlyLog.plus(a, "c");      // an older version grows another way: a copy
        List<String> abd = AppendOnlyLog.plus(ab, "d");
        assertEquals(List.of(), none);
        assertEquals(List.of("a"), a);
        assertEquals(List.of("a", "b"), ab);
        assertEquals(List.of("a", "c"), ac);
        assertEquals(List.of("a", "b", "d"), abd);
        assertEquals(List.of("a", "c", "e"), AppendOnlyLog.plus(ac, "e"));
        assertEquals(List.of("a", "b"), ab, "unchanged by later appends");
        assertEquals(List.of(), AppendOnlyLog.<String>empty(), "the shared empty log never grows");
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(1));
    }

    @Test
    void theSameElementAppendedTwiceToOneVersionIsShared() {
        String step = new String("step");
        List<String> base = AppendOnlyLog.plus(AppendOnlyLog.empty(), "x");
        List<String> batch = AppendOnlyLog.plus(base, step);       // the batch's progress
        List<String> state = AppendOnlyLog.plus(base, step);       // the event handler, with the same event
        assertEquals(batch, state);
        List<String> next = AppendOnlyLog.plus(state, "y");
        assertEquals(List.of("x", "step", "y"), next);
        assertEquals(List.of("x", "step"), batch);
        assertEquals(List.of("x", "step", "z"), AppendOnlyLog.plus(batch, "z"), "a different element: a copy");
        assertEquals(List.of("x", "step", "y"), next);
    }

    @Test
    void aPlainListBecomesALog() {
        assertEquals(List.of("a", "b", "c"), AppendOnlyLog.plus(List.of("a", "b"), "c"));
    }
}
