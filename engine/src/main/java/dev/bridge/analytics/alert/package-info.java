/**
 * Alerting inside the engine: Prometheus alerting rules and Alertmanager notification handling, with state that
 * survives a restart.
 * <pre>
 *  AlertAgent (thread analytics-alerts, every evaluation_interval on the engine's clock)
 *    └─ AlertManager.doWork(nowMs)
 *         ├─ ExpressionEvaluator ── StoreQueries (stats / rate / percentiles / dashboard over the window)
 *         ├─ RuleState per rule: inactive → PENDING → FIRING → RESOLVED (for, keep_firing_for)
 *         ├─ Dispatcher: groups (group_wait, group_interval, repeat_interval), Silences, Inhibitor, dedup
 *         │    └─ receivers: LogSink (SLF4J) | ListenerSink (AlertListener) | WebhookSink (queue → sender thread)
 *         └─ AlertStateFile: alerts.json in the data directory (temp file + atomic rename)
 * </pre>
 * <b>Why not a stage of the ring.</b> The design placed an alert handler at the end of the consumer chain. It is
 * built instead as an agent on its own thread that reads the store through the query API: rules need windows of
 * minutes and percentiles over merged histograms, which the store already answers (the live bucket state of the
 * consumer is per raw bucket and single-writer); running them on the consumer would put store reads, template
 * rendering, JSON, file writes and user listeners on the thread every event goes through, where the recording path
 * promises no allocation and no blocking; and evaluation is on time ticks, never per event, so it needs no ring
 * slot. The cost: an evaluation sees what the consumer has committed (at most {@code commit_interval} old).
 * <p>
 * Public API: {@link dev.bridge.analytics.alert.AlertManager} (from {@code AnalyticsEngine.alerts()}),
 * {@link dev.bridge.analytics.alert.Alert}, {@link dev.bridge.analytics.alert.Silence},
 * {@link dev.bridge.analytics.alert.AlertsSnapshot}, {@link dev.bridge.analytics.alert.AlertNotification},
 * {@link dev.bridge.analytics.alert.AlertListener}, {@link dev.bridge.analytics.alert.AlertCounts}. Settings are in
 * {@code dev.bridge.analytics.config} ({@code AlertSettings}, {@code AlertRule}, ...).
 */
package dev.bridge.analytics.alert;
