package io.choreo.runtime.extension;

import io.choreo.runtime.handler.SendContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Budgets kept in this JVM with atomic compare-and-set, so concurrent charges never overspend. Either one budget
 * per participant of each session ({@link #perParticipant}) with per-role limits, or one pool shared by every send
 * ({@link #shared}).
 */
public final class InMemoryFlowBudget implements FlowBudget {
    private final Function<SendContext, Object> key;
    private final long defaultLimit;
    private final Map<String, Long> roleLimits = new ConcurrentHashMap<>();
    private final Map<Object, AtomicLong> remaining = new ConcurrentHashMap<>();

    /** The account of one participant of one session (hashes its strings' cached hash codes: no text built). */
    private record Participant(String sessionId, String participant) {
    }

    private InMemoryFlowBudget(Function<SendContext, Object> key, long defaultLimit) {
        this.key = key;
        this.defaultLimit = defaultLimit;
    }

    /** Each participant of each session has its own budget, {@code defaultLimit} unless its role has a limit. */
    public static InMemoryFlowBudget perParticipant(long defaultLimit) {
        return new InMemoryFlowBudget(s -> new Participant(s.sessionId(), s.participant()), defaultLimit);
    }

    /** One pool for every send of every session. */
    public static InMemoryFlowBudget shared(long limit) {
        return new InMemoryFlowBudget(s -> "shared", limit);
    }

    /** Sets the budget of each participant of {@code role}. */
    public InMemoryFlowBudget limit(String role, long limit) {
        roleLimits.put(role, limit);
        return this;
    }

    private AtomicLong account(SendContext send) {
        Object k = key.apply(send);
        AtomicLong known = remaining.get(k);
        return known != null ? known : remaining.computeIfAbsent(k,
                absent -> new AtomicLong(roleLimits.getOrDefault(send.role(), defaultLimit)));
    }

    /** Charges at once: granted and deducted, or refused and unchanged. */
    public Charge tryCharge(SendContext send, long cost) {
        AtomicLong account = account(send);
        while (true) {
            long left = account.get();
            if (left < cost) {
                return new Charge(false, left);
            }
            if (account.compareAndSet(left, left - cost)) {
                return new Charge(true, left - cost);
            }
        }
    }

    @Override
    public java.util.concurrent.CompletionStage<Charge> charge(SendContext send, long cost) {
        return java.util.concurrent.CompletableFuture.completedFuture(tryCharge(send, cost));
    }

    @Override
    public void refund(SendContext send, long cost) {
        account(send).addAndGet(cost);
    }

    /** What is left of the budget {@code send} would charge. */
    public long remaining(SendContext send) {
        return account(send).get();
    }
}
