package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Maps an optimiser's {@code kind} field to its record through {@link OptimizerSpec.Kind}, so the kinds are
 * listed once and an unknown kind is reported like every other unknown name, at {@code optimizer.kind}.
 */
final class OptimizerKindResolver extends TypeIdResolverBase {

    @Override
    public String idFromValue(Object value) {
        return ((OptimizerSpec) value).kind().id();
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> type) {
        if (value != null) {
            return idFromValue(value);
        }
        return Arrays.stream(OptimizerSpec.Kind.values()).filter(k -> k.type() == type).findFirst()
                .map(OptimizerSpec.Kind::id).orElse(null);
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) throws JsonMappingException {
        try {
            return context.constructType(OptimizerSpec.Kind.fromId(id).type());
        } catch (IllegalArgumentException e) {
            JsonMappingException unknown = JsonMappingException.from((DeserializationContext) context,
                    e.getMessage(), e);
            unknown.prependPath(OptimizerSpec.class, "kind");
            throw unknown;
        }
    }

    @Override
    public String getDescForKnownTypeIds() {
        return Arrays.stream(OptimizerSpec.Kind.values()).map(OptimizerSpec.Kind::id).collect(Collectors.joining(", "));
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }
}
