package io.twinbridge.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layers of docs/architecture.md ("Package layers"), held the way Kafka's build holds its import-control:
 * a new import that crosses a layer fails here, naming the class and the dependency.
 */
class ArchitectureTest {
    private static final String ROOT = "io.twinbridge.gateway";
    private static JavaClasses gateway;

    @BeforeAll
    static void importGateway() {
        gateway = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(gateway);
    }

    @Test
    void mappingModelAndCodecAreFreeOfKafkaVertxAndDittoClient() {
        noClasses().that().resideInAnyPackage(ROOT + ".mapping..", ROOT + ".model..", ROOT + ".codec..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "io.vertx..", "org.eclipse.ditto.client..")
                .check(gateway);
    }

    @Test
    void kafkaIsTransportOnly() {
        noClasses().that().resideInAPackage(ROOT + ".kafka..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".ingest..", ROOT + ".egress..",
                        ROOT + ".mapping..", ROOT + ".model..", ROOT + ".codec..", ROOT + ".tenant..",
                        ROOT + ".ditto..", ROOT + ".dashboard..", ROOT + ".http..", ROOT + ".metrics..",
                        ROOT + ".dlq..", ROOT + ".health..")
                .check(gateway);
    }

    @Test
    void nothingBelowTheCompositionRootDependsOnIt() {
        noClasses().that().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(gateway);
    }
}
