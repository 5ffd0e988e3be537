package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.config.StatsdMapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapping rules, compiled: the first rule whose pattern matches the whole name gives the metric and the labels,
 * with {@code $n} / {@code ${n}} replaced by the captures. Resolution path (allocates). Immutable, thread-safe.
 */
final class StatsdMappings
{
    private final List<StatsdMapping> rules;
    private final Pattern[] patterns;

    StatsdMappings(final List<StatsdMapping> rules)
    {
        this.rules = List.copyOf(rules);
        patterns = this.rules.stream().map(StatsdMapping::pattern).toArray(Pattern[]::new);
    }

    /** A metric and labels a name mapped to. */
    record Mapped(String metric, Map<String, String> labels)
    {
    }

    /** @return what the first matching rule gives, or null when no rule matches. */
    Mapped map(final String name)
    {
        for (int i = 0; i < patterns.length; i++)
        {
            final Matcher m = patterns[i].matcher(name);
            if (m.matches())
            {
                final StatsdMapping rule = rules.get(i);
                final Map<String, String> labels = new LinkedHashMap<>();
                rule.labels().forEach((label, template) -> labels.put(label, expand(template, m)));
                return new Mapped(expand(rule.metric(), m), labels);
            }
        }
        return null;
    }

    static String expand(final String template, final Matcher m)
    {
        if (template.indexOf('$') < 0)
        {
            return template;
        }
        final StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length())
        {
            final char c = template.charAt(i);
            if (c == '$')
            {
                final int group = StatsdMapping.captureAt(template, i); // validated when the rule was built
                final String captured = m.group(group);
                out.append(captured == null ? "" : captured);
                i += StatsdMapping.captureLength(template, i);
            }
            else
            {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
