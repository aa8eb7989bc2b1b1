package io.twinbridge.gateway.tenant.document;

import io.twinbridge.gateway.tenant.TopicNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks across tenants that JSON Schema cannot make. Each claim (id, namespace, topic, Ditto user, password
 * variable) may belong to one tenant only; a second claim is reported at the later tenant's pointer, naming the first.
 */
final class TenantRules {
    private TenantRules() {
    }

    /**
     * @param tenants the tenants in document order
     * @param bases   the JSON pointer of each tenant's object, same order
     */
    static List<DocumentProblem> check(List<TenantSpec> tenants, List<String> bases, TopicNames topicNames) {
        List<DocumentProblem> problems = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        Map<String, String> namespaces = new HashMap<>();
        Map<String, String> topics = new HashMap<>();
        Map<String, String> users = new HashMap<>();
        Map<String, String> passwordEnvs = new HashMap<>();
        for (int i = 0; i < tenants.size(); i++) {
            TenantSpec tenant = tenants.get(i);
            String base = bases.get(i);
            String id = tenant.id().value();
            claim(ids, id, id, base + "/id", "tenant id", problems);
            for (int n = 0; n < tenant.namespaces().size(); n++) {
                claim(namespaces, tenant.namespaces().get(n), id, base + "/namespaces/" + n, "namespace", problems);
            }
            for (Map.Entry<String, String> topic : tenant.topics().resolve(topicNames, tenant.id()).entrySet()) {
                claim(topics, topic.getValue(), id, base + "/topics/" + topic.getKey(), "topic", problems);
            }
            tenant.ditto().ifPresent(credential -> {
                claim(users, credential.username(), id, base + "/ditto/username", "Ditto user", problems);
                claim(passwordEnvs, credential.passwordEnv(), id, base + "/ditto/passwordEnv", "password variable",
                        problems);
            });
        }
        return problems;
    }

    private static void claim(Map<String, String> owners, String value, String tenant, String pointer, String what,
                              List<DocumentProblem> problems) {
        String owner = owners.putIfAbsent(value, tenant);
        if (owner != null) {
            problems.add(new DocumentProblem(pointer, owner.equals(tenant) && what.equals("tenant id")
                    ? "duplicate tenant id '" + value + "'"
                    : what + " '" + value + "' is already claimed by tenant " + owner));
        }
    }
}
