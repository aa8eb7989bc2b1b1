package io.twinbridge.sandbox.fleet;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Generates the telemetry of a simulated fleet: every device of every tenant takes one sample per round, and each
 * round advances simulated time by the sample interval. Pure and deterministic for a given {@link FleetOptions}
 * (seed included); it never touches Kafka: {@link FleetProducer} sends what it generates.
 */
public final class FleetSimulator {
    private final FleetOptions options;

    public FleetSimulator(FleetOptions options) {
        this.options = options;
    }

    public FleetOptions options() {
        return options;
    }

    /** Number of devices: tenants x kinds x devices per kind. One round yields one record per device. */
    public int deviceCount() {
        return options.tenants().size() * options.kinds().size() * options.devicesPerKind();
    }

    /** An endless, fresh sequence of records; every call starts again from the first round. */
    public Iterator<SimRecord> records() {
        return new Generator(options);
    }

    /** {@link #records()} as an endless stream; bound it with {@code limit}. */
    public Stream<SimRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(records(), Spliterator.ORDERED
                | Spliterator.NONNULL), false);
    }

    private record Device(String tenant, DeviceSimulation simulation) {
    }

    /**
     * Which devices have incidents: one turbine per tenant and one HVAC unit of the fleet, drawn from a random of
     * their own, so that the other devices' records stay exactly as without incidents.
     */
    private static final class Incidents {
        private final AssetIncidents incidents;
        private final int tenants;
        private final int[] turbineOfTenant;
        private final int hvacTenant;
        private final int hvacIndex;

        Incidents(FleetOptions options) {
            this.incidents = options.incidents();
            this.tenants = options.tenants().size();
            Random random = new Random(options.seed() ^ 0x1DC1DE47L);
            this.turbineOfTenant = new int[tenants];
            for (int t = 0; t < tenants; t++) {
                turbineOfTenant[t] = 1 + random.nextInt(options.devicesPerKind());
            }
            this.hvacTenant = random.nextInt(tenants);
            this.hvacIndex = 1 + random.nextInt(options.devicesPerKind());
        }

        Optional<AssetIncidents.Window> of(int tenant, AssetKind kind, int index) {
            if (!incidents.enabled()) {
                return Optional.empty();
            }
            if (kind == AssetKind.TURBINE && index == turbineOfTenant[tenant]) {
                return Optional.of(incidents.turbineFaults(tenant, tenants));
            }
            if (kind == AssetKind.HVAC && tenant == hvacTenant && index == hvacIndex) {
                return Optional.of(incidents.filterReplacement());
            }
            return Optional.empty();
        }
    }

    private static final class Generator implements Iterator<SimRecord> {
        private final FleetOptions options;
        private final List<Device> devices = new ArrayList<>();
        private final List<FaultKind> faults;
        private final TelemetryEncoder encoder;
        private final FaultInjector injector;
        private final Random faultRandom;
        private final double dtSeconds;
        private long round;
        private int next;

        Generator(FleetOptions options) {
            this.options = options;
            this.faults = options.faultKinds().stream().sorted().toList();
            this.encoder = TelemetryEncoder.of(options.encoding(), options.confluentIds());
            this.faultRandom = new Random(options.seed() ^ 0x5DEECE66DL);
            this.injector = new FaultInjector(options.encoding(), encoder, options.tenants(), faultRandom);
            this.dtSeconds = options.sampleInterval().toNanos() / 1e9;
            Map<AssetKind, Schema> schemas = new EnumMap<>(AssetKind.class);
            List<AssetKind> kinds = options.kinds().stream().sorted().toList();
            kinds.forEach(kind -> schemas.put(kind, kind.loadSchema()));
            long deviceSeed = options.seed();
            Incidents incidents = new Incidents(options);
            for (int t = 0; t < options.tenants().size(); t++) {
                String tenant = options.tenants().get(t);
                for (AssetKind kind : kinds) {
                    for (int i = 1; i <= options.devicesPerKind(); i++) {
                        long seed = deviceSeed++;
                        Random random = new Random(seed * 0x9E3779B97F4A7C15L);
                        devices.add(new Device(tenant, create(kind, schemas.get(kind), kind.deviceId(i), random, i,
                                incidents.of(t, kind, i), seed)));
                    }
                }
            }
        }

        private DeviceSimulation create(AssetKind kind, Schema schema, String id, Random random, int index,
                                        Optional<AssetIncidents.Window> incidents, long seed) {
            long start = options.start().toEpochMilli();
            return switch (kind) {
                case TURBINE -> new TurbineSimulation(schema, id, random, incidents, start, seed);
                case ROBOT -> new RobotSimulation(schema, id, random);
                case HVAC -> new HvacSimulation(schema, id, random, incidents, start);
                case VEHICLE -> new VehicleSimulation(schema, id, random, index % 2 == 0);
            };
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public SimRecord next() {
            Device device = devices.get(next);
            long timestamp = options.start().toEpochMilli() + options.sampleInterval().toMillis() * round;
            if (++next == devices.size()) {
                next = 0;
                round++;
            }
            DeviceSimulation sim = device.simulation();
            GenericRecord sample = sim.next(timestamp, dtSeconds);
            String topic = options.topic(device.tenant());
            if (faultRandom.nextDouble() < options.badRecordShare()) {
                FaultKind fault = faults.get(faultRandom.nextInt(faults.size()));
                FaultInjector.Spoiled spoiled = injector.spoil(fault, device.tenant(), sim.kind(), sample);
                return new SimRecord(device.tenant(), topic, spoiled.deviceId(), spoiled.value(), sim.kind(), sample,
                        Optional.of(fault));
            }
            return new SimRecord(device.tenant(), topic, sim.deviceId(), encoder.encode(sample), sim.kind(), sample,
                    Optional.empty());
        }
    }
}
