package dev.bridge.analytics.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Which catalog gauges the engine samples its own resource use into ({@code engine.resource_gauges}), every
 * {@code engine.resource_sampling_interval}. Each entry names a label-less gauge of the catalog, or is null: that
 * resource is not sampled. Immutable, thread-safe.
 *
 * @param heapMb    heap in use, in megabytes (2^20 bytes), e.g. {@code memory_usage_mb}.
 * @param threads   live JVM threads, e.g. {@code process_count}.
 * @param offHeapMb off-heap use (the store and the direct buffers), in megabytes, e.g. {@code ets_memory_mb}.
 */
public record ResourceGauges(String heapMb, String threads, String offHeapMb)
{
    /** Nothing sampled: the default for any catalog. */
    public static final ResourceGauges NONE = new ResourceGauges(null, null, null);

    /** The YAML keys, in the order of {@link #slots()}. */
    public static final List<String> KEYS = List.of("heap_mb", "threads", "off_heap_mb");

    /** @return the three entries in the sampler's order (heap, threads, off-heap), null where not sampled. */
    public List<String> slots()
    {
        return Collections.unmodifiableList(Arrays.asList(heapMb, threads, offHeapMb));
    }

    /** @return the metric names sampled, in the sampler's order, without the unsampled ones. */
    public List<String> names()
    {
        final List<String> names = new ArrayList<>(3);
        for (final String name : slots())
        {
            if (name != null)
            {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * {@code engine.resource_gauges} of a configuration file: each name given must be a label-less gauge of the
     * catalog.
     *
     * @throws ConfigException at the first name that is not.
     */
    static ResourceGauges from(final ConfigDto.ResourceGaugeNames r, final Checks checks,
        final Map<String, MetricDefinition> catalog) throws ConfigException
    {
        final List<String> names = Arrays.asList(r.heapMb, r.threads, r.offHeapMb);
        for (int i = 0; i < names.size(); i++)
        {
            final String name = names.get(i);
            if (name == null)
            {
                continue;
            }
            final String field = "engine.resource_gauges." + KEYS.get(i);
            final MetricDefinition m = checks.metric(field, name, catalog);
            if (m.type() != MetricType.GAUGE || !m.labels().isEmpty())
            {
                throw checks.atValue(field, "metric '" + name + "' must be a gauge without labels; it is a " +
                    ConfigDeserializers.spelling(m.type()) + (m.labels().isEmpty() ? "" : " with labels " + m.labels()));
            }
        }
        return new ResourceGauges(r.heapMb, r.threads, r.offHeapMb);
    }
}
