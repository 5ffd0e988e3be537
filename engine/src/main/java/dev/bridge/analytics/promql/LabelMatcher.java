package dev.bridge.analytics.promql;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One matcher of a vector selector: {@code name = "v"}, {@code !=}, {@code =~} (fully anchored regular
 * expression), {@code !~}. An absent label matches as the empty string. Immutable, thread-safe.
 *
 * @param name    the label name.
 * @param type    the comparison.
 * @param value   the literal or the regular expression's text.
 * @param pattern the compiled, anchored expression ({@code ^(?:value)$}); null for {@code =} and {@code !=}.
 */
public record LabelMatcher(String name, Type type, String value, Pattern pattern)
{
    /** The four comparisons, with their PromQL spelling. */
    public enum Type
    {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String spelling;

        Type(final String spelling)
        {
            this.spelling = spelling;
        }

        /** @return the operator as written in PromQL. */
        public String spelling()
        {
            return spelling;
        }
    }

    /** @return a matcher of {@code type}; a regular expression is compiled anchored. */
    public static LabelMatcher of(final String name, final Type type, final String value)
    {
        final Pattern pattern = type == Type.REGEX || type == Type.NOT_REGEX ?
            Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL) : null;
        return new LabelMatcher(name, type, value, pattern);
    }

    /** @return true when {@code labelValue} ("" for an absent label) satisfies this matcher. */
    public boolean matches(final String labelValue)
    {
        return switch (type)
        {
            case EQUAL -> value.equals(labelValue);
            case NOT_EQUAL -> !value.equals(labelValue);
            case REGEX -> pattern.matcher(labelValue).matches();
            case NOT_REGEX -> !pattern.matcher(labelValue).matches();
        };
    }

    /** @return true when every matcher of {@code matchers} accepts {@code labels}. */
    public static boolean matchAll(final List<LabelMatcher> matchers, final Labels labels)
    {
        for (final LabelMatcher m : matchers)
        {
            if (!m.matches(labels.get(m.name())))
            {
                return false;
            }
        }
        return true;
    }

    /** Equal when name, type and value are (the compiled pattern follows from them). */
    @Override
    public boolean equals(final Object o)
    {
        return o instanceof LabelMatcher m && name.equals(m.name) && type == m.type && value.equals(m.value);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(name, type, value);
    }

    @Override
    public String toString()
    {
        return name + type.spelling() + '"' + value + '"';
    }
}
