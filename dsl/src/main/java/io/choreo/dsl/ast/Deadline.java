package io.choreo.dsl.ast;

import io.choreo.dsl.source.Span;
import java.time.Duration;

/**
 * The deadline of a timed choice ({@code choice R within 5s { … timeout: { … } }}): a fixed duration, or the name of
 * a variable the deciding role's handler supplies (milliseconds or a {@link Duration}) when the choice is reached.
 */
public sealed interface Deadline {

    Span span();

    /** {@code within 5s}, {@code within 250ms}, {@code within 2m}, {@code within 1h}. */
    record Fixed(Duration duration, Span span) implements Deadline {
        @Override
        public String toString() {
            return Fixed.format(duration);
        }

        /** The DSL spelling of {@code d}: the largest unit that divides it exactly. */
        public static String format(Duration d) {
            long ms = d.toMillis();
            if (ms % 3_600_000 == 0) {
                return ms / 3_600_000 + "h";
            } else if (ms % 60_000 == 0) {
                return ms / 60_000 + "m";
            } else if (ms % 1_000 == 0) {
                return ms / 1_000 + "s";
            }
            return ms + "ms";
        }
    }

    /** {@code within vote_deadline}: bound at run time from the deciding role's variables. */
    record Variable(String name, Span span) implements Deadline {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The longest deadline: 180 days. Pekko's timers refuse delays past about 248 days, and a deadline is an absolute
     * instant in the journal, so a bound keeps both far from overflowing.
     */
    Duration MAX = Duration.ofDays(180);

    /** The label of the branch a timed choice takes when its deadline passes. */
    String TIMEOUT_BRANCH = "timeout";
}
