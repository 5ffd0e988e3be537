package dev.bridge.analytics.promql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PromQL expression into {@link Token}s: identifiers ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}), numbers (decimal,
 * float, exponent, hex), durations ({@code ([0-9]+(ms|s|m|h|d|w|y))+}), strings ({@code "..."} and {@code '...'}
 * with Go escapes, {@code `...`} raw), operators and punctuation; {@code #} starts a comment to the end of the line.
 * Errors are {@link PromqlException}s with the position. Brackets are counted: an unclosed {@code (} is reported at
 * the end of the input as Prometheus does. Not thread-safe: one per parse.
 */
final class Lexer
{
    private static final String DURATION_UNITS = "smhdwy";

    private final String input;
    private int at;
    /** Inside {@code [...]}: a {@code :} is the subquery separator, not an identifier. */
    private boolean inBrackets;

    private Lexer(final String input)
    {
        this.input = input;
    }

    /** @return the tokens of {@code input}, ending with one {@link Token.Kind#END}. */
    static List<Token> tokens(final String input)
    {
        return new Lexer(input).all();
    }

    private List<Token> all()
    {
        final List<Token> tokens = new ArrayList<>();
        int parens = 0;
        int braces = 0;
        int brackets = 0;
        while (true)
        {
            final Token token = next();
            switch (token.kind())
            {
                case LEFT_PAREN -> parens++;
                case RIGHT_PAREN ->
                {
                    if (--parens < 0)
                    {
                        throw PromqlException.parse(input, token.position(), "unexpected right parenthesis ')'");
                    }
                }
                case LEFT_BRACE -> braces++;
                case RIGHT_BRACE ->
                {
                    if (--braces < 0)
                    {
                        throw PromqlException.parse(input, token.position(), "unexpected right brace '}'");
                    }
                }
                case LEFT_BRACKET -> inBrackets = ++brackets > 0;
                case RIGHT_BRACKET ->
                {
                    inBrackets = --brackets > 0;
                    if (brackets < 0)
                    {
                        throw PromqlException.parse(input, token.position(), "unexpected right bracket ']'");
                    }
                }
                default ->
                {
                }
            }
            if (token.kind() == Token.Kind.END)
            {
                if (parens > 0)
                {
                    throw PromqlException.parse(input, token.position(), "unclosed left parenthesis");
                }
                if (braces > 0)
                {
                    throw PromqlException.parse(input, token.position(), "unexpected end of input inside braces");
                }
                if (brackets > 0)
                {
                    throw PromqlException.parse(input, token.position(), "unclosed left bracket");
                }
                tokens.add(token);
                return tokens;
            }
            tokens.add(token);
        }
    }

    private Token next()
    {
        skipSpaceAndComments();
        if (at >= input.length())
        {
            return new Token(Token.Kind.END, "", at);
        }
        final int start = at;
        final char c = input.charAt(at);
        if (Character.isDigit(c) || (c == '.' && at + 1 < input.length() && Character.isDigit(input.charAt(at + 1))))
        {
            return number(start);
        }
        if (isIdentifierStart(c) && !(c == ':' && inBrackets))
        {
            while (at < input.length() && isIdentifierPart(input.charAt(at)))
            {
                at++;
            }
            return new Token(Token.Kind.IDENTIFIER, input.substring(start, at), start);
        }
        switch (c)
        {
            case '"', '\'' ->
            {
                return new Token(Token.Kind.STRING, quoted(c), start);
            }
            case '`' ->
            {
                final int end = input.indexOf('`', at + 1);
                if (end < 0)
                {
                    throw PromqlException.parse(input, input.length(), "unterminated raw string");
                }
                at = end + 1;
                return new Token(Token.Kind.STRING, input.substring(start + 1, end), start);
            }
            case '(' -> { at++; return new Token(Token.Kind.LEFT_PAREN, "(", start); }
            case ')' -> { at++; return new Token(Token.Kind.RIGHT_PAREN, ")", start); }
            case '{' -> { at++; return new Token(Token.Kind.LEFT_BRACE, "{", start); }
            case '}' -> { at++; return new Token(Token.Kind.RIGHT_BRACE, "}", start); }
            case '[' -> { at++; return new Token(Token.Kind.LEFT_BRACKET, "[", start); }
            case ']' -> { at++; return new Token(Token.Kind.RIGHT_BRACKET, "]", start); }
            case ',' -> { at++; return new Token(Token.Kind.COMMA, ",", start); }
            case ':' -> { at++; return new Token(Token.Kind.COLON, ":", start); }
            default ->
            {
                // operators: the two-character ones first
                for (final String op : new String[] { "==", "!=", ">=", "<=", "=~", "!~" })
                {
                    if (input.startsWith(op, at))
                    {
                        at += 2;
                        return new Token(Token.Kind.OPERATOR, op, start);
                    }
                }
                if ("+-*/%^<>=".indexOf(c) >= 0)
                {
                    at++;
                    return new Token(Token.Kind.OPERATOR, String.valueOf(c), start);
                }
                throw PromqlException.parse(input, start, "unexpected character: '" + c + "'");
            }
        }
    }

    private void skipSpaceAndComments()
    {
        while (at < input.length())
        {
            final char c = input.charAt(at);
            if (c == '#')
            {
                while (at < input.length() && input.charAt(at) != '\n')
                {
                    at++;
                }
            }
            else if (Character.isWhitespace(c))
            {
                at++;
            }
            else
            {
                return;
            }
        }
    }

    private Token number(final int start)
    {
        if (input.startsWith("0x", at) || input.startsWith("0X", at))
        {
            at += 2;
            while (at < input.length() && Character.digit(input.charAt(at), 16) >= 0)
            {
                at++;
            }
            return new Token(Token.Kind.NUMBER, input.substring(start, at), start);
        }
        while (at < input.length() && Character.isDigit(input.charAt(at)))
        {
            at++;
        }
        if (at < input.length() && DURATION_UNITS.indexOf(input.charAt(at)) >= 0)
        {
            return duration(start);
        }
        if (at < input.length() && input.charAt(at) == '.')
        {
            at++;
            while (at < input.length() && Character.isDigit(input.charAt(at)))
            {
                at++;
            }
        }
        if (at < input.length() && (input.charAt(at) == 'e' || input.charAt(at) == 'E'))
        {
            int look = at + 1;
            if (look < input.length() && (input.charAt(look) == '+' || input.charAt(look) == '-'))
            {
                look++;
            }
            if (look < input.length() && Character.isDigit(input.charAt(look)))
            {
                at = look;
                while (at < input.length() && Character.isDigit(input.charAt(at)))
                {
                    at++;
                }
            }
        }
        if (at < input.length() && isWordPart(input.charAt(at)))
        {
            throw PromqlException.parse(input, start, "bad number or duration syntax: \"" +
                input.substring(start, at + 1) + "\"");
        }
        return new Token(Token.Kind.NUMBER, input.substring(start, at), start);
    }

    /** Continues a duration whose first digits were read: {@code (digits unit)+}. */
    private Token duration(final int start)
    {
        while (true)
        {
            if (input.startsWith("ms", at))
            {
                at += 2;
            }
            else if (at < input.length() && DURATION_UNITS.indexOf(input.charAt(at)) >= 0)
            {
                at++;
            }
            else
            {
                throw PromqlException.parse(input, start, "bad duration syntax: \"" + input.substring(start, at) + "\"");
            }
            if (at < input.length() && Character.isDigit(input.charAt(at)))
            {
                while (at < input.length() && Character.isDigit(input.charAt(at)))
                {
                    at++;
                }
                continue;
            }
            if (at < input.length() && isWordPart(input.charAt(at)))
            {
                throw PromqlException.parse(input, start, "bad duration syntax: \"" + input.substring(start, at + 1) + "\"");
            }
            return new Token(Token.Kind.DURATION, input.substring(start, at), start);
        }
    }

    /** Reads a quoted string with Go escapes; {@code at} is on the opening quote. */
    private String quoted(final char quote)
    {
        final int start = at;
        final StringBuilder value = new StringBuilder();
        at++;
        while (true)
        {
            if (at >= input.length() || input.charAt(at) == '\n')
            {
                throw PromqlException.parse(input, start, "unterminated quoted string");
            }
            final char c = input.charAt(at++);
            if (c == quote)
            {
                return value.toString();
            }
            if (c != '\\')
            {
                value.append(c);
                continue;
            }
            if (at >= input.length())
            {
                throw PromqlException.parse(input, start, "unterminated quoted string");
            }
            final char e = input.charAt(at++);
            switch (e)
            {
                case 'a' -> value.append('\u0007');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'v' -> value.append('\u000b');
                case '\\' -> value.append('\\');
                case '"', '\'' ->
                {
                    if (e != quote)
                    {
                        throw PromqlException.parse(input, at - 2, "unknown escape sequence '\\" + e + "'");
                    }
                    value.append(e);
                }
                case 'x' -> value.appendCodePoint(hex(2));
                case 'u' -> value.appendCodePoint(hex(4));
                case 'U' -> value.appendCodePoint(hex(8));
                default ->
                {
                    if (e >= '0' && e <= '7' && at + 1 < input.length())
                    {
                        final String octal = input.substring(at - 1, at + 2);
                        try
                        {
                            value.append((char)Integer.parseInt(octal, 8));
                            at += 2;
                            continue;
                        }
                        catch (final NumberFormatException ignored)
                        {
                            // reported below
                        }
                    }
                    throw PromqlException.parse(input, at - 2, "unknown escape sequence '\\" + e + "'");
                }
            }
        }
    }

    private int hex(final int digits)
    {
        if (at + digits > input.length())
        {
            throw PromqlException.parse(input, at, "invalid escape sequence");
        }
        try
        {
            final int code = Integer.parseInt(input.substring(at, at + digits), 16);
            at += digits;
            return code;
        }
        catch (final NumberFormatException ex)
        {
            throw PromqlException.parse(input, at, "invalid escape sequence");
        }
    }

    /** @return true for a letter, digit or underscore (a {@code :} may follow a number or duration: subqueries). */
    private static boolean isWordPart(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
    }

    private static boolean isIdentifierStart(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(final char c)
    {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }
}
