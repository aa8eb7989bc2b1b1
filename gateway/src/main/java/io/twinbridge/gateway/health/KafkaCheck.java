package io.twinbridge.gateway.health;

import java.time.Duration;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import io.vertx.core.Context;
import io.vertx.core.Future;

/** Kafka answers when the admin client can describe the cluster within the timeout. */
public final class KafkaCheck extends DependencyCheck {
    private final Admin admin;
    private final Duration timeout;

    public KafkaCheck(Admin admin, Duration timeout, Context context) {
        super("kafka", context);
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    public Future<Void> check() {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
        // describeCluster is asynchronous; its result is handed back to the caller's context, never awaited here.
        return onContext(admin.describeCluster(options).nodes().toCompletionStage())
                .compose(nodes -> nodes.isEmpty()
                        ? Future.failedFuture("the cluster reports no brokers")
                        : Future.succeededFuture());
    }
}
