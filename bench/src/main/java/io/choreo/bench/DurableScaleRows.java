package io.choreo.bench;

import java.util.Map;

/** The rows of {@link DurableScaleBench} as sessions per second, and the ratio of choreo's to raw Pekko's. */
final class DurableScaleRows {
    private DurableScaleRows() {
    }

    /** Prints a table of sessions per second for each journal measured; nothing if none was. */
    static void print(Map<String, Double> micros, Map<String, Double> errors) {
        StringBuilder table = new StringBuilder();
        for (String db : new String[] {"h2", "postgres"}) {
            String durable = "durableSessionsAtScale[db=" + db + "]";
            String raw = "rawDurableAtScale[db=" + db + "]";
            if (micros.containsKey(durable) && micros.containsKey(raw)) {
                double ours = perSecond(micros.get(durable));
                double theirs = perSecond(micros.get(raw));
                table.append(String.format("| %s | %,.0f (%s) | %,.0f (%s) | %.2f |%n", db, ours,
                        spread(micros.get(durable), errors.get(durable)), theirs,
                        spread(micros.get(raw), errors.get(raw)), ours / theirs));
            }
        }
        if (!table.isEmpty()) {
            System.out.printf("%n| %,d durable sessions at once | choreo sessions/s | raw pairs/s | ratio to raw |%n"
                    + "|---|---:|---:|---:|%n%s", DurableScaleBench.SESSIONS, table);
        }
    }

    private static double perSecond(double microsPerBatch) {
        return DurableScaleBench.SESSIONS * 1e6 / microsPerBatch;
    }

    /** The sessions per second at the two ends of JMH's error interval. */
    private static String spread(double micros, double error) {
        if (Double.isNaN(error) || error >= micros) {
            return String.format("≥ %,.0f", perSecond(micros + (Double.isNaN(error) ? 0 : error)));
        }
        return String.format("%,.0f–%,.0f", perSecond(micros + error), perSecond(micros - error));
    }
}
