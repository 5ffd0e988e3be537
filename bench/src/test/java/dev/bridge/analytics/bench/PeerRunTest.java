package dev.bridge.analytics.bench;

import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Prometheus peer of the load run: it replays the engine run's events and checks its own totals. */
class PeerRunTest
{
    private static final EngineConfig CONFIG = EngineConfig.defaults();
    private static final SeriesPlan PLAN = SeriesPlan.of(CONFIG);
    private static final int TABLE_SIZE = 1 << 12;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldVerifyEverySeriesWhenThePeerHoldsWhatTwoProducersSent() throws Exception
    {
        final List<WorkloadTable> tables = List.of(table(1), table(2));

        final PeerRun.Result result = PeerRun.run(CONFIG, tables, List.of(1000L, 1001L), List.of(5000L, 7003L));

        assertEquals(12_003, result.events());
        assertEquals(List.of(), result.verification().mismatches());
        assertEquals(PLAN.size(), result.verification().verifiedSeries());
        assertTrue(result.cpuNs() > 0, "CPU of the producers: " + result.cpuNs());
        assertTrue(result.eventsPerSecond() > 0);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportACounterAndAHistogramThatHoldMoreThanWasSent() throws Exception
    {
        final WorkloadTable table = table(3);
        final PrometheusPeerSeries peer = PrometheusPeerSeries.resolve(CONFIG, PLAN);
        final int reads = PLAN.indexOf("variable_read");
        final int latency = PLAN.indexOf("read_latency_us");
        peer.publish(reads, 5); // recorded outside the producers: the check must see it
        peer.publish(latency, 7);

        final PeerRun.Result result = PeerRun.run(PLAN, peer, List.of(table), List.of(0L), List.of((long)TABLE_SIZE));

        final long[] counts = table.countsPerSeries(PLAN.size());
        final long readSum = sumOf(table, reads);
        final long latencySum = sumOf(table, latency);
        assertEquals(List.of(
            "variable_read: sent total " + readSum + ", peer holds " + (readSum + 5),
            "read_latency_us: sent count " + counts[latency] + " sum " + latencySum + ", peer holds count " +
                (counts[latency] + 1) + " sum " + (latencySum + 7)), result.verification().mismatches());
        assertEquals(PLAN.size() - 2, result.verification().verifiedSeries());
    }

    @Test
    void shouldAcceptAGaugeHoldingTheLastValueOfEitherProducerOnly()
    {
        final PrometheusPeerSeries peer = PrometheusPeerSeries.resolve(CONFIG, PLAN);
        final int sessions = PLAN.indexOf("active_sessions");
        final long[] none = new long[PLAN.size()];
        final Long[] first = new Long[PLAN.size()];
        final Long[] second = new Long[PLAN.size()];
        first[sessions] = 201L;
        second[sessions] = 199L;

        peer.publish(sessions, 199);
        assertEquals(List.of(), gaugeMismatches(peer, none, List.of(first, second), sessions));
        peer.publish(sessions, 200);
        assertEquals(List.of("active_sessions: last values set [201, 199], peer holds 200"),
            gaugeMismatches(peer, none, List.of(first, second), sessions));
    }

    private static List<String> gaugeMismatches(
        final PrometheusPeerSeries peer, final long[] none, final List<Long[]> lastValues, final int gauge)
    {
        return PeerVerification.compare(PLAN, peer, none, none, lastValues).mismatches().stream()
            .filter(m -> m.startsWith(PLAN.get(gauge).displayName() + ":")).toList();
    }

    private static WorkloadTable table(final long seed)
    {
        return DspexWorkload.generate(PLAN, seed, TABLE_SIZE);
    }

    private static long sumOf(final WorkloadTable table, final int series)
    {
        long sum = 0;
        for (int i = 0; i < table.size(); i++)
        {
            sum += table.seriesIndexes()[i] == series ? table.values()[i] : 0;
        }
        return sum;
    }
}
