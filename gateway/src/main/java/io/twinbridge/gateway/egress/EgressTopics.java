package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.tenant.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Egress's own topics per tenant, which the gateway creates itself when missing, because their configuration
 * matters and a broker's auto-creation would get it wrong: {@code <prefix>.egress-state.<tenant>} (the durable
 * position; compacted, one partition) and {@code <prefix>.egress-coord.<tenant>} (the election; one partition).
 */
final class EgressTopics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EgressTopics.class);
    private static final long TIMEOUT_S = 30;

    private final Properties clientProperties;
    private final String prefix;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private Admin admin;
    private boolean aborted;

    EgressTopics(Properties clientProperties, String prefix) {
        this.clientProperties = clientProperties;
        this.prefix = prefix;
    }

    String state(TenantId tenant) {
        return prefix + ".egress-state." + tenant.value();
    }

    String coordination(TenantId tenant) {
        return prefix + ".egress-coord." + tenant.value();
    }

    /** Creates the tenant's egress topics unless they exist (blocking). */
    void ensure(TenantId tenant) {
        if (!ensured.add(tenant.value())) {
            return;
        }
        List<NewTopic> topics = List.of(
                new NewTopic(state(tenant), Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(coordination(tenant), Optional.of(1), Optional.empty()));
        for (NewTopic topic : topics) {
            try {
                admin().createTopics(List.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
                LOG.info("created topic {} {}", topic.name(), topic.configs() == null ? "" : topic.configs());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    ensured.remove(tenant.value());
                    throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                ensured.remove(tenant.value());
                throw new IllegalStateException("creating topic " + topic.name() + " took longer than " + TIMEOUT_S
                        + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ensured.remove(tenant.value());
                throw new IllegalStateException("interrupted while creating " + topic.name(), e);
            }
        }
    }

    private synchronized Admin admin() {
        if (aborted) {
            throw new IllegalStateException("egress is stopping: its topics are no longer created");
        }
        if (admin == null) {
            admin = Admin.create(clientProperties);
        }
        return admin;
    }

    /**
     * Closes the admin client at once: a topic creation still waiting (up to {@value #TIMEOUT_S} s when Kafka is
     * down) fails now, so that a stopping gateway does not wait for it; later creations fail too.
     */
    synchronized void abort() {
        aborted = true;
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }

    @Override
    public void close() {
        abort();
    }
}
