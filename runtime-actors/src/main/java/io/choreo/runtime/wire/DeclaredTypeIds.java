package io.choreo.runtime.wire;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Type ids of the implementations of internal polymorphic interfaces whose implementations live in several modules
 * (such as {@code Peers}): each module declares its ids in a {@link Declarations} service, and only a declared
 * class is ever deserialized. An undeclared id is refused with {@link UndeclaredType} before anything is loaded.
 */
public final class DeclaredTypeIds {
    private static final Map<String, Class<?>> CLASSES = new HashMap<>();
    private static final Map<Class<?>, String> IDS = new HashMap<>();

    static {
        for (Declarations d : ServiceLoader.load(Declarations.class, DeclaredTypeIds.class.getClassLoader())) {
            d.types().forEach((id, type) -> {
                Class<?> bound = CLASSES.putIfAbsent(id, type);
                if (bound != null && bound != type) {
                    throw new IllegalStateException("type id '" + id + "' is declared for " + bound.getName()
                            + " and " + type.getName());
                }
                IDS.put(type, id);
            });
        }
    }

    private DeclaredTypeIds() {
    }

    /** A module's type ids (a {@link ServiceLoader} service: {@code META-INF/services/…$Declarations}). */
    public interface Declarations {
        /** Type id → class, for the classes of this module sent or journaled behind a polymorphic interface. */
        Map<String, Class<?>> types();
    }

    /** Thrown when a message or journal row names a type id no module declares: nothing is instantiated. */
    public static final class UndeclaredType extends JsonMappingException {
        UndeclaredType(String id) {
            super(null, "type id '" + id + "' is not declared by any module");
        }
    }

    /** The declared id of {@code type}, or null. */
    public static String idOf(Class<?> type) {
        return IDS.get(type);
    }

    /** Jackson's view: {@code @JsonTypeInfo(use = CUSTOM) @JsonTypeIdResolver(DeclaredTypeIds.Resolver.class)}. */
    public static final class Resolver extends TypeIdTable {
        public Resolver() {
            super(CLASSES, UndeclaredType::new);
        }

        @Override
        protected String idOf(Class<?> type) {
            String id = IDS.get(type);
            if (id == null) {
                throw new IllegalArgumentException(type.getName() + " has no declared type id (DeclaredTypeIds)");
            }
            return id;
        }

    }
}
