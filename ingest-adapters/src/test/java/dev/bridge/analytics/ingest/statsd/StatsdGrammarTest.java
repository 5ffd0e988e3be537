package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.StatsdUnmappedPolicy;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.ingest.TestEngines;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of the StatsD/DogStatsD grammar, fed to {@link StatsdIngest}, with exact totals in the engine. */
class StatsdGrammarTest
{
    @TempDir
    Path dir;

    private StatsdFixture f;

    @BeforeEach
    void start()
    {
        f = new StatsdFixture(dir, StatsdFixture.settings());
    }

    @AfterEach
    void stop()
    {
        f.close();
    }

    @Test
    void shouldAddCounterValuesScaledBySampleRate()
    {
        f.feed("variable_read:1|c");
        f.feed("variable_read:2|c|@0.5");
        f.feed("variable_read:1|c|@0.1");
        f.feed("variable_read:0|c");
        assertEquals(1 + 4 + 10, f.stats("variable_read").sum());
        assertEquals(4, f.lines(LineOutcome.ACCEPTED));
    }

    @Test
    void shouldCarryTheFractionOfScaledCounterValues()
    {
        f.feed("variable_read:1|c|@0.3\nvariable_read:1|c|@0.3\nvariable_read:1|c|@0.3");
        f.feed("variable_read:0.5|c\nvariable_read:0.5|c");
        assertEquals(10 + 1, f.stats("variable_read").sum());
    }

    @Test
    void shouldUnpackSeveralValuesOfOneLine()
    {
        f.feed("variable_read:1:2:3|c");
        f.feed("dspex.read:1:2.5:0.001|ms");
        final Stats reads = f.stats("variable_read");
        assertEquals(3, reads.count());
        assertEquals(6, reads.sum());
        final Stats latency = f.stats("read_latency_us");
        assertEquals(3, latency.count());
        assertEquals(1000 + 2500 + 1, latency.sum());
        assertEquals(2, f.lines(LineOutcome.ACCEPTED));
    }

    @Test
    void shouldSetGaugesAndApplySignedValuesAsDeltas()
    {
        f.feed("dspex.sessions:10|g");
        f.feed("dspex.sessions:+5|g\ndspex.sessions:-3|g");
        assertEquals(12L, f.stats("active_sessions").last());
        f.feed("dspex.improvement:0|g\ndspex.improvement:-40|g");
        assertEquals(-40L, f.stats("optimization_improvement").last());
        f.feed("dspex.improvement:7|g|@0.5");
        assertEquals(7L, f.stats("optimization_improvement").last(), "the sample rate does not apply to gauges");
        f.feed("dspex.sessions:1:+1:+1|g");
        assertEquals(3L, f.stats("active_sessions").last());
    }

    @Test
    void shouldConvertTimersFromMillisecondsToTheMetricsUnitAndScaleTheirCountByTheRate()
    {
        f.feed("dspex.read:1.5|ms");
        f.feed("dspex.read:2|ms|@0.25");
        final Stats latency = f.stats("read_latency_us");
        assertEquals(1 + 4, latency.count());
        assertEquals(1500 + 4 * 2000, latency.sum());
        f.feed("optimization_duration_ms:250|ms");
        assertEquals(250, f.stats("optimization_duration_ms").sum(), "milliseconds stay milliseconds");
    }

    @Test
    void shouldRecordHistogramsAndDistributionsInTheMetricsUnit()
    {
        f.feed("app.payload:100|h\napp.payload:200|d\napp.payload:50:50|d|@0.5");
        final Stats payload = f.stats("payload_bytes");
        assertEquals(1 + 1 + 4, payload.count());
        assertEquals(100 + 200 + 4 * 50, payload.sum());
    }

    @Test
    void shouldCountDistinctSetMembersPerRawBucket()
    {
        f.feed("app.users:alice|s\napp.users:bob|s\napp.users:alice|s\napp.users:carol:x|s");
        assertEquals(3L, f.stats("app_users").last());
        f.clock.advance(1_000);
        f.feed("app.users:dave|s");
        assertEquals(1L, f.stats("app_users").last(), "a new raw bucket starts a new set");
        assertEquals(5, f.lines(LineOutcome.ACCEPTED));
    }

