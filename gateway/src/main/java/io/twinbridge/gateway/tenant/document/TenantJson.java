package io.twinbridge.gateway.tenant.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Writes tenants back in the document's own shape, members in a fixed order, so that a read-write round trip holds. */
public final class TenantJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TenantJson() {
    }

    public static ObjectNode tenant(TenantSpec spec) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", spec.id().value());
        ArrayNode namespaces = json.putArray("namespaces");
        spec.namespaces().forEach(namespaces::add);
        spec.codec().ifPresent(c -> json.put("codec", c.configName()));
        if (!spec.topics().overrides().isEmpty()) {
            ObjectNode topics = json.putObject("topics");
            spec.topics().overrides().forEach(topics::put);
        }
        ObjectNode roles = json.putObject("roles");
        for (Role role : Role.values()) {
            if (!spec.subjects(role).isEmpty()) {
                ArrayNode subjects = roles.putArray(role.key());
                spec.subjects(role).forEach(subjects::add);
            }
        }
        spec.ditto().ifPresent(c -> json.putObject("ditto").put("username", c.username())
                .put("passwordEnv", c.passwordEnv()));
        return json;
    }

    public static ObjectNode document(TenantDocument document) {
        ObjectNode json = MAPPER.createObjectNode();
        ArrayNode tenants = json.putArray("tenants");
        document.tenants().forEach(t -> tenants.add(tenant(t)));
        return json;
    }

    /** The document as indented UTF-8 JSON with a final newline. */
    public static byte[] bytes(TenantDocument document) {
        try {
            return (MAPPER.writeValueAsString(document(document)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings cannot fail to serialize", e);
        }
    }
}
