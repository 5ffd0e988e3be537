package dev.bridge.analytics.config;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One StatsD mapping rule, as statsd_exporter's: a name that matches {@code match} is recorded into
 * {@code metric} with {@code labels}; both may use the captures as {@code $1} or {@code ${1}}. Tags of the line
 * whose key is a label of the metric fill that label too (a label set here wins). Rules are tried in order; the
 * first that matches decides. Immutable, thread-safe.
 *
 * @param match     a glob ({@code dspex.*.read}) or a regular expression, matched against the whole name (the
 *                  name without any Influx, Librato or SignalFx tags).
 * @param matchType glob or regex.
 * @param metric    the catalog metric (template).
 * @param labels    label name -> value template.
 */
public record StatsdMapping(String match, StatsdMatchType matchType, String metric, Map<String, String> labels)
{
    public StatsdMapping
    {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(matchType, "matchType");
        Objects.requireNonNull(metric, "metric");
        labels = Map.copyOf(labels);
        if (match.isEmpty())
        {
            throw new InvalidSettingException("match must not be empty", "match");
        }
        if (metric.isEmpty())
        {
            throw new InvalidSettingException("metric must not be empty", "metric");
        }
        if (matchType == StatsdMatchType.GLOB && (match.indexOf(':') >= 0 || match.indexOf('|') >= 0))
        {
            throw new InvalidSettingException("a glob may not contain ':' or '|', was '" + match + "'", "match");
        }
        final int groups = pattern(match, matchType).matcher("").groupCount();
        checkCaptures("metric", metric, groups);
        labels.forEach((name, value) -> checkCaptures("labels." + name, value, groups));
    }

    /** A glob mapping without labels. */
    public static StatsdMapping glob(final String match, final String metric)
    {
        return new StatsdMapping(match, StatsdMatchType.GLOB, metric, Map.of());
    }

    /** @return the compiled expression: anchored regex, or the glob with each {@code *} as a group {@code ([^.]*)}. */
    public Pattern pattern()
    {
        return pattern(match, matchType);
    }

    private static Pattern pattern(final String match, final StatsdMatchType matchType)
    {
        if (matchType == StatsdMatchType.REGEX)
        {
            try
            {
                return Pattern.compile(match);
            }
            catch (final PatternSyntaxException ex)
            {
                final InvalidSettingException invalid = new InvalidSettingException(
                    "invalid regular expression '" + match + "': " + ex.getDescription(), "match");
                invalid.initCause(ex);
                throw invalid;
            }
        }
        final StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int star = match.indexOf('*'); star >= 0; star = match.indexOf('*', start))
        {
            if (star > start)
            {
                regex.append(Pattern.quote(match.substring(start, star)));
            }
            regex.append("([^.]*)");
            start = star + 1;
        }
        if (start < match.length())
        {
            regex.append(Pattern.quote(match.substring(start)));
        }
        return Pattern.compile(regex.toString());
    }

    private static void checkCaptures(final String field, final String template, final int groups)
    {
        for (int i = template.indexOf('$'); i >= 0; i = template.indexOf('$', i + 1))
        {
            final int group = captureAt(template, i);
            if (group < 0)
            {
                throw InvalidSettingException.about(field, "'$' must be followed by a group number ($1 or ${1}) in '" +
                    template + "'");
            }
            if (group > groups)
            {
                throw InvalidSettingException.about(field, "$" + group + " refers to a capture the match does not " +
                    "have (it has " + groups + ") in '" + template + "'");
            }
        }
    }

    /** @return the group number of the capture reference starting at {@code dollar}, or -1 when malformed. */
    public static int captureAt(final String template, final int dollar)
    {
        int i = dollar + 1;
        final boolean braced = i < template.length() && template.charAt(i) == '{';
        if (braced)
        {
            i++;
        }
        final int digits = i;
        int group = 0;
        while (i < template.length() && Character.isDigit(template.charAt(i)) && i - digits < 4)
        {
            group = group * 10 + template.charAt(i) - '0';
            i++;
        }
        if (i == digits || (braced && (i >= template.length() || template.charAt(i) != '}')))
        {
            return -1;
        }
        return group;
    }

    /**
     * @return the length of the well-formed capture reference starting at {@code dollar} ({@code $12} is 3,
     *         {@code ${1}} 4); see {@link #captureAt}.
     */
    public static int captureLength(final String template, final int dollar)
    {
        int i = dollar + 1;
        final boolean braced = template.charAt(i) == '{';
        if (braced)
        {
            i++;
        }
        final int digits = i;
        while (i < template.length() && Character.isDigit(template.charAt(i)) && i - digits < 4)
        {
            i++;
        }
        return (braced ? i + 1 : i) - dollar;
    }

    /**
     * The mapping rule at {@code path} ({@code statsd.mappings[2]}) of a configuration file: a metric without
     * captures must be in the catalog and have the labels the rule sets.
     *
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static StatsdMapping from(final String path, final ConfigDto.Mapping m, final Checks checks,
        final Map<String, MetricDefinition> catalog) throws ConfigException
    {
        if (m == null)
        {
            throw checks.atValue(path, "expected a mapping rule { match, metric, ... }, got an empty entry");
        }
        if (m.match == null)
        {
            throw checks.missing(path, "match", "a glob such as dspex.*.read, or a regular expression with match_type: regex");
        }
        if (m.metric == null)
        {
            throw checks.missing(path, "metric", "the catalog metric, may use captures as $1");
        }
        final Map<String, String> labels = m.labels == null ? Map.of() : m.labels;
        final StatsdMapping mapping = checks.build(path, () ->
            new StatsdMapping(m.match, m.matchType != null ? m.matchType : StatsdMatchType.GLOB, m.metric, labels));
        if (m.metric.indexOf('$') < 0)
        {
            final MetricDefinition metric = checks.metric(path + ".metric", m.metric, catalog);
            for (final String label : labels.keySet())
            {
                if (!metric.labels().contains(label))
                {
                    throw checks.atKey(path + ".labels." + label, "metric '" + metric.name() + "' has no label '" +
                        label + "'; its labels: " + metric.labels());
                }
            }
        }
        return mapping;
    }
}
