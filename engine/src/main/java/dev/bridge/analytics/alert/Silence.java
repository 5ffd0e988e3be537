package dev.bridge.analytics.alert;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A silence: alerts whose labels include {@code matchers} are not notified in [startsAtMs, endsAtMs). Immutable,
 * thread-safe.
 *
 * @param id         a UUID (API) or {@code config-<hash>} (declared in the configuration).
 * @param matchers   label name -> exact value, sorted by name; not empty.
 * @param startsAtMs start, epoch ms.
 * @param endsAtMs   end, epoch ms, after the start.
 * @param comment    why.
 * @param createdBy  who.
 */
public record Silence(
    String id, Map<String, String> matchers, long startsAtMs, long endsAtMs, String comment, String createdBy)
{
    /** Where a silence is at a given time. */
    public enum State
    {
        PENDING, ACTIVE, EXPIRED
    }

    public Silence
    {
        Objects.requireNonNull(id, "id");
        matchers = Collections.unmodifiableMap(new TreeMap<>(matchers));
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(createdBy, "createdBy");
        if (matchers.isEmpty())
        {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (endsAtMs <= startsAtMs)
        {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
    }

    /** @return pending before the start, active until the end, expired from the end on. */
    public State state(final long nowMs)
    {
        return nowMs < startsAtMs ? State.PENDING : nowMs < endsAtMs ? State.ACTIVE : State.EXPIRED;
    }

    /** @return true when active at {@code nowMs} and every matcher equals the label of that name. */
    public boolean mutes(final Map<String, String> labels, final long nowMs)
    {
        return state(nowMs) == State.ACTIVE && LabelSets.includes(labels, matchers);
    }
}