    @Test
    void shouldTakeLabelsFromEveryTagDialect()
    {
        f.feed("""
            errors:1|c|#operation:read,host:a
            errors,operation=write:2|c
            errors#operation=delete:3|c
            errors[operation=optimize]:4|c
            err[operation=read]ors:5|c
            dspex.errors.timeout:6|c|#operation:ignored
            """);
        assertEquals(1 + 5, f.stats("operation_error", "operation", "read").sum());
        assertEquals(2, f.stats("operation_error", "operation", "write").sum());
        assertEquals(3, f.stats("operation_error", "operation", "delete").sum());
        assertEquals(4, f.stats("operation_error", "operation", "optimize").sum());
        assertEquals(6, f.stats("operation_error", "operation", "timeout").sum(), "the rule's label wins over a tag");
        assertEquals(6, f.lines(LineOutcome.ACCEPTED));
    }

    @Test
    void shouldFillLabelsFromRegexCapturesGlobCapturesAndTags()
    {
        f.feed("dspex.grpc.UNAVAILABLE:2|c\napp.users_api.requests:1|c|#status:200\napp.users_api.requests:1|c|#status:500");
        assertEquals(2, f.stats("grpc_error", "code", "UNAVAILABLE").sum());
        f.engine.flush();
        assertEquals(1, f.engine.queries().stats("app_requests", Map.of("route", "users_api", "status", "500"), TimeRange.ALL).sum());
        assertEquals(2, f.engine.queries().stats("app_requests", Map.of("route", "users_api"), TimeRange.ALL).sum());
    }

    @Test
    void shouldRecordAtTheLinesTimestamp()
    {
        final long atS = TestEngines.START_MS / 1000 + 5;
        f.feed("variable_read:5|c|T" + atS + "\ndspex.read:3|ms|T" + atS + "\ndspex.sessions:9|g|T" + atS);
        f.engine.flush();
        final TimeRange second = TimeRange.between(Instant.ofEpochSecond(atS), Instant.ofEpochSecond(atS + 1));
        assertEquals(5, f.engine.queries().stats("variable_read", second).sum());
        assertEquals(3000, f.engine.queries().stats("read_latency_us", second).sum());
        assertEquals(9L, f.engine.queries().stats("active_sessions", second).last());
        final TimeRange now = TimeRange.between(Instant.ofEpochMilli(f.clock.time()), Instant.ofEpochMilli(f.clock.time() + 1000));
        assertEquals(0, f.engine.queries().stats("variable_read", now).count());
    }

    @Test
    void shouldAcceptContainerIdsUnknownSectionsAndSectionsInAnyOrder()
    {
        f.feed("variable_read:1|c|c:83a9e6cf5b2d|#env:prod\nvariable_read:1|c|#env:prod|@0.5|e:it-false\n" +
            "variable_read:1|c|T" + TestEngines.START_MS / 1000 + "|c:abc");
        assertEquals(1 + 2 + 1, f.stats("variable_read").sum());
        assertEquals(3, f.lines(LineOutcome.ACCEPTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "variable_read:1|c\nvariable_read:1|c\n",
        "variable_read:1|c\nvariable_read:1|c",
        "variable_read:1|c\r\nvariable_read:1|c\r\n",
        "\n\nvariable_read:1|c\n\n\nvariable_read:1|c\n\n" })
    void shouldReadSeveralLinesWithOrWithoutATrailingNewline(final String datagram)
    {
        assertEquals(2, f.feed(datagram));
        assertEquals(2, f.stats("variable_read").sum());
        assertEquals(2, f.lines(LineOutcome.ACCEPTED));
    }

    @Test
    void shouldCountAndSkipEventsAndServiceChecks()
    {
        f.feed("_e{5,4}:title|text|#a:b\nvariable_read:1|c\n_sc|my.check|0|#a:b\n_e{1,1}:a|b");
        assertEquals(2, f.lines(LineOutcome.EVENT));
        assertEquals(1, f.lines(LineOutcome.SERVICE_CHECK));
        assertEquals(1, f.stats("variable_read").sum());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "variable_read|c", "variable_read:|c", ":1|c", "variable_read:1", "variable_read:1|", "variable_read:1|x",
        "variable_read:1|cc", "variable_read:abc|c", "variable_read:1:|c", "variable_read::1|c", "variable_read:1.2.3|c",
        "variable_read:1e|c", "variable_read:NaN|g", "variable_read:Infinity|g", "variable_read:1e999|c",
        "variable_read:1|c|@2", "variable_read:1|c|@0", "variable_read:1|c|@-0.5", "variable_read:1|c|@x",
        "variable_read:1|c|@0.5|@0.5", "variable_read:1|c||#a:b", "variable_read:1|c|", "variable_read:1|c|#a:b|#c:d",
        "variable_read:1|c|Tabc", "variable_read:1|c|T", "variable_read:1|c|T-5", "variable_read:1|c|c:",
        "var|iable_read:1|c", "errors,operation:1|c", "errors#:1|c", "errors[operation=read:1|c", ",a=b:1|c",
        "variable_read: 1|c", "variable_read:0x10|c" })
    void shouldCountAMalformedLineAndKeepTheRestOfTheDatagram(final String malformed)
    {
        assertEquals(3, f.feed("variable_read:1|c\n" + malformed + "\nvariable_read:2|c"));
        assertEquals(1, f.lines(LineOutcome.MALFORMED), malformed);
        assertEquals(2, f.lines(LineOutcome.ACCEPTED), malformed);
        assertEquals(3, f.stats("variable_read").sum(), malformed);
    }

