package io.twinbridge.gateway.egress;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twinbridge.gateway.testkit.SharedKafka;
import io.twinbridge.gateway.testkit.TestTopics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The election of the active egress instance of a tenant, on its own. */
class EgressElectionTest {
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    /**
     * Becoming active fails once (say the position topic cannot be read): the instance gives the tenant up and takes
     * part again, instead of leaving the tenant without egress until it is restarted.
     */
    @Test
    void anInstanceWhoseActivationFailedTakesPartAgain() throws Exception {
        String topic = "election.egress-coord.acme";
        TestTopics.of(KAFKA.cluster()).create(Map.of(topic, 1));
        AtomicInteger elected = new AtomicInteger();
        AtomicInteger deposed = new AtomicInteger();
        EgressElection election = new EgressElection("acme", KAFKA.cluster().clientProperties(), "election-acme",
                topic, Duration.ofSeconds(6), new EgressElection.Listener() {
                    @Override
                    public void elected() {
                        if (elected.incrementAndGet() == 1) {
                            throw new IllegalStateException("cannot read the position (test)");
                        }
                    }

                    @Override
                    public void deposed() {
                        deposed.incrementAndGet();
                    }

                    @Override
                    public void standingBy() {
                    }
                });
        election.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> elected.get() == 2);
            assertEquals(1, deposed.get(), "the failed activation was undone once");
        } finally {
            election.stop(Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
        }
        assertEquals(2, deposed.get(), "stopping deposes the active instance");
    }
}
