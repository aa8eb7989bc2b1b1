package io.twinbridge.gateway.codec.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach a Confluent-compatible schema registry (Confluent, Apicurio ccompat, Karapace, Redpanda).
 *
 * @param baseUrl        e.g. {@code http://registry:8081} or {@code http://apicurio:8080/apis/ccompat/v7}
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout time allowed for one whole request, from send to the end of the response
 * @param cacheSize      how many schema ids are kept, least recently used evicted first
 * @param auth           none, basic or bearer
 * @param unknownIdRetention how long an id the registry did not know is answered from memory as unknown, so that a
 *                       stream of records with a bad id does not become a stream of registry requests
 */
public record RegistryConfig(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int cacheSize,
                             RegistryAuth auth, Duration unknownIdRetention) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_CACHE_SIZE = 1000;
    public static final Duration DEFAULT_UNKNOWN_ID_RETENTION = Duration.ofSeconds(30);

    public RegistryConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(unknownIdRetention, "unknownIdRetention");
        if (unknownIdRetention.isNegative()) {
            throw new IllegalArgumentException("registry unknownIdRetention must not be negative");
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("registry url must be http or https: " + baseUrl);
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("registry cache size must be at least 1: " + cacheSize);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("registry timeouts must be positive");
        }
    }

    public static RegistryConfig of(URI baseUrl) {
        return new RegistryConfig(baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_CACHE_SIZE,
                RegistryAuth.none(), DEFAULT_UNKNOWN_ID_RETENTION);
    }

    public RegistryConfig withAuth(RegistryAuth newAuth) {
        return new RegistryConfig(baseUrl, connectTimeout, requestTimeout, cacheSize, newAuth, unknownIdRetention);
    }

    public RegistryConfig withCacheSize(int newSize) {
        return new RegistryConfig(baseUrl, connectTimeout, requestTimeout, newSize, auth, unknownIdRetention);
    }

    public RegistryConfig withTimeouts(Duration connect, Duration request) {
        return new RegistryConfig(baseUrl, connect, request, cacheSize, auth, unknownIdRetention);
    }

    public RegistryConfig withUnknownIdRetention(Duration retention) {
        return new RegistryConfig(baseUrl, connectTimeout, requestTimeout, cacheSize, auth, retention);
    }
}
