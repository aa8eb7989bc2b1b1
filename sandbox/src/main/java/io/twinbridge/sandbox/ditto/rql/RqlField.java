package io.twinbridge.sandbox.ditto.rql;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RQL property classified as Ditto 3.9.6's {@code ThingsFieldExpressionFactoryImpl} (with
 * {@code ModelBasedThingsFieldExpressionFactory}'s simple fields and {@code FieldExpressionUtil.FeatureField}'s
 * patterns) does it, for filtering ({@link #filter(String)}) or for {@code exists}/{@code empty}
 * ({@link #exists(String)}).
 */
record RqlField(Kind kind, String featureId, String path) {

    enum Kind { ATTRIBUTE, FEATURE, FEATURE_DEFINITION, FEATURE_PROPERTIES, FEATURE_PROPERTY,
        FEATURE_DESIRED_PROPERTIES, FEATURE_DESIRED_PROPERTY, SIMPLE, METADATA,
        /** {@code prefix:name}, a placeholder that {@code ThingsFieldExpressionFactory.of(mappings, placeholders)}
         *  accepts as a simple field; {@link #path()} is the field as written. */
        PLACEHOLDER }

    /** ModelBasedThingsFieldExpressionFactory's filteringSimpleFieldMappings: name to pointer. */
    private static final Map<String, String> SIMPLE = Map.of("thingId", "/thingId", "_namespace", "/_namespace",
            "policyId", "/policyId", "_revision", "/_revision", "_created", "/_created", "_modified", "/_modified",
            "definition", "/definition", "_metadata", "/_metadata");

    private static final Pattern PROPERTY = Pattern.compile("^features/(?<featureId>[^/]++)/properties/(?<p>.+)");
    private static final Pattern DESIRED_PROPERTY =
            Pattern.compile("^features/(?<featureId>[^/]++)/desiredProperties/(?<p>.+)");
    private static final Pattern PROPERTIES = Pattern.compile("^features/(?<featureId>[^/]++)/properties/?");
    private static final Pattern DESIRED_PROPERTIES =
            Pattern.compile("^features/(?<featureId>[^/]++)/desiredProperties/?");
    private static final Pattern DEFINITION = Pattern.compile("^features/(?<featureId>[^/]++)/definition/?");
    private static final Pattern FEATURE = Pattern.compile("^features/(?<featureId>[^/]++)");

    /** {@code filterBy}: the pointer that {@code FilterThingPredicateVisitor} looks up. */
    static RqlField filter(final String property) {
        return filter(property, Set.of());
    }

    /**
     * As {@link #filter(String)}, also accepting the placeholder fields {@code placeholders} ({@code prefix:name},
     * the supported names of the placeholders the filter may name).
     */
    static RqlField filter(final String property, final Set<String> placeholders) {
        final String name = stripLeadingSlash(property);
        Matcher m = PROPERTY.matcher(name);
        if (m.matches()) {
            return new RqlField(Kind.FEATURE_PROPERTY, m.group("featureId"),
                    "/features/" + m.group("featureId") + "/properties/" + m.group("p"));
        }
        m = DESIRED_PROPERTY.matcher(name);
        if (m.matches()) {
            return new RqlField(Kind.FEATURE_DESIRED_PROPERTY, m.group("featureId"),
                    "/features/" + m.group("featureId") + "/desiredProperties/" + m.group("p"));
        }
        if (!PROPERTIES.matcher(name).matches() && !DESIRED_PROPERTIES.matcher(name).matches()) {
            m = DEFINITION.matcher(name);
            if (m.matches()) {
                return new RqlField(Kind.FEATURE_DEFINITION, m.group("featureId"),
                        "/features/" + m.group("featureId") + "/definition");
            }
        }
        // FilterThingPredicateVisitor: the whole pointer in the thing
        final RqlField common = common(name, placeholders);
        switch (common.kind()) {
            case ATTRIBUTE:
                return new RqlField(Kind.ATTRIBUTE, null, "/attributes/" + common.path());
            case METADATA:
                return new RqlField(Kind.METADATA, null, "/_metadata/" + common.path());
            default:
                return common;
        }
    }

    /** {@code existsBy}: the field {@code ExistsThingPredicateVisitor} and {@code EmptyThingPredicateVisitor} see. */
    static RqlField exists(final String property) {
        return exists(property, Set.of());
    }

    /** As {@link #exists(String)}, also accepting the placeholder fields {@code placeholders}. */
    static RqlField exists(final String property, final Set<String> placeholders) {
        final String name = stripLeadingSlash(property);
        Matcher m = PROPERTY.matcher(name);
        if (m.matches()) {
            return new RqlField(Kind.FEATURE_PROPERTY, m.group("featureId"), m.group("p"));
        }
        m = DESIRED_PROPERTY.matcher(name);
        if (m.matches()) {
            return new RqlField(Kind.FEATURE_DESIRED_PROPERTY, m.group("featureId"), m.group("p"));
        }
        m = PROPERTIES.matcher(name);
        if (m.matches()) {
            return new RqlField(Kind.FEATURE_PROPERTIES, m.group("featureId"), "");
        }
        m = DESIRED_PROPERTIES.matcher(name);
        if (m.matches()) {
            return new RqlField(Kind.FEATURE_DESIRED_PROPERTIES, m.group("featureId"), "");
        }
        m = DEFINITION.matcher(name);
        if (m.matches()) {
            return new RqlField(Kind.FEATURE_DEFINITION, m.group("featureId"), "");
        }
        m = FEATURE.matcher(name);
        if (m.matches()) {
            return new RqlField(Kind.FEATURE, m.group("featureId"), "");
        }
        return common(name, placeholders);
    }

    private static RqlField common(final String name, final Set<String> placeholders) {
        if (name.startsWith("attributes/")) {
            return new RqlField(Kind.ATTRIBUTE, null, name.substring("attributes/".length()));
        }
        if (name.startsWith("_metadata/")) {
            return new RqlField(Kind.METADATA, null, name.substring("_metadata/".length()));
        }
        final String simple = SIMPLE.get(name);
        if (simple != null) {
            return new RqlField(Kind.SIMPLE, null, simple);
        }
        // ThingsFieldExpressionFactory.of: each placeholder's supported names join the simple field mappings
        if (placeholders.contains(name)) {
            return new RqlField(Kind.PLACEHOLDER, null, name);
        }
        throw new RqlInvalidException("Unknown property name: " + name);
    }

    private static String stripLeadingSlash(final String property) {
        return property.startsWith("/") ? property.substring(1) : property;
    }
}
