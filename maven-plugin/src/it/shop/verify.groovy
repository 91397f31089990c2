// The plugin generated the protocols' sources, no placeholder for shop.Order, and the project compiled and ran.
def gen = new File(basedir, 'target/generated-sources/choreo/shop/protocol')
assert new File(gen, 'PlaceOrder.java').text.contains('public record PlaceOrder(shop.Order payload)')
assert new File(gen, 'CustomerHandler.java').isFile()
assert new File(gen, 'ShopChoice.java').text.contains('ACCEPT("accept")')
assert new File(gen, 'ShopGuards.java').text.contains('public record ShopGuards(long stock)')
assert new File(gen, 'OrderingSession.java').isFile()
assert !new File(gen, 'Order.java').exists()
assert new File(basedir, 'target/generated-sources/choreo/shop/returns/ReturnsSession.java').isFile()
assert new File(basedir, 'target/classes/shop/protocol/ShopHandler.class').isFile()
assert new File(basedir, 'target/classes/shop/CustomerSide.class').isFile()
assert new File(basedir, 'target/surefire-reports/TEST-shop.OrderingTest.xml').text.contains('tests="2"')
return true
