package dev.bridge.analytics.config;

import java.util.List;

/**
 * A settings record refused a value: the message says why (as {@link IllegalArgumentException} always did for code
 * that builds settings in Java), and {@link #keys()} names the YAML keys of the section the rule is about, the
 * offending one first, so that {@link Checks} places the error of a configuration file at the first of them the file
 * has, without reading the message. Immutable; thread-safe.
 */
public final class InvalidSettingException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final List<String> keys;
    private final String problem;

    /**
     * @param message the problem, as the configuration error shows it after the field.
     * @param keys    the keys (relative to the record's section) the rule is about, the offending one first.
     */
    public InvalidSettingException(final String message, final String... keys)
    {
        super(message);
        this.keys = List.of(keys);
        this.problem = message;
    }

    private InvalidSettingException(final String key, final String problem)
    {
        super(key + ": " + problem);
        this.keys = List.of(key);
        this.problem = problem;
    }

    /**
     * @return an exception whose message is {@code key: problem}, for a rule whose message does not otherwise name
     *         the key; the configuration error names the key as its field and shows {@link #problem()} only.
     */
    public static InvalidSettingException about(final String key, final String problem)
    {
        return new InvalidSettingException(key, problem);
    }

    /** @return the problem as a configuration error shows it after the field: the message, without a key prefix. */
    public String problem()
    {
        return problem;
    }

    /** @return the keys the rule is about, relative to the record's section, the offending one first. */
    public List<String> keys()
    {
        return keys;
    }
}
