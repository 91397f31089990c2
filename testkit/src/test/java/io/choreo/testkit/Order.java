package io.choreo.testkit;

/** The payload of PlaceOrder in the test protocol. */
public record Order(String item, int quantity) {
}
