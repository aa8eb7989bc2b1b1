package io.twinbridge.launcher.bench;

import java.time.Duration;

/**
 * Options of {@code ./twinbridge bench faults}.
 *
 * @param duration      how long valid records keep flowing once the faults begin (after the warm-up, in which the
 *                      gateways catch up); every fault happens within it (at least 75 s)
 * @param rate          valid records per second
 * @param devices       simulated devices, spread over the four kinds
 * @param poison        bad records of the poison flood
 * @param freeze        how long the twin service stays stopped (SIGSTOP)
 * @param groupProtocol the gateways' {@code kafka.group-protocol}
 */
public record FaultsOptions(Duration duration, int rate, int devices, int poison, Duration freeze,
                            String groupProtocol) {
    static final Duration SHORTEST = Duration.ofSeconds(75);

    public FaultsOptions {
        if (duration.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("--duration-seconds must be at least " + SHORTEST.toSeconds()
                    + ": every fault happens while records flow");
        }
        if (rate < 1 || rate > 20_000 || devices < 4 || poison < 0 || freeze.isNegative()
                || freeze.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("--rate 1..20000, --devices >= 4, --poison >= 0, --freeze-seconds "
                    + "0..30");
        }
        if (!groupProtocol.equals("classic") && !groupProtocol.equals("consumer")) {
            throw new IllegalArgumentException("--group-protocol must be classic or consumer");
        }
    }

    public static FaultsOptions defaults() {
        return new FaultsOptions(Duration.ofSeconds(90), 1_000, 1_000, 1_000, Duration.ofSeconds(15), "classic");
    }
}