    @Test
    void shouldCountUnmappedNamesUnderTheRejectPolicy()
    {
        f.feed("Some.Unmapped:1|c\nSome.Unmapped:1|c\nvariable_read:1|c");
        assertEquals(2, f.lines(LineOutcome.UNMAPPED));
        assertEquals(1, f.stats("variable_read").sum());
    }

    @Test
    void shouldRejectLinesTheirMetricCannotTake()
    {
        f.feed("""
            dspex.missing:1|c
            variable_read:1|g
            dspex.sessions:1|c
            read_latency_us:1|c
            app_users:1|ms
            engine_events_published:1|g
            dspex.read:1|ms|@0.00001
            variable_read:1|c
            """);
        assertEquals(7, f.lines(LineOutcome.REJECTED));
        assertEquals(1, f.lines(LineOutcome.ACCEPTED));
        assertEquals(1, f.stats("variable_read").sum());
        assertEquals(0, f.stats("read_latency_us").count());
    }

    @Test
    void shouldRejectACounterValueOutsideTheRangeOfALongAndKeepNoCarry()
    {
        f.feed("variable_read:1e300|c");
        f.feed("variable_read:1|c\nvariable_read:1|c");
        f.feed("variable_read:99999999999999999999999999|c\nvariable_read:1e18|c|@0.1\nvariable_read:1:1e19|c");
        f.feed("variable_read:0.5|c\nvariable_read:1e300|c\nvariable_read:0.5|c");
        assertEquals(5, f.lines(LineOutcome.REJECTED));
        assertEquals(4, f.lines(LineOutcome.ACCEPTED));
        assertEquals(2 + 1, f.stats("variable_read").sum(), "nothing of a rejected line is published or carried");
    }

    @Test
    void shouldSaturateACounterFedTwoHugeLinesAndStillExportIt() throws IOException
    {
        f.feed("cache_hit:5000000000000000000|c\ncache_hit:5000000000000000000|c");
        f.feed("cache_hit:9.2e18|c");
        assertEquals(3, f.lines(LineOutcome.ACCEPTED));
        assertEquals(Long.MAX_VALUE, f.stats("cache_hit").sum());
        // one saturating addition per fold that passes the bound: 1 when the three lines meet in one fold of the
        // cells, 2 when the consumer's tick folds between the feeds (a descheduled test thread): never 0, never 3
        final long saturations = f.engine.selfMetric(SelfMetric.VALUES_SATURATED);
        assertTrue(saturations == 1 || saturations == 2, "saturations: " + saturations);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.engine.queries().export(ExportFormat.PROMETHEUS, TimeRange.ALL, out);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\ndspex_cache_hit_total 9.223372036854776E18\n"));
    }

