package shop;

import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.SendContext;
import shop.protocol.Confirmed;
import shop.protocol.CustomerHandler;
import shop.protocol.PlaceOrder;
import shop.protocol.Refused;

/** The customer's side of Ordering (docs/getting-started.md): places an order, remembers the answer. */
public final class CustomerSide implements CustomerHandler {
    private final Order order;
    private String answer = "none";

    public CustomerSide(Order order) {
        this.order = order;
    }

    @Override
    public PlaceOrder sendPlaceOrder(SendContext send) {
        return new PlaceOrder(order);
    }

    @Override
    public void onConfirmed(Confirmed message, ReceiveContext received) {
        answer = "confirmed: " + message.payload();
    }

    @Override
    public void onRefused(Refused message, ReceiveContext received) {
        answer = "refused: " + message.payload();
    }

    @Override
    public Object result() {
        return answer;
    }
}
