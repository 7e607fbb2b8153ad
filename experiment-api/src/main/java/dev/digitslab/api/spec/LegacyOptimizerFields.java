package dev.digitslab.api.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.Set;

/**
 * Skips the optimiser fields that saved models written before {@link OptimizerSpec} had one record per kind
 * carry for every kind (e.g. {@code beta1: 0.9} on sgd). Only for specs this program saved: in a spec file
 * such a field is an error.
 */
final class LegacyOptimizerFields extends DeserializationProblemHandler {
    private static final Set<String> FIELDS = Set.of("momentum", "nesterov", "beta1", "beta2", "epsilon");

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
        if (OptimizerSpec.class.isAssignableFrom(type) && FIELDS.contains(propertyName)) {
            p.skipChildren();
            return true;
        }
        return false;
    }
}
