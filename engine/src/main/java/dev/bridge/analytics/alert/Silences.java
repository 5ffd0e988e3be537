package dev.bridge.analytics.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The silences, by id. Expired silences are kept {@link #EXPIRED_RETENTION_MS} after their end (so a restart does
 * not bring back a silence of the configuration that already ran out), then dropped. Confined to the alert
 * manager's lock.
 */
final class Silences
{
    /** How long an expired silence is kept. */
    static final long EXPIRED_RETENTION_MS = 24L * 3600 * 1000;

    private final Map<String, Silence> byId = new LinkedHashMap<>();

    /** Adds or replaces the silence of that id. */
    void put(final Silence silence)
    {
        byId.put(silence.id(), silence);
    }

    boolean contains(final String id)
    {
        return byId.containsKey(id);
    }

    /**
     * Ends a silence now: an active one gets {@code endsAt = now}, a pending one is removed.
     *
     * @return false when no pending or active silence has that id.
     */
    boolean expire(final String id, final long nowMs)
    {
        final Silence s = byId.get(id);
        if (s == null || s.state(nowMs) == Silence.State.EXPIRED)
        {
            return false;
        }
        if (s.startsAtMs() >= nowMs)
        {
            byId.remove(id);
        }
        else
        {
            byId.put(id, new Silence(id, s.matchers(), s.startsAtMs(), nowMs, s.comment(), s.createdBy()));
        }
        return true;
    }

    /** @return the ids of the silences active at {@code nowMs} that match {@code labels}. */
    List<String> silencing(final Map<String, String> labels, final long nowMs)
    {
        List<String> ids = List.of();
        for (final Silence s : byId.values())
        {
            if (s.mutes(labels, nowMs))
            {
                if (ids.isEmpty())
                {
                    ids = new ArrayList<>(2);
                }
                ids.add(s.id());
            }
        }
        return ids;
    }

    /** Drops silences that expired more than the retention ago; @return true when one was dropped. */
    boolean prune(final long nowMs)
    {
        return byId.values().removeIf(s -> nowMs - s.endsAtMs() > EXPIRED_RETENTION_MS);
    }

    /** @return every silence, by start then id. */
    List<Silence> list()
    {
        final List<Silence> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparingLong(Silence::startsAtMs).thenComparing(Silence::id));
        return all;
    }

    boolean isEmpty()
    {
        return byId.isEmpty();
    }
}
