package shop;

import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.SendContext;
import java.util.Map;
import shop.protocol.Confirmed;
import shop.protocol.PlaceOrder;
import shop.protocol.Refused;
import shop.protocol.ShopHandler;

/** The shop's side of Ordering (docs/getting-started.md): confirms while it has stock. */
public final class ShopSide implements ShopHandler {
    private final int stock;
    private Order order;

    public ShopSide(int stock) {
        this.stock = stock;
    }

    @Override
    public void onPlaceOrder(PlaceOrder message, ReceiveContext received) {
        order = message.payload();
    }

    @Override
    public Confirmed sendConfirmed(SendContext send) {
        return new Confirmed("order of " + order.item());
    }

    @Override
    public Refused sendRefused(SendContext send) {
        return new Refused("out of stock");
    }

    // the guard `stock >= 1` of branch accept is evaluated against these variables
    @Override
    public Map<String, ?> guardVariables(ChoiceContext choice) {
        return Map.of("stock", stock);
    }

    @Override
    public Object result() {
        return order;
    }
}
