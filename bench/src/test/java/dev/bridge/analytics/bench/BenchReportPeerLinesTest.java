package dev.bridge.analytics.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The peer and CPU lines of the load run's text summary, to the character. */
class BenchReportPeerLinesTest
{
    private static final String NL = System.lineSeparator();

    /** 20,000,000 events aggregated in 1 s; producers 600 ms and engine threads 400 ms of CPU: 50 ns per event. */
    private static LoadResult load()
    {
        return new LoadResult(1_000, 20_000_000, 1.0, 1.5, 20_000_000, null, null, 0, 0, null, null, List.of(),
            List.of(1_000L), List.of(20_000_000L), 600_000_000L, 400_000_000L);
    }

    @Test
    void shouldPrintThePeerThroughputTheRatiosAndThePeerCheck()
    {
        final PeerRun.Result peer = new PeerRun.Result(20_000_000, 0.5, 500_000_000L, new PeerVerification(31, List.of()));

        assertEquals(
            "Peer          Prometheus client_java, same producers and events: 40,000,000 events/s (20,000,000 events in 0.500 s)   engine/peer 0.500" + NL +
            "CPU per event engine 50.0 ns (producers 30.0 + engine threads 20.0)   peer 25.0 ns   engine/peer 2.000" + NL +
            "Peer check    NO LOSS: 31 series hold what was sent" + NL,
            BenchReport.peerLines(new BenchResult(null, load(), peer)));
    }

    @Test
    void shouldPrintEachPeerMismatch()
    {
        final PeerRun.Result peer = new PeerRun.Result(20_000_000, 0.5, 500_000_000L,
            new PeerVerification(30, List.of("variable_read: sent total 10, peer holds 15")));

        final String lines = BenchReport.peerLines(new BenchResult(null, load(), peer));

        assertEquals(
            "Peer check    MISMATCH: 1 of 31 series do not hold what was sent (the peer figures are not valid)" + NL +
            "  peer mismatch variable_read: sent total 10, peer holds 15" + NL,
            lines.substring(lines.indexOf("Peer check")));
    }

    @Test
    void shouldPrintTheEngineCpuAloneWithoutThePeer()
    {
        assertEquals(
            "Peer          skipped (--no-baseline)" + NL +
            "CPU per event engine 50.0 ns (producers 30.0 + engine threads 20.0)" + NL,
            BenchReport.peerLines(new BenchResult(null, load(), null)));
    }
}
