package io.twinbridge.gateway.tenant;

import static io.twinbridge.gateway.tenant.TenantDocs.problems;
import static io.twinbridge.gateway.tenant.TenantDocs.reader;
import static io.twinbridge.gateway.tenant.TenantDocs.tenant;
import static io.twinbridge.gateway.tenant.TenantDocs.utf8;
import static io.twinbridge.gateway.tenant.TenantDocs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.tenant.document.DocumentProblem;
import io.twinbridge.gateway.tenant.document.Role;
import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.document.TenantDocumentReader;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantDocumentReaderTest {

    @Test
    void theShippedExampleHasAcmeAndGlobex() {
        TenantDocument doc = TenantDocs.example();
        assertEquals(List.of("acme", "globex"), doc.tenants().stream().map(t -> t.id().value()).toList());
        TenantSpec acme = doc.tenant(TenantId.of("acme")).orElseThrow();
        assertEquals("acme:tenant-policy", acme.policyId());
        assertEquals(List.of("nginx:acme-operator"), acme.subjects(Role.OPERATOR));
        assertEquals(new TenantSettings(TenantId.of("acme"), "acme", CodecKind.JSON, Optional.of("acme:tenant-policy")),
                acme.settings(CodecKind.JSON));
    }

    @Test
    void topicsAreDerivedFromThePrefixUnlessOverridden() {
        TenantSpec spec = valid(reader().readDocument(utf8("{'tenants':[{'id':'acme','namespaces':['acme'],"
                + "'topics':{'telemetry':'plant1.raw'},'roles':{}}]}"))).tenants().get(0);
        assertEquals("plant1.raw", spec.topics().resolve(new TopicNames("tb"), spec.id()).get("telemetry"));
        assertEquals("tb.dlq.acme", spec.topics().resolve(new TopicNames("tb"), spec.id()).get("deadLetter"));
    }

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                Arguments.of("malformed JSON", "{'tenants':[", "", "malformed JSON"),
                Arguments.of("duplicate member", "{'tenants':[],'tenants':[]}", "", "malformed JSON"),
                Arguments.of("not an object", "[1]", "", "object"),
                Arguments.of("duplicate tenant id", "{'tenants':[" + tenant("acme", "a", "nginx:v") + ","
                        + tenant("acme", "b", "nginx:v") + "]}", "/tenants/1/id", "duplicate tenant id 'acme'"),
                Arguments.of("namespace claimed twice", "{'tenants':[" + tenant("acme", "shared", "nginx:v") + ","
                        + tenant("globex", "shared", "nginx:w") + "]}", "/tenants/1/namespaces/0",
                        "namespace 'shared' is already claimed by tenant acme"),
                Arguments.of("topic claimed twice", "{'tenants':[" + tenant("acme", "a", "nginx:v") + ","
                        + "{'id':'globex','namespaces':['g'],'topics':{'telemetry':'twinbridge.telemetry.acme'},"
                        + "'roles':{}}]}", "/tenants/1/topics/telemetry", "already claimed by tenant acme"),
                Arguments.of("subject without issuer", "{'tenants':[" + tenant("acme", "a", "alice") + "]}",
                        "/tenants/0/roles/viewer/0", "pattern"),
                Arguments.of("subject with a space", "{'tenants':[" + tenant("acme", "a", "nginx:al ice") + "]}",
                        "/tenants/0/roles/viewer/0", "pattern"),
                Arguments.of("tenant id with path characters", "{'tenants':[" + tenant("../etc", "a", "nginx:v")
                        + "]}", "/tenants/0/id", "pattern"),
                Arguments.of("tenant id with a slash", "{'tenants':[" + tenant("acme/x", "a", "nginx:v") + "]}",
                        "/tenants/0/id", "pattern"),
                Arguments.of("namespace Ditto refuses", "{'tenants':[" + tenant("acme", "1acme", "nginx:v") + "]}",
                        "/tenants/0/namespaces/0", "pattern"),
                Arguments.of("missing roles", "{'tenants':[{'id':'acme','namespaces':['a']}]}",
                        "/tenants/0/roles", "roles"),
                Arguments.of("unknown role", "{'tenants':[{'id':'acme','namespaces':['a'],'roles':{'root':[]}}]}",
                        "/tenants/0/roles", "root"),
                Arguments.of("password in the document",
                        "{'tenants':[{'id':'acme','namespaces':['a'],'roles':{},'ditto':{'username':'u',"
                                + "'passwordEnv':'TENANT_A','password':'x'}}]}", "/tenants/0/ditto", "password"),
                Arguments.of("password variable outside TENANT_",
                        "{'tenants':[{'id':'acme','namespaces':['a'],'roles':{},'ditto':{'username':'u',"
                                + "'passwordEnv':'TWINBRIDGE_DITTO_PASSWORD'}}]}", "/tenants/0/ditto/passwordEnv",
                        "pattern"),
                Arguments.of("Ditto user claimed twice",
                        "{'tenants':[{'id':'acme','namespaces':['a'],'roles':{},'ditto':{'username':'u',"
                                + "'passwordEnv':'TENANT_A'}},{'id':'b','namespaces':['b'],'roles':{},'ditto':"
                                + "{'username':'u','passwordEnv':'TENANT_B'}}]}", "/tenants/1/ditto/username",
                        "Ditto user 'u' is already claimed by tenant acme"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void badDocumentsAreRefusedWithAPointer(String name, String json, String pointer, String messagePart) {
        List<DocumentProblem> problems = problems(reader().readDocument(utf8(json)));
        assertTrue(problems.stream().anyMatch(p -> p.pointer().equals(pointer) && p.message().contains(messagePart)),
                () -> name + ": expected a problem at '" + pointer + "' mentioning '" + messagePart + "', got "
                        + problems);
    }

    @Test
    void everySchemaErrorIsReportedNotJustTheFirst() {
        List<DocumentProblem> problems = problems(reader().readDocument(utf8("{'tenants':["
                + tenant("Acme", "a", "nginx:v") + "," + tenant("globex", "9", "bad") + "]}")));
        assertEquals(List.of("/tenants/0/id", "/tenants/1/namespaces/0", "/tenants/1/roles/viewer/0"),
                problems.stream().map(DocumentProblem::pointer).toList(), problems::toString);
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefusedBeforeParsing() {
        TenantDocumentReader small = new TenantDocumentReader(64, new TopicNames("twinbridge"));
        byte[] big = utf8("{'tenants':[" + tenant("acme", "acme", "nginx:v") + "]}");
        List<DocumentProblem> problems = problems(small.readDocument(big));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("over the limit of 64 bytes"), problems::toString);
    }

    @Test
    void oneTenantIsCheckedAgainstTheOthers() {
        TenantDocument current = TenantDocs.example();
        List<DocumentProblem> problems = problems(reader().readTenant(
                utf8("{'namespaces':['globex'],'roles':{}}"), "initech", current));
        assertEquals(List.of(new DocumentProblem("/namespaces/0",
                "namespace 'globex' is already claimed by tenant globex")), problems);
    }

    @Test
    void oneTenantMayReplaceItself() {
        TenantSpec spec = valid(reader().readTenant(utf8("{'namespaces':['acme','acme.plant2'],'roles':{}}"), "acme",
                TenantDocs.example()));
        assertEquals(List.of("acme", "acme.plant2"), spec.namespaces());
    }

    @Test
    void pointersOfOneTenantAreRelativeToIt() {
        List<DocumentProblem> problems = problems(reader().readTenant(utf8("{'namespaces':[],'roles':{}}"), "acme",
                TenantDocs.example()));
        assertEquals("/namespaces", problems.get(0).pointer(), problems::toString);
    }

    @Test
    void theIdInTheBodyMustMatchThePath() {
        List<DocumentProblem> problems = problems(reader().readTenant(utf8(tenant("acme", "acme", "nginx:v")),
                "globex", TenantDocs.example()));
        assertEquals("/id", problems.get(0).pointer());
    }

    @Test
    void aPathIdWithPathCharactersIsRefused() {
        List<DocumentProblem> problems = problems(reader().readTenant(utf8("{}"), "..%2F", TenantDocs.example()));
        assertTrue(problems.get(0).message().contains("invalid tenant id"), problems::toString);
    }
}
