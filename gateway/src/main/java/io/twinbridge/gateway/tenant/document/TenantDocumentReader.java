package io.twinbridge.gateway.tenant.document;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.tenant.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a tenants document, or one tenant of it, and checks it: size, JSON syntax, {@code tenants.schema.json}
 * (every error with its JSON pointer), then the rules across tenants ({@link TenantRules}). Thread-safe.
 */
public final class TenantDocumentReader {
    /** Default size limit of a document: far above a thousand tenants, far below what could hurt the heap. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;
    public static final String SCHEMA_RESOURCE = "schemas/tenants.schema.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Schema schema;
    private final int maxBytes;
    private final TopicNames topicNames;

    public TenantDocumentReader(int maxBytes, TopicNames topicNames) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.schema = loadSchema();
        this.maxBytes = maxBytes;
        this.topicNames = topicNames;
    }

    /** The whole document. */
    public Checked<TenantDocument> readDocument(byte[] json) {
        Checked<JsonNode> tree = parse(json);
        if (tree instanceof Checked.Invalid<JsonNode> invalid) {
            return Checked.invalid(invalid.problems());
        }
        JsonNode root = ((Checked.Valid<JsonNode>) tree).value();
        List<DocumentProblem> problems = validate(root, "");
        if (!problems.isEmpty()) {
            return Checked.invalid(problems);
        }
        List<TenantSpec> tenants = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        JsonNode items = root.get("tenants");
        for (int i = 0; i < items.size(); i++) {
            tenants.add(spec(items.get(i)));
            bases.add("/tenants/" + i);
        }
        problems = TenantRules.check(tenants, bases, topicNames);
        return problems.isEmpty() ? Checked.valid(new TenantDocument(tenants)) : Checked.invalid(problems);
    }

    /**
     * One tenant object, as the admin API receives it, checked against the other tenants of {@code current}.
     * Pointers are relative to the tenant object. {@code pathId} must equal the object's {@code id}, if it has one.
     */
    public Checked<TenantSpec> readTenant(byte[] json, String pathId, TenantDocument current) {
        if (!TenantId.PATTERN.matcher(pathId).matches()) {
            return Checked.invalid(List.of(new DocumentProblem("", "invalid tenant id '" + pathId
                    + "' in the path: must match " + TenantId.PATTERN.pattern())));
        }
        Checked<JsonNode> tree = parse(json);
        if (tree instanceof Checked.Invalid<JsonNode> invalid) {
            return Checked.invalid(invalid.problems());
        }
        JsonNode object = ((Checked.Valid<JsonNode>) tree).value();
        if (object instanceof ObjectNode tenant && !tenant.has("id")) {
            tenant.put("id", pathId);
        }
        ObjectNode wrapped = MAPPER.createObjectNode();
        wrapped.putArray("tenants").add(object);
        List<DocumentProblem> problems = validate(wrapped, "/tenants/0");
        if (!problems.isEmpty()) {
            return Checked.invalid(problems);
        }
        TenantSpec spec = spec(object);
        if (!spec.id().value().equals(pathId)) {
            return Checked.invalid(List.of(new DocumentProblem("/id", "id '" + spec.id()
                    + "' differs from the tenant id '" + pathId + "' in the path")));
        }
        List<TenantSpec> all = new ArrayList<>(current.without(spec.id()).tenants());
        List<String> bases = new ArrayList<>(all.stream().map(t -> "(tenant " + t.id() + ")").toList());
        all.add(spec);
        bases.add("");
        problems = TenantRules.check(all, bases, topicNames);
        return problems.isEmpty() ? Checked.valid(spec) : Checked.invalid(problems);
    }

    private Checked<JsonNode> parse(byte[] json) {
        if (json.length > maxBytes) {
            return Checked.invalid(List.of(new DocumentProblem("", "document is " + json.length
                    + " bytes, over the limit of " + maxBytes + " bytes")));
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                return Checked.invalid(List.of(new DocumentProblem("", "document is empty")));
            }
            Optional<DocumentProblem> hazard = JsonHazards.find(root);
            return hazard.isPresent() ? Checked.invalid(List.of(hazard.get())) : Checked.valid(root);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Checked.invalid(List.of(new DocumentProblem("", "malformed JSON" + where + ": "
                    + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array failed", e);
        }
    }

    /** Schema errors; pointers that start with {@code strip} lose that prefix. */
    private List<DocumentProblem> validate(JsonNode root, String strip) {
        List<DocumentProblem> problems = new ArrayList<>();
        List<Error> errors;
        try {
            errors = schema.validate(root);
        } catch (RuntimeException | StackOverflowError e) {
            // The validator walks the tree recursively and reads numbers back as text: input it cannot check is
            // refused as input (400), never reported as a fault of the gateway (500).
            return List.of(new DocumentProblem("", "the document cannot be checked against the schema: " + e));
        }
        for (Error error : errors) {
            String pointer = JsonPointers.of(error.getInstanceLocation());
            if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
                pointer = pointer + "/" + JsonPointers.escape(error.getProperty());
            }
            if (!strip.isEmpty() && pointer.startsWith(strip)) {
                pointer = pointer.substring(strip.length());
            }
            problems.add(new DocumentProblem(pointer, error.getMessage()));
        }
        return problems;
    }

    private static TenantSpec spec(JsonNode tenant) {
        List<String> namespaces = new ArrayList<>();
        tenant.get("namespaces").forEach(n -> namespaces.add(n.textValue()));
        Map<Role, List<String>> roles = new EnumMap<>(Role.class);
        JsonNode roleNode = tenant.get("roles");
        for (Role role : Role.values()) {
            List<String> subjects = new ArrayList<>();
            roleNode.path(role.key()).forEach(s -> subjects.add(s.textValue()));
            roles.put(role, subjects);
        }
        JsonNode topics = tenant.path("topics");
        JsonNode ditto = tenant.get("ditto");
        return new TenantSpec(TenantId.of(tenant.get("id").textValue()), namespaces,
                Optional.ofNullable(tenant.get("codec")).map(c -> CodecKind.parse(c.textValue())),
                new TenantTopics(text(topics, "telemetry"), text(topics, "deadLetter"), text(topics, "twinEvents"),
                        text(topics, "commands")),
                roles,
                ditto == null ? Optional.empty() : Optional.of(new TenantCredential(ditto.get("username").textValue(),
                        ditto.get("passwordEnv").textValue())));
    }

    private static Optional<String> text(JsonNode parent, String field) {
        return Optional.ofNullable(parent.get(field)).map(JsonNode::textValue);
    }

    private static Schema loadSchema() {
        try (InputStream in = TenantDocumentReader.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + SCHEMA_RESOURCE + " is missing");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }
}
