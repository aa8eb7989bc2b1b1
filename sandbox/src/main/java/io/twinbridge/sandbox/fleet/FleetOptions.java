package io.twinbridge.sandbox.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to simulate. Start from {@link #defaults()} and change what you need with the {@code with…} methods.
 *
 * @param seed            makes the whole record sequence reproducible
 * @param tenants         tenant ids; each gets {@code devicesPerKind} devices of every kind
 * @param devicesPerKind  devices per kind and tenant
 * @param kinds           which asset kinds to simulate
 * @param encoding        the wire encoding of the record values
 * @param topicPrefix     records go to {@code <topicPrefix>.telemetry.<tenant>}
 * @param start           simulated time of the first sample
 * @param sampleInterval  simulated time between two samples of one device
 * @param badRecordShare  share of records, 0 to 1, replaced by a bad one
 * @param faultKinds      which bad records to inject, chosen uniformly
 * @param confluentIds    schema id per schema full name, for the Confluent encoding (see {@link SchemaRegistration})
 * @param incidents       assets that fault for a while and recover (valid records, unlike the bad ones above)
 */
public record FleetOptions(long seed, List<String> tenants, int devicesPerKind, Set<AssetKind> kinds,
                           Encoding encoding, String topicPrefix, Instant start, Duration sampleInterval,
                           double badRecordShare, Set<FaultKind> faultKinds, Map<String, Integer> confluentIds,
                           AssetIncidents incidents) {

    public FleetOptions {
        tenants = List.copyOf(tenants);
        kinds = Set.copyOf(kinds);
        faultKinds = Set.copyOf(faultKinds);
        confluentIds = Map.copyOf(confluentIds);
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        Objects.requireNonNull(incidents, "incidents");
        if (tenants.isEmpty() || kinds.isEmpty() || devicesPerKind < 1) {
            throw new IllegalArgumentException("need at least one tenant, one kind and one device per kind");
        }
        if (sampleInterval.isZero() || sampleInterval.isNegative()) {
            throw new IllegalArgumentException("sampleInterval must be positive: " + sampleInterval);
        }
        if (!(badRecordShare >= 0 && badRecordShare <= 1)) {
            throw new IllegalArgumentException("badRecordShare must be within [0, 1]: " + badRecordShare);
        }
        if (badRecordShare > 0 && faultKinds.isEmpty()) {
            throw new IllegalArgumentException("badRecordShare > 0 needs at least one fault kind");
        }
        if (encoding == Encoding.CONFLUENT) {
            for (AssetKind kind : kinds) {
                if (!confluentIds.containsKey(kind.schemaFullName())) {
                    throw new IllegalArgumentException("confluent encoding needs a schema id for "
                            + kind.schemaFullName());
                }
            }
        }
    }

    /**
     * Two tenants, two devices of each kind, single-object Avro, one sample per device and second, no bad records
     * and no incidents.
     */
    public static FleetOptions defaults() {
        return new FleetOptions(42L, List.of("acme", "globex"), 2, EnumSet.allOf(AssetKind.class),
                Encoding.SINGLE_OBJECT, "twinbridge", Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(1),
                0.0, EnumSet.allOf(FaultKind.class), Map.of(), AssetIncidents.none());
    }

    public String topic(String tenant) {
        return topicPrefix + ".telemetry." + tenant;
    }

    public FleetOptions withSeed(long newSeed) {
        return new FleetOptions(newSeed, tenants, devicesPerKind, kinds, encoding, topicPrefix, start,
                sampleInterval, badRecordShare, faultKinds, confluentIds, incidents);
    }

    public FleetOptions withTenants(List<String> newTenants) {
        return new FleetOptions(seed, newTenants, devicesPerKind, kinds, encoding, topicPrefix, start,
                sampleInterval, badRecordShare, faultKinds, confluentIds, incidents);
    }

    public FleetOptions withDevicesPerKind(int n) {
        return new FleetOptions(seed, tenants, n, kinds, encoding, topicPrefix, start, sampleInterval,
                badRecordShare, faultKinds, confluentIds, incidents);
    }

    public FleetOptions withKinds(Set<AssetKind> newKinds) {
        return new FleetOptions(seed, tenants, devicesPerKind, newKinds, encoding, topicPrefix, start,
                sampleInterval, badRecordShare, faultKinds, confluentIds, incidents);
    }

    public FleetOptions withEncoding(Encoding newEncoding) {
        return new FleetOptions(seed, tenants, devicesPerKind, kinds, newEncoding, topicPrefix, start,
                sampleInterval, badRecordShare, faultKinds, confluentIds, incidents);
    }

    public FleetOptions withConfluentIds(Map<String, Integer> ids) {
        return new FleetOptions(seed, tenants, devicesPerKind, kinds, encoding, topicPrefix, start,
                sampleInterval, badRecordShare, faultKinds, ids, incidents);
    }

    public FleetOptions withTopicPrefix(String prefix) {
        return new FleetOptions(seed, tenants, devicesPerKind, kinds, encoding, prefix, start, sampleInterval,
                badRecordShare, faultKinds, confluentIds, incidents);
    }

    public FleetOptions withSampleInterval(Duration interval) {
        return new FleetOptions(seed, tenants, devicesPerKind, kinds, encoding, topicPrefix, start, interval,
                badRecordShare, faultKinds, confluentIds, incidents);
    }

    public FleetOptions withStart(Instant newStart) {
        return new FleetOptions(seed, tenants, devicesPerKind, kinds, encoding, topicPrefix, newStart,
                sampleInterval, badRecordShare, faultKinds, confluentIds, incidents);
    }

    public FleetOptions withFaults(double share, Set<FaultKind> kindsOfFault) {
        return new FleetOptions(seed, tenants, devicesPerKind, kinds, encoding, topicPrefix, start, sampleInterval,
                share, kindsOfFault, confluentIds, incidents);
    }

    public FleetOptions withIncidents(AssetIncidents newIncidents) {
        return new FleetOptions(seed, tenants, devicesPerKind, kinds, encoding, topicPrefix, start, sampleInterval,
                badRecordShare, faultKinds, confluentIds, newIncidents);
    }
}
