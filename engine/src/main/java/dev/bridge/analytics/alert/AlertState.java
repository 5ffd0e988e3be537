package dev.bridge.analytics.alert;

import java.util.Locale;

/**
 * The state of a tracked alert, as Prometheus defines them. An alert that is not tracked is inactive: its condition
 * is false, or it was resolved and that was notified.
 */
public enum AlertState
{
    /** The condition holds, for less than the rule's {@code for} so far. Not notified. */
    PENDING,
    /** The condition has held for {@code for} (or stopped holding less than {@code keep_firing_for} ago). */
    FIRING,
    /** Was firing; its condition has stopped holding. Notified once as resolved, then forgotten. */
    RESOLVED;

    /** @return the lower-case name used in JSON and logs: {@code pending}, {@code firing}, {@code resolved}. */
    public String spelling()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the state spelled {@code text} (lower case). */
    static AlertState parse(final String text)
    {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
