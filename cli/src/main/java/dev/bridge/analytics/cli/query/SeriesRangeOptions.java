package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.query.TimeRange;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * The series and range options of {@code query stats|percentile}: a label filter ({@code --labels}) followed by
 * the {@link RangeOptions}. Used as a picocli mixin, after the command's own options: one instance per command
 * line, one thread.
 */
public final class SeriesRangeOptions
{
    @Option(names = "--labels", paramLabel = "K=V[,K=V]", description = "Only the series whose labels include these.")
    String labels;

    @Mixin
    RangeOptions rangeOptions;

    /**
     * @return the label filter, empty without {@code --labels}.
     * @throws QueryException for a malformed filter.
     */
    public Map<String, String> filter()
    {
        return LabelFilter.parse(labels);
    }

    /**
     * @return the range the options select.
     * @throws QueryException as {@link RangeOptions#range()}.
     */
    public TimeRange range()
    {
        return rangeOptions.range();
    }
}
