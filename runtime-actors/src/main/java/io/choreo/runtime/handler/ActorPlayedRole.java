package io.choreo.runtime.handler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A role played by an application actor: the role sends it typed {@link Request}s — provide a payload, choose a
 * branch, decide a loop, a message was received — and awaits each reply with {@code timeout} (Pekko's
 * {@link AskPattern}); no reply in time fails the session with {@code HandlerFailed}.
 *
 * <pre>{@code
 * ActorRef<ActorPlayedRole.Request> bank = ctx.spawn(Bank.create(), "bank");
 * spec.withRoleHandlers(Map.of("Bank", () -> new ActorPlayedRole(bank, Duration.ofSeconds(3), system.scheduler())));
 * }</pre>
 */
public final class ActorPlayedRole implements AsyncRoleHandler {

    /** What the role asks its actor. */
    public sealed interface Request {
    }

    /** Reply with the payload of the message about to be sent ({@code null}: none). */
    public record ProvidePayload(SendContext send, ActorRef<Payload> replyTo) implements Request {
    }

    /** Reply with the branch to take and the variables its guards are evaluated against. */
    public record ChooseBranch(ChoiceContext choice, ActorRef<Chosen> replyTo) implements Request {
    }

    /** Reply whether the loop this role decides runs another iteration. */
    public record ContinueLoop(LoopContext loop, ActorRef<Boolean> replyTo) implements Request {
    }

    /** A message arrived; reply {@code Done} once it is handled. */
    public record MessageReceived(ReceiveContext received, ActorRef<Done> replyTo) implements Request {
    }

    /** A payload (the reply to {@link ProvidePayload}). */
    public record Payload(Object value) {
    }

    /** A branch and the guard variables (the reply to {@link ChooseBranch}). */
    public record Chosen(String label, Map<String, ?> variables) {
        public Chosen(String label) {
            this(label, Map.of());
        }
    }

    private final ActorRef<Request> player;
    private final Duration timeout;
    private final Scheduler scheduler;
    private volatile Map<String, ?> variables = Map.of();

    public ActorPlayedRole(ActorRef<Request> player, Duration timeout, Scheduler scheduler) {
        this.player = player;
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    @Override
    public CompletionStage<Object> payloadAsync(SendContext send) {
        return AskPattern.<Request, Payload>ask(player, r -> new ProvidePayload(send, r), timeout, scheduler)
                .thenApply(Payload::value);
    }

    @Override
    public CompletionStage<Void> receivedAsync(ReceiveContext received) {
        return AskPattern.<Request, Done>ask(player, r -> new MessageReceived(received, r), timeout, scheduler)
                .thenApply(d -> null);
    }

    @Override
    public CompletionStage<String> chooseAsync(ChoiceContext choice) {
        return AskPattern.<Request, Chosen>ask(player, r -> new ChooseBranch(choice, r), timeout, scheduler)
                .thenApply(c -> {
                    variables = c.variables() == null ? Map.of() : Map.copyOf(c.variables());
                    return c.label();
                });
    }

    @Override
    public CompletionStage<Boolean> continueLoopAsync(LoopContext loop) {
        return AskPattern.ask(player, r -> new ContinueLoop(loop, r), timeout, scheduler);
    }

    /** The variables of the last {@link Chosen} reply. */
    @Override
    public Map<String, ?> guardVariables(ChoiceContext choice) {
        return variables;
    }
}
