package dev.bridge.analytics.export;

/**
 * The StatsD push's counts at one moment ({@code AnalyticsEngine.statsdPushCounts()}): the three that are also
 * self-metrics ({@code engine_statsd_push_*}) and the pusher's own. Immutable, thread-safe.
 *
 * @param pushes       pushes done (the first cycle, which takes the baseline, not counted).
 * @param packetsSent  datagrams sent.
 * @param linesSent    line units sent (a negative gauge's two lines count once).
 * @param droppedLines line units longer than {@code max_packet_bytes} on their own, dropped.
 * @param sendFailures datagrams that could not be sent (unresolved host, socket error).
 * @param errors       cycles that failed otherwise (e.g. the store could not be read).
 */
public record StatsdPushCounts(
    long pushes, long packetsSent, long linesSent, long droppedLines, long sendFailures, long errors)
{
}
