package io.twinbridge.gateway.codec;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.apache.avro.Schema;

import io.twinbridge.gateway.cache.BoundedLruCache;
import io.twinbridge.gateway.codec.registry.RegistryConfig;
import io.twinbridge.gateway.codec.registry.SchemaRegistryClient;
import io.twinbridge.gateway.result.Result;

/**
 * The Confluent wire format: magic byte {@code 0}, a 4-byte big-endian schema id, then the Avro binary body.
 *
 * <p>The writer schema comes from the registry by id and is cached (bounded, least recently used evicted). The reader
 * schema is the local schema with the writer's full name, and Avro schema resolution bridges the two, so records
 * written with an older or newer compatible schema still decode into the local shape. An id the registry does not
 * know (or whose record has no local schema) is remembered as unknown for a while; other failures, such as the
 * registry being down, are not remembered, so the next record asks again.
 * Concurrent misses for one id share a single registry request.
 *
 * <p>{@link #decode} blocks on a cache miss (bounded by the registry timeouts); {@link #decodeAsync} never blocks.
 */
public final class ConfluentAvroCodec implements Codec {
    public static final String NAME = "confluent-avro";
    static final byte MAGIC = 0;
    private static final int HEADER_LENGTH = 5;

    private final SchemaRegistryClient registry;
    private final Map<String, Schema> readersByName;
    private final BoundedLruCache<Integer, AvroBodyReader> cache;
    private final Map<Integer, CompletableFuture<Result<AvroBodyReader>>> inFlight = new ConcurrentHashMap<>();
    private final BoundedLruCache<Integer, UnknownId> recentlyUnknown;
    private final long unknownRetentionNanos;
    private final LongSupplier nanoClock;

    private record UnknownId(Result<AvroBodyReader> failure, long until) {
    }

    /**
     * @param registry      fetches writer schemas by id
     * @param readerSchemas the local record schemas, one per full name
     * @param cacheSize     how many schema ids to keep
     */
    public ConfluentAvroCodec(SchemaRegistryClient registry, Collection<Schema> readerSchemas, int cacheSize) {
        this(registry, readerSchemas, cacheSize, RegistryConfig.DEFAULT_UNKNOWN_ID_RETENTION, System::nanoTime);
    }

    /**
     * @param unknownRetention how long an id that came back unknown is answered as unknown without asking again
     * @param nanoClock        time source for that retention
     */
    public ConfluentAvroCodec(SchemaRegistryClient registry, Collection<Schema> readerSchemas, int cacheSize,
                              Duration unknownRetention, LongSupplier nanoClock) {
        this.registry = registry;
        this.unknownRetentionNanos = unknownRetention.toNanos();
        this.nanoClock = nanoClock;
        this.recentlyUnknown = new BoundedLruCache<>(cacheSize);
        this.readersByName = readerSchemas.stream()
                .collect(Collectors.toUnmodifiableMap(Schema::getFullName, Function.identity()));
        this.cache = new BoundedLruCache<>(cacheSize);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Number of schema ids currently cached. */
    public int cachedSchemaCount() {
        return cache.size();
    }

    @Override
    public Result<DecodedEvent> decode(byte[] value) {
        if (!hasHeader(value)) {
            return notConfluent();
        }
        int id = schemaId(value);
        Optional<AvroBodyReader> cached = cache.get(id);
        if (cached.isPresent()) {
            return cached.get().read(value, HEADER_LENGTH);
        }
        return readerFor(id).join().flatMap(reader -> reader.read(value, HEADER_LENGTH));
    }

    @Override
    public CompletionStage<Result<DecodedEvent>> decodeAsync(byte[] value) {
        if (!hasHeader(value)) {
            return CompletableFuture.completedFuture(notConfluent());
        }
        int id = schemaId(value);
        Optional<AvroBodyReader> cached = cache.get(id);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get().read(value, HEADER_LENGTH));
        }
        return readerFor(id).thenApply(result -> result.flatMap(reader -> reader.read(value, HEADER_LENGTH)));
    }

    private CompletableFuture<Result<AvroBodyReader>> readerFor(int id) {
        Optional<UnknownId> unknown = recentlyUnknown.get(id);
        if (unknown.isPresent() && nanoClock.getAsLong() - unknown.get().until() < 0) {
            return CompletableFuture.completedFuture(unknown.get().failure());
        }
        CompletableFuture<Result<AvroBodyReader>> mine = new CompletableFuture<>();
        CompletableFuture<Result<AvroBodyReader>> running = inFlight.putIfAbsent(id, mine);
        if (running != null) {
            return running;
        }
        registry.fetch(id).thenApply(schema -> schema.flatMap(this::bodyReader)).whenComplete((ready, error) -> {
            Result<AvroBodyReader> result = error == null ? ready
                    : DecodeErrors.unknownSchema("writer schema id " + id + " is unusable: " + error);
            if (result.isOk()) {
                cache.put(id, result.value());
            } else if (DecodeErrors.UNKNOWN_SCHEMA.equals(result.failure().code())) {
                recentlyUnknown.put(id, new UnknownId(result, nanoClock.getAsLong() + unknownRetentionNanos));
            }
            inFlight.remove(id, mine);
            mine.complete(result);
        });
        return mine;
    }

    private Result<AvroBodyReader> bodyReader(Schema writer) {
        Schema reader = readersByName.get(writer.getFullName());
        if (reader == null) {
            return DecodeErrors.unknownSchema("no local schema named " + writer.getFullName());
        }
        return AvroBodyReader.of(writer, reader);
    }

    private static boolean hasHeader(byte[] value) {
        return value.length >= HEADER_LENGTH && value[0] == MAGIC;
    }

    private static Result<DecodedEvent> notConfluent() {
        return DecodeErrors.malformed("not Confluent wire format: expected magic byte 0, a 4-byte id and a body");
    }

    private static int schemaId(byte[] value) {
        return (value[1] & 0xff) << 24 | (value[2] & 0xff) << 16 | (value[3] & 0xff) << 8 | (value[4] & 0xff);
    }
}
