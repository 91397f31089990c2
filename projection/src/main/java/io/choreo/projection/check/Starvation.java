package io.choreo.projection.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Liveness over an explored state graph: in every bottom strongly connected component (a set of states the run can
 * never leave), each participant that has not finished must act somewhere, or it starves. Tarjan's algorithm, with
 * an explicit stack so the size of the graph costs no call stack.
 */
final class Starvation {
    private final ProductExplorer graph;

    Starvation(ProductExplorer graph) {
        this.graph = graph;
    }

    /** The first starving participant found, as a report, or null. */
    DeadlockReport find() {
        int size = graph.size();
        int[] order = new int[size];
        int[] low = new int[size];
        Arrays.fill(order, -1);
        BitSet onStack = new BitSet(size);
        Deque<Integer> stack = new ArrayDeque<>();
        Deque<int[]> calls = new ArrayDeque<>();
        int counter = 0;
        for (int root = 0; root < size; root++) {
            if (order[root] >= 0) {
                continue;
            }
            calls.push(new int[] {root, 0});
            order[root] = low[root] = counter++;
            stack.push(root);
            onStack.set(root);
            while (!calls.isEmpty()) {
                int[] frame = calls.peek();
                int v = frame[0];
                int[] next = graph.edges(v);
                if (frame[1] < next.length) {
                    int w = next[frame[1]++];
                    if (order[w] < 0) {
                        order[w] = low[w] = counter++;
                        stack.push(w);
                        onStack.set(w);
                        calls.push(new int[] {w, 0});
                    } else if (onStack.get(w)) {
                        low[v] = Math.min(low[v], order[w]);
                    }
                    continue;
                }
                calls.pop();
                if (!calls.isEmpty()) {
                    int u = calls.peek()[0];
                    low[u] = Math.min(low[u], low[v]);
                }
                if (low[v] == order[v]) {
                    List<Integer> component = new ArrayList<>();
                    int w;
                    do {
                        w = stack.pop();
                        onStack.clear(w);
                        component.add(w);
                    } while (w != v);
                    DeadlockReport r = judge(component);
                    if (r != null) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    private DeadlockReport judge(List<Integer> component) {
        BitSet members = new BitSet();
        component.forEach(members::set);
        BitSet acts = new BitSet();
        boolean anyEdge = false;
        for (int v : component) {
            int[] targets = graph.edges(v);
            int[] actors = graph.edgeActors(v);
            for (int i = 0; i < targets.length; i++) {
                if (!members.get(targets[i])) {
                    return null;
                }
                anyEdge = true;
                acts.set(actors[i]);
            }
        }
        if (!anyEdge) {
            return null;
        }
        for (int p = 0; p < graph.participants(); p++) {
            if (acts.get(p)) {
                continue;
            }
            for (int v : component) {
                if (!graph.finished(v, p)) {
                    return graph.problem(DeadlockReport.Verdict.STARVATION, v, p);
                }
            }
        }
        return null;
    }
}
