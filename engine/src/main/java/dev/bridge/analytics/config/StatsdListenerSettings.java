package dev.bridge.analytics.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The StatsD/DogStatsD listener of the ingest adapters ({@code statsd:}): where it listens, how it sizes its socket,
 * how names map to catalog metrics. Immutable, thread-safe.
 *
 * @param enabled            whether {@code bin/analytics serve} starts it (default true).
 * @param bind               address to listen on (default {@code 127.0.0.1}: this machine only).
 * @param port               UDP port (default 8125; 0 = any free one).
 * @param receiveBufferBytes {@code SO_RCVBUF} requested (default 8 MiB); the kernel caps it at
 *                           {@code net.core.rmem_max} and doubles it; the listener reports the effective size.
 * @param maxDatagramBytes   the largest datagram processed (default 8192, as the Datadog Agent); larger ones are
 *                           counted as oversized and skipped whole.
 * @param mappings           rules tried in order; the first whose {@code match} matches decides.
 * @param unmapped           what happens to a name no rule matches (default auto_register: recorded under the
 *                           catch-all metric of its type, as statsd_exporter accepts unmapped names; the catch-all
 *                           metrics must be in the catalog, which {@code bin/analytics serve} ensures).
 * @param autoRegister       the catch-all metrics of {@link StatsdUnmappedPolicy#AUTO_REGISTER}.
 * @param nameCacheEntries   distinct (name, type, tags) keys the listener remembers, resolved (default 65536);
 *                           past it, new keys are resolved on every line (slow path, still correct).
 */
public record StatsdListenerSettings(
    boolean enabled, String bind, int port, int receiveBufferBytes, int maxDatagramBytes,
    List<StatsdMapping> mappings, StatsdUnmappedPolicy unmapped, StatsdAutoRegister autoRegister, int nameCacheEntries)
{
    /** Largest UDP payload over IPv4. */
    public static final int MAX_UDP_PAYLOAD = 65507;

    /**
     * The defaults: on, 127.0.0.1:8125, 8 MiB buffer, 8 KiB datagrams, no mappings, unmapped names auto-registered
     * under {@link StatsdAutoRegister#DEFAULT}'s catch-all metrics.
     */
    public static final StatsdListenerSettings DEFAULT = new StatsdListenerSettings(true, "127.0.0.1", 8125,
        8 << 20, 8192, List.of(), StatsdUnmappedPolicy.AUTO_REGISTER, StatsdAutoRegister.DEFAULT, 65536);

    public StatsdListenerSettings
    {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(unmapped, "unmapped");
        Objects.requireNonNull(autoRegister, "autoRegister");
        mappings = List.copyOf(mappings);
        if (bind.isBlank())
        {
            throw new InvalidSettingException("bind must not be empty", "bind");
        }
        if (port < 0 || port > 65535)
        {
            throw new InvalidSettingException("port must be in 0..65535, was " + port, "port");
        }
        if (receiveBufferBytes < 4096)
        {
            throw new InvalidSettingException("receive_buffer_bytes must be >= 4096, was " + receiveBufferBytes,
                "receive_buffer_bytes");
        }
        if (maxDatagramBytes < 512 || maxDatagramBytes > MAX_UDP_PAYLOAD)
        {
            throw new InvalidSettingException(
                "max_datagram_bytes must be in 512.." + MAX_UDP_PAYLOAD + ", was " + maxDatagramBytes, "max_datagram_bytes");
        }
        if (nameCacheEntries < 16 || nameCacheEntries > 1 << 24)
        {
            throw new InvalidSettingException("name_cache_entries must be in 16..16777216, was " + nameCacheEntries,
                "name_cache_entries");
        }
    }

    /** @return these settings with another port (the command line's {@code --statsd-port}). */
    public StatsdListenerSettings withPort(final int newPort)
    {
        return new StatsdListenerSettings(enabled, bind, newPort, receiveBufferBytes, maxDatagramBytes, mappings,
            unmapped, autoRegister, nameCacheEntries);
    }

    /** @return these settings with other mapping rules. */
    public StatsdListenerSettings withMappings(final List<StatsdMapping> newMappings)
    {
        return new StatsdListenerSettings(enabled, bind, port, receiveBufferBytes, maxDatagramBytes, newMappings,
            unmapped, autoRegister, nameCacheEntries);
    }

    /** @return these settings with another unmapped-name policy. */
    public StatsdListenerSettings withUnmapped(final StatsdUnmappedPolicy newUnmapped)
    {
        return new StatsdListenerSettings(enabled, bind, port, receiveBufferBytes, maxDatagramBytes, mappings,
            newUnmapped, autoRegister, nameCacheEntries);
    }

    /** @return these settings with another largest datagram. */
    public StatsdListenerSettings withMaxDatagramBytes(final int newMax)
    {
        return new StatsdListenerSettings(enabled, bind, port, receiveBufferBytes, newMax, mappings, unmapped,
            autoRegister, nameCacheEntries);
    }

    /** @return these settings with another name cache size. */
    public StatsdListenerSettings withNameCacheEntries(final int entries)
    {
        return new StatsdListenerSettings(enabled, bind, port, receiveBufferBytes, maxDatagramBytes, mappings, unmapped,
            autoRegister, entries);
    }

    /**
     * The {@code statsd:} section of a configuration file, its mappings and auto-registered metrics checked against
     * the catalog.
     *
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static StatsdListenerSettings from(final ConfigDto.Listener s, final Checks checks,
        final Map<String, MetricDefinition> catalog) throws ConfigException
    {
        checks.range("statsd.port", s.port);
        checks.range("statsd.receive_buffer_bytes", s.receiveBufferBytes);
        checks.range("statsd.max_datagram_bytes", s.maxDatagramBytes);
        checks.range("statsd.name_cache_entries", s.nameCacheEntries);
        final StatsdListenerSettings d = DEFAULT;
        final List<StatsdMapping> mappings = new ArrayList<>();
        for (int i = 0; s.mappings != null && i < s.mappings.size(); i++)
        {
            mappings.add(StatsdMapping.from("statsd.mappings[" + i + "]", s.mappings.get(i), checks, catalog));
        }
        final StatsdUnmappedPolicy unmapped = s.unmapped != null ? s.unmapped : d.unmapped();
        final StatsdAutoRegister autoRegister = StatsdAutoRegister.from(s.autoRegister, unmapped, checks, catalog);
        return checks.build("statsd", () -> new StatsdListenerSettings(
            s.enabled != null ? s.enabled : d.enabled(),
            s.bind != null ? s.bind : d.bind(),
            s.port != null ? s.port : d.port(),
            s.receiveBufferBytes != null ? s.receiveBufferBytes : d.receiveBufferBytes(),
            s.maxDatagramBytes != null ? s.maxDatagramBytes : d.maxDatagramBytes(),
            mappings, unmapped, autoRegister,
            s.nameCacheEntries != null ? s.nameCacheEntries : d.nameCacheEntries()));
    }
}
