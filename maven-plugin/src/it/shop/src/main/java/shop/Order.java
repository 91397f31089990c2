package shop;

/** The application's own payload class, named in the protocol as {@code shop.Order}. */
public record Order(String item, int quantity) {
}
