package dev.bridge.analytics.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The periodic StatsD push over UDP ({@code export.statsd:}): off unless enabled. Immutable, thread-safe.
 *
 * @param enabled        whether a running engine pushes.
 * @param host           destination host (default {@code 127.0.0.1}).
 * @param port           destination UDP port (default 8125).
 * @param interval       time between pushes (default 10 s); each push sends what the interval added.
 * @param flavour        line dialect (default etsy).
 * @param maxPacketBytes the largest datagram sent (default 1432, a LAN MTU less headers); lines are never split.
 */
public record StatsdPushSettings(
    boolean enabled, String host, int port, Duration interval, StatsdFlavour flavour, int maxPacketBytes)
{
    /** The defaults: off, 127.0.0.1:8125, every 10 s, etsy, 1432-byte packets. */
    public static final StatsdPushSettings DEFAULT =
        new StatsdPushSettings(false, "127.0.0.1", 8125, Duration.ofSeconds(10), StatsdFlavour.ETSY, 1432);

    public StatsdPushSettings
    {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(flavour, "flavour");
        if (host.isBlank())
        {
            throw new InvalidSettingException("host must not be empty", "host");
        }
        if (port < 1 || port > 65535)
        {
            throw new InvalidSettingException("port must be in 1..65535, was " + port, "port");
        }
        if (interval.isZero() || interval.isNegative())
        {
            throw new InvalidSettingException("interval must be > 0, was " + Durations.format(interval), "interval");
        }
        if (maxPacketBytes < 64 || maxPacketBytes > 65507)
        {
            throw new InvalidSettingException("max_packet_bytes must be in 64..65507, was " + maxPacketBytes,
                "max_packet_bytes");
        }
    }

    /**
     * The {@code export.statsd:} section of a configuration file.
     *
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static StatsdPushSettings from(final ConfigDto.Statsd s, final Checks checks) throws ConfigException
    {
        checks.range("export.statsd.port", s.port);
        checks.range("export.statsd.interval", s.interval);
        checks.range("export.statsd.max_packet_bytes", s.maxPacketBytes);
        final StatsdPushSettings d = DEFAULT;
        return checks.build("export.statsd", () -> new StatsdPushSettings(
            s.enabled != null ? s.enabled : d.enabled(),
            s.host != null ? s.host : d.host(),
            s.port != null ? s.port : d.port(),
            s.interval != null ? s.interval : d.interval(),
            s.flavour != null ? s.flavour : d.flavour(),
            s.maxPacketBytes != null ? s.maxPacketBytes : d.maxPacketBytes()));
    }
}
