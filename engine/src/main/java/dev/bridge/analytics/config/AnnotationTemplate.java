package dev.bridge.analytics.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An annotation of an alert rule with Prometheus-style placeholders: {@code {{ $value }}} (the expression's current
 * value), {@code {{ $labels.NAME }}} (a label of the alert), and the pipes {@code {{ $value | humanize }}} (4
 * significant digits) and {@code {{ $value | humanizePercentage }}} (a fraction as a percentage, 4 significant
 * digits: 0.0625 is {@code 6.25%}). Parsed once; immutable and thread-safe.
 */
public final class AnnotationTemplate
{
    /** Shown in error messages. */
    public static final String SYNTAX = "{{ $value }}, {{ $value | humanize }}, {{ $value | humanizePercentage }} " +
        "or {{ $labels.<name> }}";

    private static final Pattern PLACEHOLDER = Pattern.compile(
        "\\s*(?:\\$value(?:\\s*\\|\\s*(humanize|humanizePercentage))?|\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*))\\s*");

    /** One literal text or placeholder. */
    private record Part(String text, String label, String pipe, boolean value)
    {
    }

    private final String source;
    private final List<Part> parts;

    private AnnotationTemplate(final String source, final List<Part> parts)
    {
        this.source = source;
        this.parts = parts;
    }

    /**
     * @param text the annotation as written.
     * @return the parsed template.
     * @throws IllegalArgumentException for an unclosed or unknown placeholder, naming it and the syntax.
     */
    public static AnnotationTemplate parse(final String text)
    {
        final List<Part> parts = new ArrayList<>();
        int from = 0;
        while (true)
        {
            final int open = text.indexOf("{{", from);
            if (open < 0)
            {
                if (from < text.length())
                {
                    parts.add(new Part(text.substring(from), null, null, false));
                }
                return new AnnotationTemplate(text, List.copyOf(parts));
            }
            if (open > from)
            {
                parts.add(new Part(text.substring(from, open), null, null, false));
            }
            final int close = text.indexOf("}}", open + 2);
            if (close < 0)
            {
                throw new IllegalArgumentException("unclosed '{{' at character " + (open + 1) + ": use " + SYNTAX);
            }
            final String inside = text.substring(open + 2, close);
            final Matcher m = PLACEHOLDER.matcher(inside);
            if (!m.matches())
            {
                throw new IllegalArgumentException("unknown placeholder '{{" + inside + "}}': use " + SYNTAX);
            }
            parts.add(m.group(2) != null ?
                new Part(null, m.group(2), null, false) : new Part(null, null, m.group(1), true));
            from = close + 2;
        }
    }

    /** @return the label names the template reads. */
    public List<String> labelNames()
    {
        return parts.stream().filter(p -> p.label() != null).map(Part::label).toList();
    }

    /**
     * @param value  the expression's value.
     * @param labels the alert's labels; a missing one renders as the empty string.
     * @return the text with every placeholder replaced.
     */
    public String render(final double value, final Map<String, String> labels)
    {
        final StringBuilder sb = new StringBuilder(source.length() + 16);
        for (final Part p : parts)
        {
            if (p.text() != null)
            {
                sb.append(p.text());
            }
            else if (p.label() != null)
            {
                sb.append(labels.getOrDefault(p.label(), ""));
            }
            else if ("humanize".equals(p.pipe()))
            {
                sb.append(significant(value));
            }
            else if ("humanizePercentage".equals(p.pipe()))
            {
                sb.append(significant(value * 100)).append('%');
            }
            else
            {
                sb.append(formatValue(value));
            }
        }
        return sb.toString();
    }

    /** @return a value as {@code {{ $value }}} prints it: integers without a fraction, else the shortest form. */
    public static String formatValue(final double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long)value);
        }
        return Double.toString(value);
    }

    private static String significant(final double value)
    {
        if (!Double.isFinite(value))
        {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString()
    {
        return source;
    }
}
