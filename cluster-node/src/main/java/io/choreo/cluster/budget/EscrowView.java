package io.choreo.cluster.budget;

import java.math.BigInteger;
import java.util.Map;
import org.apache.pekko.cluster.ddata.PNCounterMap;

/**
 * The replicated figures of one escrow budget: entries {@code alloc:<node>}, {@code spent:<node>},
 * {@code given:<node>}, {@code taken:<node>} and {@code reclaimed:<node>} of a Distributed Data {@code PNCounterMap}.
 */
record EscrowView(PNCounterMap<String> map) {

    static EscrowView empty() {
        return new EscrowView(PNCounterMap.empty());
    }

    long value(String kind, String node) {
        BigInteger v = map.getEntries().get(kind + ":" + node);
        return v == null ? 0 : v.longValue();
    }

    /** What {@code node} may still spend: its allocation and loans taken, less loans given, spending and reclaims. */
    long unspent(String node) {
        return value("alloc", node) + value("taken", node) - value("given", node) - value("spent", node)
                - value("reclaimed", node);
    }

    /** The remaining total of the budget over every node. */
    long remaining() {
        long total = 0;
        for (Map.Entry<String, BigInteger> e : map.getEntries().entrySet()) {
            long v = e.getValue().longValue();
            String kind = e.getKey().substring(0, e.getKey().indexOf(':'));
            if (kind.equals("alloc") || kind.equals("taken")) {
                total += v;
            } else if (kind.equals("spent") || kind.equals("given") || kind.equals("reclaimed")) {
                total -= v;
            }
        }
        return total;
    }
}
