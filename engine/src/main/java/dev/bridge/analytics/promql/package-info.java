/**
 * PromQL for the engine's store: a hand-written parser of a PromQL subset ({@link
 * dev.bridge.analytics.promql.PromqlParser}, grammar in its javadoc), and an evaluator with Prometheus 2.42's
 * semantics ({@link dev.bridge.analytics.promql.PromqlEvaluator}) over a {@link
 * dev.bridge.analytics.promql.SampleSource}; {@link dev.bridge.analytics.promql.StorePromqlSource} turns the stored
 * buckets into the series a scrape or remote write would show ({@link dev.bridge.analytics.promql.PromSeries}).
 * The HTTP side ({@code /api/v1/...}) is in {@code dev.bridge.analytics.http}.
 * <pre>
 *   query text --PromqlParser--&gt; Expr (type-checked) --PromqlEvaluator--&gt; Value (scalar | vector | matrix)
 *                                                          |
 *                            SampleSource.select(matchers, from, to) once per selector
 *                                                          |
 *          StorePromqlSource: PromSeries catalog -&gt; AnalyticsQueries.storedBuckets -&gt; samples at bucket ends
 * </pre>
 * Nothing here is on the recording path; every class says its thread-safety.
 */
package dev.bridge.analytics.promql;
