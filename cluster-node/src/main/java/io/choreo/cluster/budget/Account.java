package io.choreo.cluster.budget;

import java.util.ArrayDeque;
import java.util.Deque;

/** A {@link BudgetKeeper}'s exact figures for one budget on its own node, and the charges waiting for quota. */
final class Account {
    long alloc;
    long spent;
    long given;
    long taken;
    final Deque<BudgetKeeper.Charge> waiting = new ArrayDeque<>();
    int lendersOutstanding;
    long round;

    long available() {
        return alloc + taken - given - spent;
    }
}
