package dev.bridge.analytics.config;

/** How a StatsD mapping's {@code match} is read (statsd_exporter's {@code match_type}). */
public enum StatsdMatchType
{
    /** {@code *} matches one dot-separated component ({@code [^.]*}) and captures it as $1, $2, ...; the rest is literal. */
    GLOB,
    /** A Java regular expression over the whole name; its groups are $1, $2, ... */
    REGEX
}
