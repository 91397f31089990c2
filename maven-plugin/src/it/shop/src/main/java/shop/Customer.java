package shop;

import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.SendContext;
import shop.protocol.Confirmed;
import shop.protocol.CustomerHandler;
import shop.protocol.PlaceOrder;

/** Implements the generated handler: compiles only if PlaceOrder carries the user's shop.Order. */
public final class Customer implements CustomerHandler {
    private String outcome = "";

    @Override
    public PlaceOrder sendPlaceOrder(SendContext send) {
        return new PlaceOrder(new Order("book", 2));
    }

    @Override
    public void onConfirmed(Confirmed message, ReceiveContext received) {
        outcome = message.payload();
    }

    @Override
    public Object result() {
        return outcome;
    }

    static Order orderOf(PlaceOrder message) {
        return message.payload();
    }
}
