package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.alert.Alert;
import dev.bridge.analytics.alert.AlertsSnapshot;
import dev.bridge.analytics.alert.Silence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/alerts}: the engine's tracked alerts (pending, firing, resolved and not yet notified) and its
 * silences, as of now:
 * <pre>{@code
 * {"timestamp_ms":1700000000000,
 *  "alerts":[{"fingerprint":"...","rule":"slow_reads","state":"firing","labels":{"alertname":"slow_reads",...},
 *             "annotations":{...},"active_at_ms":...,"fired_at_ms":...,"resolved_at_ms":null,"value":12000.0,
 *             "silenced_by":[],"inhibited":false}],
 *  "silences":[{"id":"...","matchers":{...},"starts_at_ms":...,"ends_at_ms":...,"comment":"...","created_by":"...",
 *               "state":"active"}]}
 * }</pre>
 * Empty lists for a server without an engine's alerting. Takes no parameters. Immutable, thread-safe.
 */
final class AlertsEndpoint implements Endpoint
{
    private final AnalyticsQueries queries;

    AlertsEndpoint(final AnalyticsQueries queries)
    {
        this.queries = queries;
    }

    @Override
    public List<String> parameters()
    {
        return List.of();
    }

    @Override
    public Reply serve(final Request request)
    {
        final AlertsSnapshot snapshot = queries.alerts();
        final long nowMs = queries.clock().time();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp_ms", nowMs);
        body.put("alerts", snapshot.alerts().stream().map(AlertsEndpoint::alert).toList());
        body.put("silences", snapshot.silences().stream().map(s -> silence(s, nowMs)).toList());
        return Reply.json(Json.write(body));
    }

    private static Map<String, Object> alert(final Alert alert)
    {
        final Map<String, Object> a = new LinkedHashMap<>();
        a.put("fingerprint", alert.fingerprint());
        a.put("rule", alert.rule());
        a.put("state", alert.state().spelling());
        a.put("labels", alert.labels());
        a.put("annotations", alert.annotations());
        a.put("active_at_ms", alert.activeAtMs());
        a.put("fired_at_ms", alert.firedAtMs());
        a.put("resolved_at_ms", alert.resolvedAtMs());
        a.put("value", alert.value());
        a.put("silenced_by", alert.silencedBy());
        a.put("inhibited", alert.inhibited());
        return a;
    }

    private static Map<String, Object> silence(final Silence silence, final long nowMs)
    {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", silence.id());
        s.put("matchers", silence.matchers());
        s.put("starts_at_ms", silence.startsAtMs());
        s.put("ends_at_ms", silence.endsAtMs());
        s.put("comment", silence.comment());
        s.put("created_by", silence.createdBy());
        s.put("state", silence.state(nowMs).name().toLowerCase(Locale.ROOT));
        return s;
    }
}
