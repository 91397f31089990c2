package io.choreo.runtime.wire;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * A Jackson type id resolver over a table of declared ids: a value's class gives its id, an id gives its class, and
 * an id not in the table fails before any class is loaded. Never a class name.
 */
public abstract class TypeIdTable extends TypeIdResolverBase {
    private final Map<String, Class<?>> classes;
    private final Function<String, JsonMappingException> unknown;

    /** A resolver over {@code classes} (id → class), failing with {@code unknown} for an id not in it. */
    protected TypeIdTable(Map<String, Class<?>> classes, Function<String, JsonMappingException> unknown) {
        this.classes = classes;
        this.unknown = unknown;
    }

    /** The id of {@code type}, learning or refusing it as the table's rules say. */
    protected abstract String idOf(Class<?> type);

    @Override
    public final String idFromValue(Object value) {
        return idOf(value.getClass());
    }

    @Override
    public final String idFromValueAndType(Object value, Class<?> suggestedType) {
        return idOf(suggestedType);
    }

    @Override
    public final JavaType typeFromId(DatabindContext context, String id) throws IOException {
        Class<?> type = classes.get(id);
        if (type == null) {
            throw unknown.apply(id);
        }
        return context.constructType(type);
    }

    @Override
    public final JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }
}
