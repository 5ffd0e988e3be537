package dev.bridge.analytics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bridge.analytics.query.Stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link BenchResult}: the dashboard-style text summary for stdout, and the JSON document of
 * {@code --json}. Stateless; thread-safe.
 */
public final class BenchReport
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport()
    {
    }

    /** @return the text summary (several lines, ending with the verdict). */
    public static String text(final BenchResult result)
    {
        final RunSettings s = result.settings();
        final LoadResult load = result.load();
        final DashboardFigures d = load.dashboard();
        final StringBuilder out = new StringBuilder();
        line(out, "== Bridge Analytics load run ==");
        line(out, "Run           %d producer(s), %.2f s timed + %,d warm-up events; wait %s, rings %,d per thread " +
                "(at most %d) + %,d shared, %s, %s",
            s.producers(), load.windowSeconds(), load.warmUpEvents(), lower(s.engine().waitStrategy()),
            s.engine().producerRingSize(), s.engine().maxProducerThreads(), s.engine().ringSize(),
            lower(s.engine().overflowPolicy()),
            lower(s.engine().pipelineThreading()));
        line(out, "Machine       JDK %s, %d cpus; config %s; store %s%s", s.jdk(), s.cpus(), s.configSource(),
            s.store(), s.storeKept() ? " (kept)" : " (temporary)");
        line(out, "");
        line(out, "Operations    reads %,.0f/s   writes %,.0f/s   deletes %,.0f/s   total %,d ops in %.2f s",
            d.rate("variable_read"), d.rate("variable_write"), d.rate("variable_delete"), d.operations(), d.runSeconds());
        boolean first = true;
        for (final Map.Entry<String, Stats> e : d.latencies().entrySet())
        {
            final Stats st = e.getValue();
            final Long[] p = d.percentiles().getOrDefault(e.getKey(), new Long[3]);
            line(out, "%-13s %-24s count %,12d  mean %,10.1f  p50 %,8d  p95 %,9d  p99 %,9d  min %,6d  max %,10d",
                first ? "Performance" : "", e.getKey(), st.count(), orZero(st.mean()), orZero(p[0]), orZero(p[1]),
                orZero(p[2]), orZero(st.min()), orZero(st.max()));
            first = false;
        }
        line(out, "Cache         hit rate %s   hits %,d   misses %,d   evictions %,d",
            percent(d.cacheHitRate()), d.total("cache_hit"), d.total("cache_miss"), d.total("cache_eviction"));
        final Stats duration = d.latencies().get("optimization_duration_ms");
        line(out, "Optimisations started %,d   completed %,d   failed %,d   success %s   avg duration %s ms   last improvement %s bp",
            d.total("optimization_started"), d.total("optimization_completed"), d.total("optimization_failed"),
            percent(d.optimisationSuccessRate()),
            duration == null || duration.mean() == null ? "-" : String.format("%,.0f", duration.mean()),
            d.lastImprovement() == null ? "-" : d.lastImprovement());
        line(out, "Health        errors %,d (operation %,d, grpc %,d, timeout %,d; %s of operations)   active sessions %s",
            d.errors(), d.total("operation_error"), d.total("grpc_error"), d.total("timeout_error"),
            percent(d.errorRate()), d.activeSessions() == null ? "-" : d.activeSessions());
        line(out, "");
        line(out, "Throughput    %,.0f events/s aggregated end to end (%,d events in %.3f s, publish to flush)",
            load.throughput(), load.aggregatedInWindow(), load.windowSeconds());
        final RecordCost rc = load.recordNs();
        line(out, "Record cost   ns  p50 %,d  p90 %,d  p99 %,d  p99.9 %,d  max %,d   (%,d samples, 1 in %d calls, minus %d ns of nanoTime)",
            rc.p50(), rc.p90(), rc.p99(), rc.p999(), rc.max(), rc.samples(), ProducerTask.TIMING_MASK + 1, rc.timerOverheadNs());
        line(out, "Allocation    producers %.3f B/event (%,d B)   handler %.3f B/event (%,d B)",
            load.producerBytesPerEvent(), load.producerAllocatedBytes(), load.handlerBytesPerEvent(),
            load.handlerAllocatedBytes());
        out.append(peerLines(result));
        final EngineCounts c = load.counts();
        line(out, "Accounting    published %,d   aggregated %,d   rejected %,d   dropped %,d   lost %,d",
            c.published(), c.aggregated(), c.rejected(), c.dropped(), c.lost());
        line(out, "");
        for (final Verification.Mismatch m : load.verification().mismatches())
        {
            line(out, "  mismatch    %s", m);
        }
        line(out, "%s", result.verdict());
        return out.toString();
    }

    /**
     * @return the peer and CPU lines of the text summary: the peer's throughput and the ratio, CPU per event of both
     *     sides, and the peer's check (with one line per mismatched series).
     */
    static String peerLines(final BenchResult result)
    {
        final LoadResult load = result.load();
        final PeerRun.Result peer = result.peer();
        final StringBuilder out = new StringBuilder();
        if (peer == null)
        {
            line(out, "Peer          skipped (--no-baseline)");
            line(out, "CPU per event engine %,.1f ns (producers %,.1f + engine threads %,.1f)",
                load.cpuNsPerEvent(), perEvent(load.producerCpuNs(), load.timedEvents()),
                perEvent(load.engineThreadCpuNs(), load.timedEvents()));
            return out.toString();
        }
        line(out, "Peer          Prometheus client_java, same producers and events: %,.0f events/s (%,d events in %.3f s)   engine/peer %.3f",
            peer.eventsPerSecond(), peer.events(), peer.seconds(), result.ratioToPeer());
        final Double cpuRatio = result.cpuRatioToPeer();
        line(out, "CPU per event engine %,.1f ns (producers %,.1f + engine threads %,.1f)   peer %,.1f ns   engine/peer %s",
            load.cpuNsPerEvent(), perEvent(load.producerCpuNs(), load.timedEvents()),
            perEvent(load.engineThreadCpuNs(), load.timedEvents()), peer.cpuNsPerEvent(),
            cpuRatio == null ? "-" : String.format("%.3f", cpuRatio));
        final PeerVerification v = peer.verification();
        if (v.passed())
        {
            line(out, "Peer check    NO LOSS: %d series hold what was sent", v.verifiedSeries());
        }
        else
        {
            line(out, "Peer check    MISMATCH: %d of %d series do not hold what was sent (the peer figures are not valid)",
                v.mismatches().size(), v.verifiedSeries() + v.mismatches().size());
            for (final String m : v.mismatches())
            {
                line(out, "  peer mismatch %s", m);
            }
        }
        return out.toString();
    }

    private static double perEvent(final long ns, final long events)
    {
        return events == 0 ? 0 : (double)ns / events;
    }

    /** @return the JSON document as a tree of maps (field names as documented in docs/load-run.md). */
    public static Map<String, Object> json(final BenchResult result)
    {
        final RunSettings s = result.settings();
        final LoadResult load = result.load();
        final EngineCounts c = load.counts();
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("producers", s.producers());
        json.put("duration_s", load.windowSeconds());
        json.put("run_s", load.runSeconds());
        json.put("warmup_events", load.warmUpEvents());
        json.put("timed_events", load.timedEvents());
        json.put("wait_strategy", lower(s.engine().waitStrategy()));
        json.put("ring_size", s.engine().ringSize());
        json.put("producer_ring_size", s.engine().producerRingSize());
        json.put("max_producer_threads", s.engine().maxProducerThreads());
        json.put("overflow_policy", lower(s.engine().overflowPolicy()));
        json.put("pipeline_threading", lower(s.engine().pipelineThreading()));
        json.put("config", s.configSource());
        json.put("store", s.store());
        json.put("store_kept", s.storeKept());
        json.put("jdk", s.jdk());
        json.put("cpus", s.cpus());
        json.put("events_published", c.published());
        json.put("events_aggregated", c.aggregated());
        json.put("events_dropped", c.dropped());
        json.put("events_rejected", c.rejected());
        json.put("lost", c.lost());
        json.put("verified_series", load.verification().verifiedSeries());
        json.put("mismatched_series", load.verification().mismatches().size());
        json.put("mismatches", load.verification().mismatches().stream().map(BenchReport::mismatch).toList());
        json.put("throughput_eps", load.throughput());
        final RecordCost rc = load.recordNs();
        final Map<String, Object> record = new LinkedHashMap<>();
        record.put("samples", rc.samples());
        record.put("timer_overhead_ns", rc.timerOverheadNs());
        record.put("p50", rc.p50());
        record.put("p90", rc.p90());
        record.put("p99", rc.p99());
        record.put("p999", rc.p999());
        record.put("max", rc.max());
        json.put("record_ns", record);
        json.put("producer_alloc_bytes_per_event", load.producerBytesPerEvent());
        json.put("handler_alloc_bytes_per_event", load.handlerBytesPerEvent());
        json.put("cpu_ns_per_event", load.cpuNsPerEvent());
        json.put("producer_cpu_ns", load.producerCpuNs());
        json.put("engine_thread_cpu_ns", load.engineThreadCpuNs());
        final PeerRun.Result peer = result.peer();
        json.put("peer_eps", peer == null ? null : peer.eventsPerSecond());
        json.put("ratio_to_peer", result.ratioToPeer());
        json.put("peer_cpu_ns_per_event", peer == null ? null : peer.cpuNsPerEvent());
        json.put("peer_timed_events", peer == null ? null : peer.events());
        json.put("peer_verified_series", peer == null ? null : peer.verification().verifiedSeries());
        json.put("peer_mismatches", peer == null ? null : peer.verification().mismatches());
        final Map<String, Object> expected = new LinkedHashMap<>();
        load.verification().expectedByMetric().forEach((metric, totals) ->
            expected.put(metric, Map.of("count", totals.count(), "sum", totals.sum())));
        json.put("expected", expected);
        json.put("dashboard", dashboard(load.dashboard()));
        json.put("verdict", result.verdict());
        return json;
    }

    /** Writes {@link #json(BenchResult)} to {@code file} (parent directories created). */
    public static void writeJson(final BenchResult result, final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), json(result));
    }

    private static Map<String, Object> dashboard(final DashboardFigures d)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("reads_per_s", d.rate("variable_read"));
        json.put("writes_per_s", d.rate("variable_write"));
        json.put("operations", d.operations());
        json.put("cache_hit_rate", d.cacheHitRate());
        json.put("cache_hits", d.total("cache_hit"));
        json.put("cache_misses", d.total("cache_miss"));
        json.put("cache_evictions", d.total("cache_eviction"));
        json.put("optimizations_started", d.total("optimization_started"));
        json.put("optimizations_completed", d.total("optimization_completed"));
        json.put("optimizations_failed", d.total("optimization_failed"));
        json.put("optimization_success_rate", d.optimisationSuccessRate());
        json.put("errors", d.errors());
        json.put("error_rate", d.errorRate());
        json.put("active_sessions", d.activeSessions());
        final Map<String, Object> latencies = new LinkedHashMap<>();
        d.latencies().forEach((metric, st) ->
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", st.count());
            m.put("mean", st.mean());
            m.put("min", st.min());
            m.put("max", st.max());
            m.put("stddev", st.stddev());
            latencies.put(metric, m);
        });
        json.put("latencies", latencies);
        return json;
    }

    private static Map<String, Object> mismatch(final Verification.Mismatch m)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("series", m.series());
        json.put("expected_count", m.expectedCount());
        json.put("actual_count", m.actualCount());
        json.put("expected_sum", m.expectedSum());
        json.put("actual_sum", m.actualSum());
        return json;
    }

    private static void line(final StringBuilder out, final String format, final Object... args)
    {
        out.append(String.format(format, args)).append(System.lineSeparator());
    }

    private static String lower(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String percent(final Double rate)
    {
        return rate == null ? "-" : String.format("%.2f%%", rate * 100);
    }

    private static double orZero(final Double v)
    {
        return v == null ? 0 : v;
    }

    private static long orZero(final Long v)
    {
        return v == null ? 0 : v;
    }
}
