package dev.bridge.analytics.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A silence declared in the configuration ({@code alerts.silences[i]}): alerts whose labels include
 * {@code matchers} are not notified between its start and end. Immutable, thread-safe.
 *
 * @param matchers  labels (exact values) of the silenced alerts; not empty.
 * @param startsAt  when it starts; null for the time the engine starts.
 * @param endsAt    when it ends; null when {@code duration} gives the end.
 * @param duration  its length from the start; null when {@code endsAt} gives the end.
 * @param comment   why (may be empty).
 * @param createdBy who (default {@code config}).
 */
public record SilenceSettings(
    Map<String, String> matchers, Instant startsAt, Instant endsAt, Duration duration, String comment,
    String createdBy)
{
    public SilenceSettings
    {
        matchers = Collections.unmodifiableMap(new TreeMap<>(matchers));
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(createdBy, "created_by");
        if (matchers.isEmpty())
        {
            throw new IllegalArgumentException("matchers must not be empty");
        }
        if ((endsAt == null) == (duration == null))
        {
            throw new IllegalArgumentException("a silence needs either ends_at or duration");
        }
        if (duration != null && (duration.isZero() || duration.isNegative()))
        {
            throw new IllegalArgumentException("duration must be > 0, was " + Durations.format(duration));
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt))
        {
            throw new IllegalArgumentException("ends_at (" + endsAt + ") must be after starts_at (" + startsAt + ")");
        }
    }

    /** @return the start in epoch ms, {@code startMs} when the silence starts with the engine. */
    public long startsAtMs(final long startMs)
    {
        return startsAt != null ? startsAt.toEpochMilli() : startMs;
    }

    /** @return the end in epoch ms, for an engine that started at {@code startMs}. */
    public long endsAtMs(final long startMs)
    {
        return endsAt != null ? endsAt.toEpochMilli() : startsAtMs(startMs) + duration.toMillis();
    }
}
