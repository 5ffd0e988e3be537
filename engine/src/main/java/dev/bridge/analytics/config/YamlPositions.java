package dev.bridge.analytics.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and each value of a YAML document starts, by dotted path ({@code engine.ring_size},
 * {@code metrics.x.histogram.highest}, {@code metrics.x.labels[1]}), recorded in one streaming pass over the text
 * before typed binding, so that every later error (binding or semantic) can name an exact line and column.
 * <p>
 * The pass also rejects what binding cannot place well: YAML syntax errors, an empty document, a top level that is
 * not a mapping, a second document, and duplicate keys. Jackson's {@code STRICT_DUPLICATE_DETECTION} does work for
 * YAML (the binding pass keeps it on), but it reports the position after the repeated key; this pass reports the
 * start of the repeated key and the line of the first one.
 * <p>
 * Not thread-safe while {@link #scan} builds it; effectively immutable and safe to share afterwards.
 */
final class YamlPositions
{
    /** A 1-based line and column. */
    record Position(int line, int column)
    {
    }

    private static final Position START = new Position(1, 1);
    private static final YAMLFactory FACTORY = YamlLimits.factory(false);

    private final String file;
    private final Map<String, Position> keys = new HashMap<>();
    private final Map<String, Position> values = new HashMap<>();
    private final Map<String, String> descriptions = new HashMap<>();
    private String currentPath = "";

    private YamlPositions(final String file)
    {
        this.file = file;
    }

    /**
     * @param yaml the document.
     * @param file its name, for error messages.
     * @return the positions of every key and value.
     * @throws ConfigException for syntax errors, an empty document, a non-mapping top level, several documents and
     *                         duplicate keys.
     */
    static YamlPositions scan(final String yaml, final String file) throws ConfigException
    {
        final YamlPositions positions = new YamlPositions(file);
        try (JsonParser p = FACTORY.createParser(yaml))
        {
            final JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL)
            {
                throw new ConfigException(file, 1, 1, "",
                    "the file is empty: expected a mapping with an 'engine:' and a 'metrics:' section");
            }
            if (first != JsonToken.START_OBJECT)
            {
                throw positions.error("", position(p.currentTokenLocation()),
                    "expected a mapping with an 'engine:' and a 'metrics:' section at the top level, got " +
                    describe(p));
            }
            positions.scanValue(p, "", first);
            if (p.nextToken() != null)
            {
                throw positions.error("", position(p.currentTokenLocation()),
                    "a second YAML document starts here: the file must hold exactly one");
            }
        }
        catch (final StreamReadException ex)
        {
            throw positions.syntaxError(ex);
        }
        catch (final StreamConstraintsException ex)
        {
            throw positions.limitError(ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex); // reading a String does not fail
        }
        return positions;
    }

    private void scanValue(final JsonParser p, final String path, final JsonToken token)
        throws IOException, ConfigException
    {
        currentPath = path;
        if (p instanceof YAMLParser && ((YAMLParser)p).isCurrentAlias())
        {
            throw error(path, position(p.currentTokenLocation()),
                "YAML aliases (*" + p.getText() + ") are not supported: write the value out");
        }
        values.put(path, position(p.currentTokenLocation()));
        descriptions.put(path, describe(p));
        if (token == JsonToken.START_OBJECT)
        {
            final Map<String, Position> seen = new HashMap<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken())
            {
                final String name = p.currentName();
                final String child = path.isEmpty() ? name : path + "." + name;
                final Position at = position(p.currentTokenLocation());
                final Position first = seen.putIfAbsent(name, at);
                if (first != null)
                {
                    throw error(child, at, "metrics".equals(path) ?
                        "duplicate metric '" + name + "' (first defined at line " + first.line() + ")" :
                        "duplicate key '" + name + "' (first at line " + first.line() + ")");
                }
                keys.put(child, at);
                currentPath = child;
                scanValue(p, child, p.nextToken());
            }
        }
        else if (token == JsonToken.START_ARRAY)
        {
            int index = 0;
            for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken())
            {
                scanValue(p, path + "[" + index++ + "]", t);
            }
        }
    }

    /** @return a document beyond one of {@link YamlLimits}, placed where the scan stopped. */
    private ConfigException limitError(final StreamConstraintsException ex)
    {
        final String message = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
        final String problem;
        if (message.contains("nesting depth"))
        {
            problem = "nested deeper than " + YamlLimits.MAX_NESTING_DEPTH + " levels: a configuration needs at most 7";
        }
        else if (message.contains("document length"))
        {
            problem = "the document is longer than " + YamlLimits.MAX_CHARS + " characters";
        }
        else
        {
            problem = "a value beyond the limits of a configuration file: " + message.replaceAll(" \\(.*$", "");
        }
        final Position at = ex.getLocation() == null || ex.getLocation().getLineNr() < 1 ?
            value(currentPath) : position(ex.getLocation());
        final String field = currentPath.length() > 80 ? currentPath.substring(0, 77) + "..." : currentPath;
        return new ConfigException(file, at.line(), at.column(), field, problem, ex);
    }

    private ConfigException syntaxError(final StreamReadException ex)
    {
        for (Throwable t = ex.getCause(); t != null; t = t.getCause())
        {
            if (t instanceof MarkedYAMLException)
            {
                final MarkedYAMLException yaml = (MarkedYAMLException)t;
                if (yaml.getProblemMark() != null)
                {
                    final Position at =
                        new Position(yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1);
                    String problem = "invalid YAML: " + yaml.getProblem();
                    if (yaml.getContext() != null && yaml.getContextMark() != null)
                    {
                        problem += " (" + yaml.getContext() + " at line " + (yaml.getContextMark().getLine() + 1) +
                            ", column " + (yaml.getContextMark().getColumn() + 1) + ")";
                    }
                    return new ConfigException(file, at.line(), at.column(), currentPath, problem, ex);
                }
            }
        }
        final Position at = ex.getLocation() == null ? value(currentPath) : position(ex.getLocation());
        return new ConfigException(file, at.line(), at.column(), currentPath,
            "invalid YAML: " + ex.getOriginalMessage(), ex);
    }

    /** @return how a value reads in an error message: {@code a mapping}, {@code the string 'x'}, ... */
    static String describe(final JsonParser p) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == null)
        {
            return "nothing";
        }
        switch (token)
        {
            case START_OBJECT:
                return "a mapping";
            case START_ARRAY:
                return "a list";
            case VALUE_STRING:
                final String text = p.getText();
                return "the string '" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "the number " + p.getText();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "the boolean " + p.getText();
            case VALUE_NULL:
                return "an empty value";
            default:
                return token.toString();
        }
    }

    static Position position(final JsonLocation location)
    {
        return location == null || location.getLineNr() < 1 ?
            START : new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /** @return the start of the key at {@code path}; if it has none (a list item), of its value; else as {@link #value}. */
    Position key(final String path)
    {
        final Position at = keys.get(path);
        return at != null ? at : value(path);
    }

    /** @return the start of the value at {@code path}; if absent, of the nearest enclosing key or value; else 1:1. */
    Position value(final String path)
    {
        for (String p = path; ; p = parent(p))
        {
            final Position at = values.containsKey(p) ? values.get(p) : keys.get(p);
            if (at != null)
            {
                return at;
            }
            if (p.isEmpty())
            {
                return START;
            }
        }
    }

    /** @return true when the document has a key (or list item) at {@code path}. */
    boolean has(final String path)
    {
        return keys.containsKey(path) || values.containsKey(path);
    }

    /** @return how the value at {@code path} reads in an error message, e.g. {@code the string 'large'}. */
    String describe(final String path)
    {
        return descriptions.getOrDefault(path, "nothing");
    }

    /** @return an error about {@code field} placed at {@code at}. */
    ConfigException error(final String field, final Position at, final String problem)
    {
        return new ConfigException(file, at.line(), at.column(), field, problem);
    }

    /** @return an error about {@code field} placed at its key. */
    ConfigException errorAtKey(final String field, final String problem)
    {
        return error(field, key(field), problem);
    }

    /** @return an error about {@code field} placed at its value. */
    ConfigException errorAtValue(final String field, final String problem)
    {
        return error(field, value(field), problem);
    }

    /** @return the path one level up: {@code a.b[2]} to {@code a.b}, {@code a.b} to {@code a}, {@code a} to "". */
    static String parent(final String path)
    {
        final int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
