package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.query.TimeRange;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.Map;

/**
 * The range options of {@code query stats|percentile|dashboard}: a named range ({@code --range}, default
 * {@code last_hour}) or an explicit one ({@code --from} and {@code --to}: the buckets whose start is in
 * [from, to)). Used as a picocli mixin: one instance per command line, one thread.
 */
public final class RangeOptions
{
    /** The named ranges, by their {@code --range} name. */
    static final Map<String, TimeRange> NAMED = TimeRange.NAMED;

    @Option(names = "--range", paramLabel = "NAME",
        description = "all, last_minute, last_5_minutes, last_hour, last_day or last_<duration> up to 3650d " +
            "(last_15m, last_6h; default: last_hour).")
    String name;

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
        description = "Start of an explicit range: ISO-8601 instant or epoch ms (with --to, instead of --range).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class,
        description = "End of an explicit range (exclusive): ISO-8601 instant or epoch ms.")
    Instant to;

    /**
     * @return the range the options select.
     * @throws QueryException for an unknown name, --range with --from/--to, one of --from/--to alone, or from after to.
     */
    public TimeRange range()
    {
        return resolve(name, from, to, TimeRange.LAST_HOUR);
    }

    /**
     * @return the range of a {@code --range} name or of {@code --from}/{@code --to}, {@code fallback} without either.
     * @throws QueryException for an unknown name, a name with from/to, one of from/to alone, or from after to.
     */
    static TimeRange resolve(final String name, final Instant from, final Instant to, final TimeRange fallback)
    {
        if (from != null || to != null)
        {
            if (name != null)
            {
                throw new QueryException("give either --range or --from and --to, not both");
            }
            return explicit(from, to);
        }
        if (name == null)
        {
            return fallback;
        }
        try
        {
            return TimeRange.parse(name); // as the HTTP range parameter: a name or last_<duration>, at most 10 years
        }
        catch (final IllegalArgumentException ex)
        {
            throw new QueryException(ex.getMessage() +
                (ex.getMessage().startsWith("unknown range") ? ", or --from and --to" : ""));
        }
    }

    /** @throws QueryException when one end is missing or from is after to. */
    static TimeRange explicit(final Instant from, final Instant to)
    {
        if (from == null || to == null)
        {
            throw new QueryException("--from and --to go together: give both");
        }
        if (from.isAfter(to))
        {
            throw new QueryException("--from " + from + " is after --to " + to);
        }
        return TimeRange.between(from, to);
    }
}
