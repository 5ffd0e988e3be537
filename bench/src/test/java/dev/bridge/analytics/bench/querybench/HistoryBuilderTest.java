package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.bench.PlannedSeries;
import dev.bridge.analytics.bench.SeriesPlan;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.dashboard.Dashboard;
import dev.bridge.analytics.query.PercentileResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HistoryBuilder} on 10 simulated minutes: the store holds exactly what the builder says it published, per
 * series and at every resolution, nothing was rejected or late, and the queries of the bench answer.
 */
class HistoryBuilderTest
{
    /** 66,000 events: more than one workload table, so every series gets events. */
    private static final int EVENTS_PER_SECOND = 110;
    /** Not on a minute boundary: the history's end is rounded down to the second only. */
    private static final long END_MS = 1_795_826_430_500L;

    @TempDir
    static Path dir;
    private static StoredHistory stored;
    private static History history;
    private static AnalyticsQueries queries;

    @BeforeAll
    static void build()
    {
        final HistoryBuilder builder = new HistoryBuilder(
            EngineConfig.defaults(), Duration.ofMinutes(10), EVENTS_PER_SECOND, 7);
        stored = StoredHistory.build(builder, dir.resolve("store"), END_MS);
        history = stored.history();
        queries = stored.queries();
    }

    @AfterAll
    static void close()
    {
        stored.close();
    }

    @Test
    void shouldSpanTheSimulatedMinutesEndingAtTheWholeSecond()
    {
        assertEquals(1_795_826_430_000L, history.endMs());
        assertEquals(history.endMs() - 600_000L, history.startMs());
        assertEquals(600L * EVENTS_PER_SECOND, history.events());
        assertEquals(0, history.rejected(), "rejected");
        assertEquals(0, history.late(), "late");
    }

    @Test
    void shouldPublishEveryCatalogSeriesButTheEngineSampledGauges()
    {
        final Set<String> engineSampled = SeriesPlan.engineSampled(EngineConfig.defaults());
        assertEquals(Set.of("memory_usage_mb", "process_count", "ets_memory_mb"), engineSampled);
        for (final PlannedSeries s : history.plan().series())
        {
            assertTrue(!engineSampled.contains(s.metric()), s.metric());
            assertTrue(history.count(s.index()) > 0, "nothing published on " + s.displayName());
        }
        assertEquals(EngineConfig.defaults().metrics().size() - engineSampled.size(),
            history.plan().metrics().size());
    }

    @Test
    void shouldStoreExactlyWhatWasPublishedPerSeriesAtEveryResolution()
    {
        final TimeRange raw = TimeRange.between(
            Instant.ofEpochMilli(history.startMs()), Instant.ofEpochMilli(history.endMs()));
        for (final PlannedSeries s : history.plan().series())
        {
            for (final TimeRange range : new TimeRange[]{ TimeRange.ALL, TimeRange.LAST_HOUR, raw })
            {
                final Stats stats = queries.stats(s.metric(), History.filter(s), range);
                assertEquals(history.count(s.index()), stats.count(), s.displayName() + " count over " + range);
                assertEquals(history.sum(s.index()), stats.sum(), s.displayName() + " sum over " + range);
            }
        }
        assertEquals(0, history.mismatches(queries).size(), history.mismatches(queries).toString());
    }

    @Test
    void shouldAnswerTheDashboardOverTheLastHour()
    {
        final Dashboard dashboard = queries.dashboard(TimeRange.LAST_HOUR);

        assertNotNull(dashboard);
        final SeriesPlan plan = history.plan();
        final long operations = history.sum(plan.indexOf("variable_read")) + history.sum(plan.indexOf("variable_write")) +
            history.sum(plan.indexOf("variable_delete"));
        assertEquals(operations, dashboard.operations().totalOperations());
        assertNotNull(dashboard.performance().readLatencyP99());
        assertEquals(history.endMs(), dashboard.timestamp());
    }

    @Test
    void shouldAnswerSevenPercentilesInOneCall()
    {
        final PercentileResult result = QuerySet.sevenPercentiles(queries);

        assertEquals(history.count(history.plan().indexOf(QuerySet.METRIC)), result.count());
        assertEquals(QuerySet.SEVEN.length, result.values().size());
        result.values().values().forEach(v -> assertNotNull(v));
    }
}
