package io.twinbridge.gateway.health;

import java.time.Duration;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import io.vertx.core.Context;
import io.vertx.core.Future;

/** Kafka answers when the admin client can describe the cluster within the timeout. */
public final class KafkaCheck implements DependencyCheck {
    private final Admin admin;
    private final Duration timeout;
    private final Context context;

    public KafkaCheck(Admin admin, Duration timeout, Context context) {
        this.admin = admin;
        this.timeout = timeout;
        this.context = context;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Future<Void> check() {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
        // describeCluster is asynchronous; its result is handed back to the caller's context, never awaited here.
        return Future.fromCompletionStage(admin.describeCluster(options).nodes().toCompletionStage(), context)
                .compose(nodes -> nodes.isEmpty()
                        ? Future.failedFuture("the cluster reports no brokers")
                        : Future.succeededFuture());
    }
}