    @Test
    void shouldRejectAGaugeLineThatWouldLeaveTheRangeOfALongWhole()
    {
        f.feed("dspex.sessions:1e19|g");
        f.feed("dspex.sessions:9e18|g\ndspex.sessions:+9e18|g");
        assertEquals(9_000_000_000_000_000_000L, f.stats("active_sessions").last());
        f.feed("dspex.sessions:0|g\ndspex.sessions:+5e18:+5e18|g\ndspex.sessions:+1|g");
        assertEquals(1L, f.stats("active_sessions").last(), "the rejected packed line changed nothing");
        f.feed("dspex.sessions:-9.3e18|g\ndspex.sessions:-9.2e18|g");
        assertEquals(-9_200_000_000_000_000_000L, f.stats("active_sessions").last());
        assertEquals(4, f.lines(LineOutcome.REJECTED));
    }

    @Test
    void shouldRejectAHistogramValueOutsideTheRangeOfALongOnceScaled()
    {
        f.feed("app.payload:1e19|h\ndspex.read:1e16|ms\napp.payload:100|h");
        assertEquals(2, f.lines(LineOutcome.REJECTED));
        assertEquals(1, f.stats("payload_bytes").count());
        assertEquals(0, f.stats("read_latency_us").count());
    }

    @Test
    void shouldAutoRegisterUnmappedNamesUnderTheCatchAllMetricOfTheirType(@TempDir final Path other)
    {
        try (StatsdFixture auto = new StatsdFixture(other,
            StatsdFixture.settings().withUnmapped(StatsdUnmappedPolicy.AUTO_REGISTER).withMappings(List.of())))
        {
            auto.feed("My.Counter:2|c\nMy.Counter:3|c|#name:ignored\nMy.Gauge:7|g\nMy.Timer:1.5|ms\nMy.Size:9|h\n" +
                "My.Dist:4|d\nMy.Set:a|s\nOther,k=v:1|c");
            assertEquals(8, auto.lines(LineOutcome.ACCEPTED));
            assertEquals(5, auto.stats("statsd_counter", "name", "My.Counter").sum());
            assertEquals(1, auto.stats("statsd_counter", "name", "Other").sum());
            assertEquals(7L, auto.stats("statsd_gauge", "name", "My.Gauge").last());
            assertEquals(1500, auto.stats("statsd_timer_us", "name", "My.Timer").sum());
            assertEquals(13, auto.stats("statsd_histogram").sum());
            assertEquals(1L, auto.stats("statsd_set", "name", "My.Set").last());
        }
    }

    @Test
    void shouldCountOversizedDatagramsWithoutReadingThem()
    {
        final StringBuilder big = new StringBuilder();
        while (big.length() <= StatsdFixture.settings().maxDatagramBytes())
        {
            big.append("variable_read:1|c\n");
        }
        assertEquals(0, f.feed(big.toString()));
        assertEquals(1, f.ingest.counters().datagrams(DatagramOutcome.OVERSIZED));
        assertEquals(0, f.ingest.counters().lines());
        f.feed("variable_read:1|c");
        assertEquals(1, f.ingest.counters().datagrams(DatagramOutcome.PROCESSED));
        assertEquals(1, f.stats("variable_read").sum());
    }

    @Test
    void shouldResolveEachKeyOnceAndTellKeysApartByTypeAndTags()
    {
        for (int i = 0; i < 100; i++)
        {
            f.feed("errors:1|c|#operation:read\nerrors:1|c|#operation:write\nvariable_read:1|c\nvariable_read:1|g");
        }
        assertEquals(4, f.ingest.cachedKeys());
        assertEquals(100, f.stats("operation_error", "operation", "read").sum());
        assertEquals(100, f.stats("operation_error", "operation", "write").sum());
        assertEquals(100, f.stats("variable_read").sum());
        assertEquals(100, f.lines(LineOutcome.REJECTED));
    }

    @Test
    void shouldResolveKeysPastAFullCacheOnEveryLine(@TempDir final Path other)
    {
        try (StatsdFixture small = new StatsdFixture(other, StatsdFixture.settings().withNameCacheEntries(16)))
        {
            for (int i = 0; i < 40; i++)
            {
                small.feed("errors:1|c|#operation:op" + i + "\ndspex.sessions:+1|g");
            }
            assertEquals(16, small.ingest.cachedKeys());
            assertEquals(40, small.stats("operation_error").sum());
            assertEquals(40L, small.stats("active_sessions").last(), "gauge state is per series, not per cache entry");
        }
    }
}
