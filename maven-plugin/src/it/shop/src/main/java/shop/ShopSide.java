package shop;

import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.SendContext;
import shop.protocol.Confirmed;
import shop.protocol.PlaceOrder;
import shop.protocol.Refused;
import shop.protocol.ShopChoice;
import shop.protocol.ShopGuards;
import shop.protocol.ShopRole;

/**
 * The shop's side of Ordering (docs/getting-started.md) on the typed API: its result is the {@link Order}, its guard
 * input a {@link ShopGuards} record, its choice a {@link ShopChoice}.
 */
public final class ShopSide implements ShopRole<Order> {
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

    // the runtime checks the guard `stock >= 1` of branch accept against these values
    @Override
    public ShopGuards guards(ChoiceContext choice) {
        return new ShopGuards(stock);
    }

    @Override
    public ShopChoice chooseShopChoice(ChoiceContext choice) {
        return stock >= order.quantity() ? ShopChoice.ACCEPT : ShopChoice.REJECT;
    }

    @Override
    public Order result() {
        return order;
    }
}
