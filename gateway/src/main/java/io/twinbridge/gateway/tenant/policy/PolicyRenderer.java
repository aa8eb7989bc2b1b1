package io.twinbridge.gateway.tenant.policy;

import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.document.Role;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;

/**
 * Renders a tenant's roles into its one Ditto policy. Pure: the same tenant, models and subjects give byte-identical
 * JSON (entries in a fixed order, features and subjects sorted). Every policy is parsed with Ditto's policy model
 * before it is returned, so an invalid one never leaves this class.
 *
 * <p>Ditto policies have no wildcards, so the renderer lists every feature of every model for the roles that may
 * write a part of each feature. See docs/tenants.md for what each entry grants and why.
 */
public final class PolicyRenderer {
    public static final String GATEWAY_ENTRY = "GATEWAY";
    public static final String MANAGER_ENTRY = "POLICY-MANAGER";

    private static final List<String> READ = List.of("READ");
    private static final List<String> WRITE = List.of("WRITE");
    private static final List<String> READ_WRITE = List.of("READ", "WRITE");

    private final Set<String> features;
    private final GatewaySubjects gateway;

    public PolicyRenderer(ModelRegistry models, GatewaySubjects gateway) {
        this(allFeatures(models), gateway);
    }

    /** With an explicit feature set, for tests. */
    public PolicyRenderer(Set<String> features, GatewaySubjects gateway) {
        this.features = new TreeSet<>(features);
        this.gateway = gateway;
    }

    /** Feature ids of every model, sorted. */
    public static Set<String> allFeatures(ModelRegistry models) {
        Set<String> all = new TreeSet<>();
        models.kinds().forEach(kind -> all.addAll(models.features(kind)));
        return all;
    }

    /**
     * The tenant's policy.
     *
     * @throws IllegalArgumentException naming the reason if Ditto's policy model refuses the result
     */
    public TenantPolicy render(TenantSpec tenant) {
        JsonObjectBuilder entries = JsonFactory.newObjectBuilder();
        for (Role role : Role.values()) {
            List<String> subjects = tenant.subjects(role);
            if (!subjects.isEmpty()) {
                entries.set(role.name(), entry(subjects, "twinbridge-" + role.key(), resources(role)));
            }
        }
        // Ditto 3.9 checks that a thing's creator may READ the policy the new thing references (ThingEnforcerActor
        // retrieves it as the creator; PolicyCommandEnforcement needs partial READ on policy:/, else 404
        // policies:policy.notfound). READ on the gateway's own entry is the least that passes that check.
        entries.set(GATEWAY_ENTRY, entry(List.of(gateway.technicalSubject(tenant)), "twinbridge-gateway",
                Map.of("thing:/", READ_WRITE, "policy:/entries/" + GATEWAY_ENTRY, READ)));
        entries.set(MANAGER_ENTRY, entry(List.of(gateway.policyManager()), "twinbridge-policy-manager",
                Map.of("policy:/", READ_WRITE)));
        JsonObject policy = JsonFactory.newObjectBuilder()
                .set("policyId", tenant.policyId())
                .set("entries", entries.build())
                .build();
        try {
            PoliciesModelFactory.newPolicy(policy);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Ditto refuses the policy of tenant " + tenant.id() + ": "
                    + e.getMessage(), e);
        }
        return new TenantPolicy(tenant.policyId(), policy);
    }

    private Map<String, List<String>> resources(Role role) {
        Map<String, List<String>> resources = new TreeMap<>();
        switch (role) {
            case ADMIN -> {
                resources.put("thing:/", READ_WRITE);
                resources.put("message:/", READ_WRITE);
                // A tenant admin sees the policy and decides who holds each role, but cannot change what a role
                // grants nor touch GATEWAY and POLICY-MANAGER: WRITE on an entry's resources would let an admin grant
                // itself policy:/ and then delete the gateway's entries, and Ditto's lockout prevention only keeps
                // *some* writer of policy:/ (PoliciesValidator), which POLICY-MANAGER alone is.
                resources.put("policy:/", READ);
                for (Role each : Role.values()) {
                    resources.put("policy:/entries/" + each.name() + "/subjects", WRITE);
                }
            }
            case OPERATOR -> {
                resources.put("thing:/", READ);
                features.forEach(f -> resources.put(featurePath(f, "desiredProperties"), WRITE));
            }
            case VIEWER -> resources.put("thing:/", READ);
            // Devices report; they read nothing, so no device can read another device.
            case DEVICE -> features.forEach(f -> resources.put(featurePath(f, "properties"), WRITE));
            default -> throw new IllegalStateException("unknown role " + role);
        }
        return resources;
    }

    private static String featurePath(String feature, String part) {
        return "thing:/features/" + feature + "/" + part;
    }

    private static JsonObject entry(List<String> subjects, String type, Map<String, List<String>> resources) {
        JsonObjectBuilder subjectJson = JsonFactory.newObjectBuilder();
        new TreeSet<>(subjects).forEach(s -> subjectJson.set(s, JsonFactory.newObjectBuilder()
                .set("type", type).build()));
        JsonObjectBuilder resourceJson = JsonFactory.newObjectBuilder();
        new TreeMap<>(resources).forEach((path, grant) -> resourceJson.set(
                JsonKey.of(path), JsonFactory.newObjectBuilder()
                        .set("grant", array(grant))
                        .set("revoke", JsonFactory.newArray())
                        .build()));
        return JsonFactory.newObjectBuilder()
                .set("subjects", subjectJson.build())
                .set("resources", resourceJson.build())
                .build();
    }

    private static JsonArray array(List<String> values) {
        JsonArray array = JsonFactory.newArray();
        for (String v : values) {
            array = array.add(v);
        }
        return array;
    }
}
