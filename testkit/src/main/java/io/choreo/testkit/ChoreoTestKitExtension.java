package io.choreo.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: injects a {@link ChoreoTestKit} into test methods and constructors, one per test class,
 * closed after the class's last test.
 *
 * <pre>
 * {@literal @}ExtendWith(ChoreoTestKitExtension.class)
 * class CheckoutTest {
 *     {@literal @}Test
 *     void shopConfirms(ChoreoTestKit kit) { ... }
 * }
 * </pre>
 */
public final class ChoreoTestKitExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ChoreoTestKitExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChoreoTestKit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        // stored values that are AutoCloseable are closed when their context ends (JUnit 5.13+)
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(ChoreoTestKit.class,
                k -> ChoreoTestKit.create(), ChoreoTestKit.class);
    }
}
