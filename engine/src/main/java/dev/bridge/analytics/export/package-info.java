/**
 * Exports: every series of a store over a range, in Prometheus text 0.0.4, OpenMetrics 1.0, JSON, CSV and StatsD
 * (Etsy and DogStatsD), and a periodic StatsD push over UDP.
 * <pre>
 * AnalyticsQueries.export(format, range, out)
 *   snapshot(range, writer.parts())   clock read once, range resolved once; per series one pass over its buckets
 *     SeriesReader (query)            stats, merged HdrHistogram, exact samples, bucket rows
 *     SnapshotAssembler               created time, cumulative counts at the configured bounds, percentiles
 *   ExportSnapshot                    immutable: what every writer reads, and nothing else
 *   ExportWriters.of(format).write    PrometheusExportWriter (model built by PrometheusSnapshots, printed by the
 *                                     Prometheus project's writers), JsonExportWriter (Jackson), CsvExportWriter,
 *                                     StatsdExportWriter (StatsdLines)
 * StatsdPusher (agent, own thread)    every interval: snapshot of ALL minus the previous one, StatsdLines,
 *                                     StatsdPacker (whole lines, datagrams up to max_packet_bytes), UDP
 * </pre>
 * Nothing here runs on the recording path: exports and the push only read the store, like queries.
 */
package dev.bridge.analytics.export;
