package io.twinbridge.sandbox.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The arguments of the broker process the fault suite starts, kills and restarts. */
@Tag("flow")
class BrokerMainTest {
    @Test
    void parsesPortsDataDirAndPartitions() {
        EmbeddedKafka.Options options = BrokerMain.parse(new String[] {"--port", "19092", "--controller-port",
                "19093", "--data-dir", "/tmp/broker-x", "--partitions", "2"});

        assertEquals(19092, options.port());
        assertEquals(19093, options.controllerPort());
        assertEquals(Optional.of(Path.of("/tmp/broker-x")), options.dataDir());
        assertEquals(2, options.numPartitions());
    }

    @Test
    void aDataDirIsRequiredSoThatARestartFindsTheTopicsAgain() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerMain.parse(new String[] {"--port", "19092"}));
        assertTrue(e.getMessage().contains("--data-dir is required"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BrokerMain.parse(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class, () -> BrokerMain.parse(new String[] {"--nope", "1"}));
    }
}
