package dev.bridge.analytics.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Alertmanager's webhook message (version 4) for a notification:
 * <pre>{@code
 * {"receiver":"ops","status":"firing",
 *  "alerts":[{"status":"firing","labels":{...},"annotations":{...},"startsAt":"2026-01-01T00:02:00Z",
 *             "endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"507a62d79ee76c9a"}],
 *  "groupLabels":{...},"commonLabels":{...},"commonAnnotations":{...},"externalURL":"",
 *  "version":"4","groupKey":"{}:{alertname=\"slow_reads\"}","truncatedAlerts":0}
 * }</pre>
 * {@code startsAt} is when the alert fired (Prometheus sends FiredAt), {@code endsAt} when it resolved, or Go's zero
 * time while it fires; times are RFC 3339 in UTC. Stateless, thread-safe.
 */
final class WebhookPayload
{
    /** Go's zero {@code time.Time}, as Alertmanager writes an unset end. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookPayload()
    {
    }

    /** @return the JSON text of {@code n}. */
    static String toJson(final AlertNotification n)
    {
        final ObjectNode root = MAPPER.createObjectNode();
        root.put("receiver", n.receiver());
        root.put("status", n.status().spelling());
        final ArrayNode alerts = root.putArray("alerts");
        for (final Alert a : n.alerts())
        {
            final ObjectNode alert = alerts.addObject();
            alert.put("status", a.state().spelling());
            put(alert.putObject("labels"), a.labels());
            put(alert.putObject("annotations"), a.annotations());
            alert.put("startsAt", time(a.firedAtMs() != null ? a.firedAtMs() : a.activeAtMs()));
            alert.put("endsAt", a.resolvedAtMs() != null ? time(a.resolvedAtMs()) : ZERO_TIME);
            alert.put("generatorURL", "");
            alert.put("fingerprint", a.fingerprint());
        }
        put(root.putObject("groupLabels"), n.groupLabels());
        put(root.putObject("commonLabels"), n.commonLabels());
        put(root.putObject("commonAnnotations"), n.commonAnnotations());
        root.put("externalURL", n.externalUrl());
        root.put("version", "4");
        root.put("groupKey", n.groupKey());
        root.put("truncatedAlerts", 0);
        try
        {
            return MAPPER.writeValueAsString(root);
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException(ex); // a tree of strings always serialises
        }
    }

    private static void put(final ObjectNode node, final Map<String, String> entries)
    {
        entries.forEach(node::put);
    }

    private static String time(final long epochMs)
    {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
