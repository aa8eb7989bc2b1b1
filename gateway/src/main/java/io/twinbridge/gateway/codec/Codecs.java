package io.twinbridge.gateway.codec;

import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

import io.twinbridge.gateway.codec.registry.RegistryConfig;
import io.twinbridge.gateway.codec.registry.SchemaRegistryClient;

/**
 * Builds the codecs once from the loaded schemas and hands out the one a topic's config asks for. All codecs are
 * thread-safe and shared between topics; the Confluent one shares one schema cache.
 */
public final class Codecs {
    private final SingleObjectAvroCodec singleObject;
    private final Optional<ConfluentAvroCodec> confluent;
    private final JsonCodec json;
    private final SniffingCodec auto;

    public Codecs(SingleObjectAvroCodec singleObject, Optional<ConfluentAvroCodec> confluent, JsonCodec json) {
        this.singleObject = singleObject;
        this.confluent = confluent;
        this.json = json;
        this.auto = new SniffingCodec(singleObject, confluent.map(Codec.class::cast), json);
    }

    /**
     * @param avroSchemas the current telemetry record schemas (from the model registry)
     * @param jsonSchemas their JSON Schemas
     * @param registry    the schema registry, when the Confluent wire format is in use
     */
    public static Codecs create(List<Schema> avroSchemas, JsonSchemas jsonSchemas, Optional<RegistryConfig> registry) {
        return new Codecs(new SingleObjectAvroCodec(avroSchemas),
                registry.map(config -> new ConfluentAvroCodec(new SchemaRegistryClient(config), avroSchemas,
                        config.cacheSize(), config.unknownIdRetention(), System::nanoTime)),
                JsonCodec.of(jsonSchemas, avroSchemas));
    }

    /** The codec for a topic; fails at start when {@code confluent-avro} is asked for without a registry. */
    public Codec forKind(CodecKind kind) {
        return switch (kind) {
            case AVRO_SINGLE_OBJECT -> singleObject;
            case CONFLUENT_AVRO -> confluent.orElseThrow(() -> new IllegalStateException(
                    "codec confluent-avro needs a schema registry url"));
            case JSON -> json;
            case AUTO -> auto;
        };
    }

    /** Convenience for config values: {@code forKind(CodecKind.parse(name))}. */
    public Codec forName(String name) {
        return forKind(CodecKind.parse(name));
    }
}
