package dev.bridge.analytics.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one vocabulary of configuration checks (in the manner of client_java's {@code Util.assertValue}): every
 * check names the YAML path of the setting it is about ({@code engine.store_entries},
 * {@code metrics.read_latency_us.histogram.significant_digits}, {@code statsd.mappings[2].metric}) and a failed
 * check is a {@link ConfigException} placed at that path's key or value as {@link YamlPositions} recorded them from
 * the parsed document: never found by searching a message. The first failed check ends the load (the file's
 * errors are reported one at a time, in the order the sections are read).
 * <p>
 * One instance per load, confined to the loading thread.
 */
final class Checks
{
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final YamlPositions at;

    Checks(final YamlPositions positions)
    {
        this.at = positions;
    }

    /** @return where the keys and values of the document are. */
    YamlPositions positions()
    {
        return at;
    }

    /** @return true when the document has a key (or list item) at {@code path}. */
    boolean has(final String path)
    {
        return at.has(path);
    }

    /** @return an error about {@code path}, placed at its value (or, when absent, the nearest enclosing one). */
    ConfigException atValue(final String path, final String problem)
    {
        return at.errorAtValue(path, problem);
    }

    /** @return an error about {@code path}, placed at its key. */
    ConfigException atKey(final String path, final String problem)
    {
        return at.errorAtKey(path, problem);
    }

    /** @return the error for a required {@code key} absent under {@code path}, placed at {@code path}'s key. */
    ConfigException missing(final String path, final String key, final String hint)
    {
        return at.error(path + "." + key, at.key(path), "missing required key '" + key + "' (" + hint + ")");
    }

    /** As {@link #missing(String, String, String)}, when {@code alternative} could be given instead of {@code key}. */
    ConfigException missing(final String path, final String key, final String alternative, final String hint)
    {
        return at.error(path + "." + key, at.key(path),
            "missing required key '" + key + "' or '" + alternative + "' (" + hint + ")");
    }

    /**
     * @return {@code value} when it is null (not in the file) or in the {@link ConfigRanges range} of {@code path}.
     * @throws ConfigException at the value otherwise.
     */
    <T extends Number> T range(final String path, final T value) throws ConfigException
    {
        return ConfigRanges.check(at, path, value);
    }

    /** As {@link #range(String, Number)}, for a duration. */
    Duration range(final String path, final Duration value) throws ConfigException
    {
        return ConfigRanges.check(at, path, value);
    }

    /**
     * @return {@code value}, or {@code fallback} when the file does not set it.
     * @throws ConfigException at the value when it is zero or negative ({@code key must be > 0, was -1s}).
     */
    Duration positive(final String path, final Duration value, final Duration fallback) throws ConfigException
    {
        if (value == null)
        {
            return fallback;
        }
        if (value.isZero() || value.isNegative())
        {
            throw atValue(path, lastKey(path) + " must be > 0, was " + Durations.format(value));
        }
        return value;
    }

    /** As {@link #positive}, and the duration must be a whole number of seconds. */
    Duration wholeSeconds(final String path, final Duration value, final Duration fallback) throws ConfigException
    {
        final Duration d = positive(path, value, fallback);
        if (d.getNano() != 0)
        {
            throw atValue(path, lastKey(path) + " must be a whole number of seconds, was " + Durations.format(d));
        }
        return d;
    }

    /**
     * @return the catalog metric {@code name} at {@code path}.
     * @throws ConfigException at the value when the catalog has no such metric, listing the known ones.
     */
    MetricDefinition metric(final String path, final String name, final Map<String, MetricDefinition> catalog)
        throws ConfigException
    {
        final MetricDefinition metric = catalog.get(name);
        if (metric == null)
        {
            throw atValue(path, "unknown metric '" + name + "'; known metrics: " + String.join(", ", catalog.keySet()));
        }
        return metric;
    }

    /**
     * @return the catalog metric {@code name} at {@code path}, as an alert rule names it.
     * @throws ConfigException at the value when the catalog has no such metric, suggesting the nearest name.
     */
    MetricDefinition suggestedMetric(final String path, final String name, final Map<String, MetricDefinition> catalog)
        throws ConfigException
    {
        final MetricDefinition metric = catalog.get(name);
        if (metric == null)
        {
            throw atValue(path, "unknown metric '" + name + "'" + didYouMean(name, catalog.keySet()) +
                "; the catalog has " + String.join(", ", catalog.keySet()));
        }
        return metric;
    }

    /**
     * @return {@code " (did you mean 'x'?)"} for the candidate nearest to {@code name} (distance 3 or less), else "".
     */
    static String didYouMean(final String name, final Iterable<String> candidates)
    {
        final String best = NameSuggestions.nearest(name, candidates, 4);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /**
     * A metric or catalog label name: {@code [a-z_][a-z0-9_]*}.
     *
     * @throws ConfigException at the value otherwise: {@code bad <what> name 'x': names must match [a-z_][a-z0-9_]*}.
     */
    void lowerCaseName(final String path, final String what, final String name) throws ConfigException
    {
        if (!isLowerCaseName(name))
        {
            throw atValue(path, "bad " + what + " name '" + name + "': names must match [a-z_][a-z0-9_]*");
        }
    }

    /** @return true for a metric or catalog label name: {@code [a-z_][a-z0-9_]*}. */
    static boolean isLowerCaseName(final String name)
    {
        return NAME.matcher(name).matches();
    }

    /**
     * A Prometheus label name used as a key ({@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting with {@code __}).
     *
     * @throws ConfigException at the key otherwise.
     */
    void labelKey(final String path, final String label) throws ConfigException
    {
        if (!LABEL_NAME.matcher(label).matches())
        {
            throw atKey(path, "bad label name '" + label + "': names must match [a-zA-Z_][a-zA-Z0-9_]*");
        }
        if (label.startsWith("__"))
        {
            throw atKey(path, "label names starting with '__' are reserved");
        }
    }

    /**
     * @return what {@code build} makes of the setting or section at {@code path} (typically a record whose
     *         constructor checks what the builders need too, or a parser of one value).
     * @throws ConfigException when {@code build} refuses a value: an {@link InvalidSettingException} is placed at the
     *                         value of the first of its {@link InvalidSettingException#keys() keys} that the file has
     *                         under {@code path} (else at its first key), showing its
     *                         {@link InvalidSettingException#problem() problem}; any other
     *                         {@link IllegalArgumentException} at {@code path} itself.
     */
    <T> T build(final String path, final Supplier<T> build) throws ConfigException
    {
        try
        {
            return build.get();
        }
        catch (final InvalidSettingException ex)
        {
            throw atValue(keyPath(path, ex.keys()), ex.problem());
        }
        catch (final IllegalArgumentException ex)
        {
            throw atValue(path, ex.getMessage());
        }
    }

    /** @return {@code section.key} for the first of {@code keys} the file has, else the first; no keys: section. */
    private String keyPath(final String section, final List<String> keys)
    {
        for (final String key : keys)
        {
            if (at.has(section + "." + key))
            {
                return section + "." + key;
            }
        }
        return keys.isEmpty() ? section : section + "." + keys.get(0);
    }

    /** @return the last key of a path: {@code raw_resolution} for {@code engine.raw_resolution}. */
    static String lastKey(final String path)
    {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
