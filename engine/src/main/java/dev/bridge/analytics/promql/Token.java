package dev.bridge.analytics.promql;

/**
 * One lexical token of a PromQL expression. Immutable.
 *
 * @param kind     what it is.
 * @param text     its text as written (for strings: the unquoted value).
 * @param position its offset in the input (chars, 0-based).
 */
record Token(Kind kind, String text, int position)
{
    /** The token kinds. */
    enum Kind
    {
        IDENTIFIER, NUMBER, DURATION, STRING, OPERATOR, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE,
        LEFT_BRACKET, RIGHT_BRACKET, COMMA, COLON, END
    }

    /** @return true when this is an operator or punctuation spelled {@code spelling}. */
    boolean is(final String spelling)
    {
        return kind != Kind.STRING && kind != Kind.END && text.equals(spelling);
    }

    /** @return true when this is the identifier {@code keyword} (case-insensitive). */
    boolean isKeyword(final String keyword)
    {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    /** @return the token as Prometheus' errors describe it ({@code identifier "foo"}, {@code end of input}). */
    String describe()
    {
        return switch (kind)
        {
            case IDENTIFIER -> "identifier \"" + text + "\"";
            case NUMBER -> "number \"" + text + "\"";
            case DURATION -> "duration \"" + text + "\"";
            case STRING -> "string \"" + text + "\"";
            case OPERATOR -> "operator \"" + text + "\"";
            case LEFT_PAREN -> "left parenthesis \"(\"";
            case RIGHT_PAREN -> "right parenthesis \")\"";
            case LEFT_BRACE -> "left brace \"{\"";
            case RIGHT_BRACE -> "right brace \"}\"";
            case LEFT_BRACKET -> "left bracket \"[\"";
            case RIGHT_BRACKET -> "right bracket \"]\"";
            case COMMA -> "\",\"";
            case COLON -> "\":\"";
            case END -> "end of input";
        };
    }
}
