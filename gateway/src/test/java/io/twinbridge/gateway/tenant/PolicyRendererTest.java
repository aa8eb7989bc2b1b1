package io.twinbridge.gateway.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import io.twinbridge.gateway.tenant.policy.GatewaySubjects;
import io.twinbridge.gateway.tenant.policy.PolicyRenderer;
import io.twinbridge.gateway.tenant.policy.TenantPolicy;
import java.util.List;
import java.util.Set;
import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.auth.DittoAuthorizationContextType;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.policies.model.Permissions;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.ResourceKey;
import org.eclipse.ditto.policies.model.enforcers.Enforcer;
import org.eclipse.ditto.policies.model.enforcers.PolicyEnforcers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyRendererTest {
    private static ModelRegistry models;
    private static PolicyRenderer renderer;
    private static TenantSpec acme;
    private static Enforcer enforcer;

    @BeforeAll
    static void render() {
        models = ModelRegistry.fromClasspath();
        renderer = new PolicyRenderer(models, new GatewaySubjects("nginx", "ditto"));
        acme = TenantDocs.example().tenant(TenantId.of("acme")).orElseThrow();
        enforcer = PolicyEnforcers.defaultEvaluator(PoliciesModelFactory.newPolicy(renderer.render(acme).json()));
    }

    @Test
    void sameInputGivesByteIdenticalOutput() {
        String first = renderer.render(acme).json().toString();
        PolicyRenderer again = new PolicyRenderer(ModelRegistry.fromClasspath(), new GatewaySubjects("nginx", "ditto"));
        TenantSpec reread = TenantDocs.example().tenant(TenantId.of("acme")).orElseThrow();
        assertEquals(first, again.render(reread).json().toString());
    }

    @Test
    void subjectOrderInTheDocumentDoesNotChangeThePolicy() {
        TenantSpec ab = TenantDocs.valid(TenantDocs.reader().readTenant(TenantDocs.utf8(
                "{'namespaces':['acme'],'roles':{'viewer':['nginx:a','nginx:b']}}"), "acme",
                new io.twinbridge.gateway.tenant.document.TenantDocument(List.of())));
        TenantSpec ba = TenantDocs.valid(TenantDocs.reader().readTenant(TenantDocs.utf8(
                "{'namespaces':['acme'],'roles':{'viewer':['nginx:b','nginx:a']}}"), "acme",
                new io.twinbridge.gateway.tenant.document.TenantDocument(List.of())));
        assertEquals(renderer.render(ab).json().toString(), renderer.render(ba).json().toString());
    }

    @Test
    void onePolicyPerTenantInItsPrimaryNamespace() {
        TenantPolicy policy = renderer.render(acme);
        assertEquals("acme:tenant-policy", policy.policyId());
        assertEquals(List.of("ADMIN", "OPERATOR", "VIEWER", "DEVICE", "GATEWAY", "POLICY-MANAGER"),
                policy.json().getValue("entries").orElseThrow().asObject().getKeys().stream()
                        .map(Object::toString).toList());
    }

    @Test
    void rolesWithoutSubjectsGetNoEntry() {
        TenantSpec viewerOnly = TenantDocs.valid(TenantDocs.reader().readTenant(TenantDocs.utf8(
                TenantDocs.tenant("initech", "initech", "nginx:v")), "initech",
                new io.twinbridge.gateway.tenant.document.TenantDocument(List.of())));
        assertEquals(List.of("VIEWER", "GATEWAY", "POLICY-MANAGER"), renderer.render(viewerOnly).json()
                .getValue("entries").orElseThrow().asObject().getKeys().stream().map(Object::toString).toList());
    }

    @Test
    void operatorAndDeviceGetEveryFeatureOfEveryModel() {
        Set<String> features = PolicyRenderer.allFeatures(models);
        assertFalse(features.isEmpty());
        for (String kind : models.kinds()) {
            for (String feature : models.features(kind)) {
                assertTrue(may("nginx:acme-operator", "WRITE", "/features/" + feature + "/desiredProperties"));
                assertTrue(may("nginx:acme-device", "WRITE", "/features/" + feature + "/properties"));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} thing:{2} -> {3}")
    @CsvSource({
            "nginx:acme-admin,    WRITE, /,                                   true",
            "nginx:acme-admin,    READ,  /,                                   true",
            "nginx:acme-operator, READ,  /,                                   true",
            "nginx:acme-operator, WRITE, /attributes,                         false",
            "nginx:acme-operator, WRITE, /features/rotor/properties,          false",
            "nginx:acme-viewer,   READ,  /features/rotor/properties,          true",
            "nginx:acme-viewer,   WRITE, /features/rotor/desiredProperties,   false",
            "nginx:acme-device,   READ,  /features/rotor/properties,          false",
            "nginx:acme-device,   WRITE, /features/rotor/desiredProperties,   false",
            "nginx:acme-device,   WRITE, /attributes,                         false",
            "nginx:ditto,         WRITE, /,                                   true",
            "nginx:ditto,         READ,  /,                                   true",
            "nginx:globex-admin,  READ,  /,                                   false"
    })
    void eachRoleGetsWhatItNeeds(String subject, String permission, String path, boolean expected) {
        assertEquals(expected, may(subject, permission, path));
    }

    @Test
    void onlyThePolicyManagerMayWriteThePolicy() {
        for (String subject : List.of("nginx:acme-admin", "nginx:acme-operator", "nginx:acme-viewer",
                "nginx:acme-device")) {
            assertFalse(mayWritePolicy(enforcer, subject, "/"), subject);
        }
        assertTrue(mayWritePolicy(enforcer, "nginx:ditto", "/"));
    }

    /** Issue 11 item 4: a tenant admin decides who holds a role, but cannot lock the gateway out. */
    @Test
    void anAdminManagesRoleSubjectsButCannotTouchTheGatewaysEntriesOrWhatARoleGrants() {
        for (String role : List.of("ADMIN", "OPERATOR", "VIEWER", "DEVICE")) {
            assertTrue(mayWritePolicy(enforcer, "nginx:acme-admin", "/entries/" + role + "/subjects"), role);
            assertTrue(mayWritePolicy(enforcer, "nginx:acme-admin", "/entries/" + role + "/subjects/nginx:new"));
            assertFalse(mayWritePolicy(enforcer, "nginx:acme-admin", "/entries/" + role + "/resources"), role);
            assertFalse(mayWritePolicy(enforcer, "nginx:acme-admin", "/entries/" + role), role);
        }
        for (String entry : List.of(PolicyRenderer.GATEWAY_ENTRY, PolicyRenderer.MANAGER_ENTRY)) {
            assertFalse(mayWritePolicy(enforcer, "nginx:acme-admin", "/entries/" + entry), entry);
            assertFalse(mayWritePolicy(enforcer, "nginx:acme-admin", "/entries/" + entry + "/subjects"), entry);
        }
        assertFalse(mayWritePolicy(enforcer, "nginx:acme-admin", "/entries/NEW"), "no new entries either");
        assertTrue(enforcer.hasPartialPermissions(ResourceKey.newInstance("policy", JsonPointer.empty()),
                context("nginx:acme-admin"), Permissions.newInstance("READ")), "an admin still sees the policy");
    }

    /**
     * Issue 11 item 3: Ditto 3.9 lets a thing's creator reference a policy only if it may READ (part of) it
     * (ThingEnforcerActor, PolicyCommandEnforcement), so a tenant's own Ditto user needs READ on the policy.
     */
    @Test
    void theTechnicalSubjectMayReadThePolicyItsNewThingsReference() {
        Enforcer e = withOwnUser();
        assertTrue(e.hasPartialPermissions(ResourceKey.newInstance("policy", JsonPointer.empty()),
                context("nginx:acme-gw"), Permissions.newInstance("READ")));
        assertFalse(mayWritePolicy(e, "nginx:acme-gw", "/entries/GATEWAY"), "it cannot change its own entry");
    }

    /** The policy of tenant acme whose things are written by its own Ditto user {@code acme-gw}. */
    private static Enforcer withOwnUser() {
        TenantSpec own = TenantDocs.valid(TenantDocs.reader().readTenant(TenantDocs.utf8(
                "{'namespaces':['acme'],'roles':{},'ditto':{'username':'acme-gw','passwordEnv':'TENANT_ACME'}}"),
                "acme", new io.twinbridge.gateway.tenant.document.TenantDocument(List.of())));
        return PolicyEnforcers.defaultEvaluator(PoliciesModelFactory.newPolicy(renderer.render(own).json()));
    }

    private static boolean mayWritePolicy(Enforcer e, String subject, String path) {
        return e.hasUnrestrictedPermissions(ResourceKey.newInstance("policy", JsonPointer.of(path)),
                context(subject), Permissions.newInstance("WRITE"));
    }

    @Test
    void aTenantCredentialMovesThingAccessToItsOwnUser() {
        Enforcer e = withOwnUser();
        ResourceKey thing = ResourceKey.newInstance("thing", JsonPointer.empty());
        assertTrue(e.hasUnrestrictedPermissions(thing, context("nginx:acme-gw"), Permissions.newInstance("WRITE")));
        // the gateway's shared user keeps the policy up to date, but can no longer touch the twins
        assertFalse(e.hasPartialPermissions(thing, context("nginx:ditto"), Permissions.newInstance("READ")));
    }

    private static boolean may(String subject, String permission, String path) {
        ResourceKey key = ResourceKey.newInstance("thing", JsonPointer.of(path));
        return permission.equals("READ")
                ? enforcer.hasPartialPermissions(key, context(subject), Permissions.newInstance("READ"))
                : enforcer.hasUnrestrictedPermissions(key, context(subject), Permissions.newInstance("WRITE"));
    }

    private static AuthorizationContext context(String subject) {
        return AuthorizationContext.newInstance(DittoAuthorizationContextType.UNSPECIFIED,
                AuthorizationSubject.newInstance(subject));
    }
}
