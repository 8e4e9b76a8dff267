package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cache-store-value key value duration}, {@code cache-lookup-value key variable-name default-value} and
 * {@code cache-remove-value key}, over the gateway's {@link ValueCache}. {@code caching-type} (internal, external,
 * prefer-external) is accepted: the lab has one cache. A lookup that misses sets the variable to
 * {@code default-value} when given and leaves it unset otherwise (the variable-name row of the reference: "If the
 * lookup results in a miss, the variable isn't set").
 */
final class CacheSteps {
    private static final Set<String> CACHING_TYPES = Set.of("internal", "external", "prefer-external");

    private CacheSteps() {
    }

    private static void cachingType(Attrs attrs) throws PolicyException {
        String type = attrs.literal("caching-type", false);
        if (type != null && !CACHING_TYPES.contains(type.trim().toLowerCase(Locale.ROOT))) {
            throw attrs.error("caching-type", "caching-type must be internal, external or prefer-external, not '"
                    + type + "'", "use one of them");
        }
    }

    static Step store(Element element, Loader loader, Step.Origin origin) throws PolicyException {
        Attrs a = new Attrs(element, loader, "key", "value", "duration", "caching-type");
        a.noChildren();
        cachingType(a);
        Value key = a.value("key", true);
        Value value = a.value("value", true);
        Value duration = a.integer("duration", true, 1, Integer.MAX_VALUE);
        return new Step(origin) {
            @Override
            void run(Execution ex) throws PolicyFault {
                ex.services.cache().store(key.string(ex, this), value.eval(ex, this),
                        Duration.ofSeconds(duration.integer(ex, this)));
            }
        };
    }

    static Step lookup(Element element, Loader loader, Step.Origin origin) throws PolicyException {
        Attrs a = new Attrs(element, loader, "key", "variable-name", "default-value", "caching-type");
        a.noChildren();
        cachingType(a);
        Value key = a.value("key", true);
        String variable = a.literal("variable-name", true);
        Value fallback = a.value("default-value", false);
        return new Step(origin) {
            @Override
            void run(Execution ex) throws PolicyFault {
                Optional<Object> found = ex.services.cache().lookup(key.string(ex, this));
                if (found.isPresent()) {
                    ex.context.mutableVariables().put(variable, found.get());
                } else if (fallback != null) {
                    ex.context.mutableVariables().put(variable, fallback.eval(ex, this));
                }
            }
        };
    }

    static Step remove(Element element, Loader loader, Step.Origin origin) throws PolicyException {
        Attrs a = new Attrs(element, loader, "key", "caching-type");
        a.noChildren();
        cachingType(a);
        Value key = a.value("key", true);
        return new Step(origin) {
            @Override
            void run(Execution ex) throws PolicyFault {
                ex.services.cache().remove(key.string(ex, this));
            }
        };
    }
}
