package dev.bridge.analytics.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * A hand-written recursive-descent parser for the PromQL subset the engine evaluates (no maintained PromQL parser
 * exists for the JVM). Grammar (keywords case-insensitive, operators by increasing precedence
 * {@code or < and unless < == != > < >= <= < + - < * / % < ^}, {@code ^} right-associative, the others left):
 * <pre>
 * expr      := unary (binop modifiers unary)*
 * modifiers := "bool"? (("on" | "ignoring") "(" labels? ")")?          (bool: comparisons only)
 * unary     := ("-" | "+") unary-operand | postfix                     (-a^b is -(a^b))
 * postfix   := primary ("[" DURATION "]")? ("offset" "-"? DURATION)?   ([..] and offset: selectors only)
 * primary   := NUMBER | STRING | "(" expr ")" | aggregate | call | selector
 * aggregate := AGGOP (grouping "(" expr ")" | "(" expr ")" grouping?)  AGGOP := sum | avg | min | max | count
 * grouping  := ("by" | "without") "(" labels? ")"
 * call      := FUNCTION "(" (expr ("," expr)*)? ")"                   (see {@link Function})
 * selector  := METRIC ("{" matchers? "}")? | "{" matchers "}"
 * matchers  := matcher ("," matcher)* ","? ; matcher := LABEL ("=" | "!=" | "=~" | "!~") STRING
 * labels    := LABEL ("," LABEL)* ","?
 * DURATION  := ([0-9]+ ("ms" | "s" | "m" | "h" | "d" | "w" | "y"))+
 * NUMBER    := decimal | float | exponent | 0x hex | Inf | NaN ; STRING := "..." | '...' (Go escapes) | `...`
 * </pre>
 * Type rules as Prometheus checks them: range vectors only as arguments of the range functions, aggregations over
 * instant vectors, binary operators between scalars and instant vectors only, comparisons of two scalars only with
 * {@code bool}, set operators ({@code and or unless}) and {@code on/ignoring} between instant vectors only, a
 * selector with at least one matcher that does not match the empty string; regular expressions fully anchored.
 * Not supported (a parse error naming them): subqueries, {@code @}, {@code group_left/group_right}, the
 * aggregations {@code topk bottomk quantile stddev stdvar count_values group} and functions outside {@link Function}.
 * <p>
 * Errors are {@link PromqlException}s ({@code bad_data}) reading {@code line:col: parse error: problem}, 1-based.
 * Stateless entry point, thread-safe; each parse has its own instance.
 */
public final class PromqlParser
{
    private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count");
    private static final Set<String> UNSUPPORTED_AGGREGATIONS =
        Set.of("topk", "bottomk", "quantile", "stddev", "stdvar", "count_values", "group");

    private final String input;
    private final List<Token> tokens;
    private int at;

    private PromqlParser(final String input)
    {
        this.input = input;
        this.tokens = Lexer.tokens(input);
    }

    /**
     * @return the checked tree of {@code input}.
     * @throws PromqlException ({@code bad_data}) naming the position of the first problem.
     */
    public static Expr parse(final String input)
    {
        final PromqlParser parser = new PromqlParser(input);
        if (parser.peek().kind() == Token.Kind.END)
        {
            throw PromqlException.parse(input, 0, "no expression found in input");
        }
        final Expr expr = parser.expr(0);
        final Token rest = parser.peek();
        if (rest.kind() != Token.Kind.END)
        {
            throw parser.unexpected(rest, null);
        }
        return expr;
    }

    /**
     * @return the vector selector {@code input} (the {@code match[]} of the series, labels and label values APIs).
     * @throws PromqlException when it does not parse or is not a plain instant vector selector.
     */
    public static Expr.VectorSelector parseSelector(final String input)
    {
        final Expr expr = parse(input);
        if (expr instanceof Expr.VectorSelector selector && selector.offsetMs() == 0)
        {
            return selector;
        }
        throw new PromqlException(PromqlException.Kind.BAD_DATA,
            "1:1: parse error: expected type instant vector selector, got " + expr.type().description());
    }

    private Token peek()
    {
        return tokens.get(at);
    }

    private Token take()
    {
        return tokens.get(at++);
    }

    private PromqlException error(final Token token, final String problem)
    {
        return PromqlException.parse(input, token.position(), problem);
    }

    private PromqlException unexpected(final Token token, final String context)
    {
        return error(token, "unexpected " + token.describe() + (context == null ? "" : " " + context));
    }

    private Token expect(final Token.Kind kind, final String context)
    {
        final Token token = peek();
        if (token.kind() != kind)
        {
            throw unexpected(token, context);
        }
        return take();
    }

    private Expr expr(final int minPrecedence)
    {
        return binaryRest(unary(), minPrecedence);
    }

    private Expr binaryRest(final Expr first, final int minPrecedence)
    {
        Expr lhs = first;
        while (true)
        {
            final Token token = peek();
            final BinaryOp op = token.kind() == Token.Kind.OPERATOR || token.kind() == Token.Kind.IDENTIFIER ?
                BinaryOp.of(token.text()) : null;
            if (op == null || op.precedence() < minPrecedence ||
                (token.kind() == Token.Kind.IDENTIFIER && !op.isSetOperator()))
            {
                return lhs;
            }
            take();
            boolean returnBool = false;
            if (peek().isKeyword("bool"))
            {
                if (!op.isComparison())
                {
                    throw error(peek(), "bool modifier can only be used on comparison operators");
                }
                take();
                returnBool = true;
            }
            Expr.Matching matching = null;
            if (peek().isKeyword("on") || peek().isKeyword("ignoring"))
            {
                final boolean on = take().isKeyword("on");
                matching = new Expr.Matching(on, labelList());
            }
            if (peek().isKeyword("group_left") || peek().isKeyword("group_right"))
            {
                throw error(peek(), peek().text().toLowerCase(Locale.ROOT) + " is not supported by this engine");
            }
            final Expr rhs = op == BinaryOp.POW ? expr(op.precedence()) : expr(op.precedence() + 1);
            lhs = checkBinary(token, new Expr.Binary(op, lhs, rhs, returnBool, matching));
        }
    }

    private Expr checkBinary(final Token opToken, final Expr.Binary binary)
    {
        final ValueType l = binary.lhs().type();
        final ValueType r = binary.rhs().type();
        if ((l != ValueType.SCALAR && l != ValueType.VECTOR) || (r != ValueType.SCALAR && r != ValueType.VECTOR))
        {
            throw error(opToken, "binary expression must contain only scalar and instant vector types");
        }
        if (binary.op().isComparison() && l == ValueType.SCALAR && r == ValueType.SCALAR && !binary.returnBool())
        {
            throw error(opToken, "comparisons between scalars must use BOOL modifier");
        }
        if (binary.op().isSetOperator() && (l == ValueType.SCALAR || r == ValueType.SCALAR))
        {
            throw error(opToken, "set operator \"" + binary.op().spelling() + "\" not allowed in binary scalar expression");
        }
        if (binary.matching() != null && (l == ValueType.SCALAR || r == ValueType.SCALAR))
        {
            throw error(opToken, "vector matching only allowed between instant vectors");
        }
        return binary;
    }

    private Expr unary()
    {
        final Token token = peek();
        if (token.is("-") || token.is("+"))
        {
            take();
            final Expr operand = binaryRest(unary(), BinaryOp.POW.precedence());
            if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR)
            {
                throw error(token, "unary expression only allowed on expressions of type scalar or instant vector, got \"" +
                    operand.type().description() + "\"");
            }
            if (token.is("+"))
            {
                return operand;
            }
            return operand instanceof Expr.NumberLiteral n ? new Expr.NumberLiteral(-n.value()) : new Expr.Negation(operand);
        }
        return postfix();
    }

    private Expr postfix()
    {
        Expr expr = primary();
        if (peek().kind() == Token.Kind.LEFT_BRACKET)
        {
            final Token bracket = take();
            if (!(expr instanceof Expr.VectorSelector selector))
            {
                throw error(bracket, "ranges only allowed for vector selectors");
            }
            final long rangeMs = duration(expect(Token.Kind.DURATION, "in range selector, expected duration"));
            if (peek().kind() == Token.Kind.COLON)
            {
                throw error(peek(), "subqueries are not supported by this engine");
            }
            expect(Token.Kind.RIGHT_BRACKET, "in range selector, expected \"]\"");
            if (rangeMs <= 0)
            {
                throw error(bracket, "range must be positive");
            }
            expr = new Expr.MatrixSelector(selector, rangeMs);
        }
        if (peek().isKeyword("offset"))
        {
            final Token offset = take();
            long sign = 1;
            if (peek().is("-"))
            {
                take();
                sign = -1;
            }
            final long offsetMs = sign * duration(expect(Token.Kind.DURATION, "in offset, expected duration"));
            if (expr instanceof Expr.VectorSelector v)
            {
                expr = new Expr.VectorSelector(v.name(), v.matchers(), offsetMs);
            }
            else if (expr instanceof Expr.MatrixSelector m)
            {
                final Expr.VectorSelector v = m.selector();
                expr = new Expr.MatrixSelector(new Expr.VectorSelector(v.name(), v.matchers(), offsetMs), m.rangeMs());
            }
            else
            {
                throw error(offset, "offset modifier must be preceded by an instant vector selector or range vector selector");
            }
        }
        if (peek().is("@"))
        {
            throw error(peek(), "the @ modifier is not supported by this engine");
        }
        return expr;
    }

    private long duration(final Token token)
    {
        try
        {
            return Durations.parseMs(token.text());
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw error(token, "not a valid duration string: \"" + token.text() + "\"");
        }
    }

    private Expr primary()
    {
        final Token token = peek();
        switch (token.kind())
        {
            case NUMBER ->
            {
                take();
                return new Expr.NumberLiteral(number(token));
            }
            case STRING ->
            {
                take();
                return new Expr.StringLiteral(token.text());
            }
            case LEFT_PAREN ->
            {
                take();
                final Expr inner = expr(0);
                expect(Token.Kind.RIGHT_PAREN, "in parenthesised expression, expected \")\"");
                return new Expr.Paren(inner);
            }
            case LEFT_BRACE ->
            {
                return selector(null, token);
            }
            case IDENTIFIER ->
            {
                return identifier(token);
            }
            case END -> throw error(token, "unexpected end of input");
            default -> throw unexpected(token, null);
        }
    }

    private Expr identifier(final Token token)
    {
        final String name = token.text();
        final String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan"))
        {
            take();
            return new Expr.NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        final Token after = tokens.get(at + 1);
        final boolean opensAggregation = after.kind() == Token.Kind.LEFT_PAREN || after.isKeyword("by") ||
            after.isKeyword("without");
        if (opensAggregation && AGGREGATIONS.contains(lower))
        {
            take();
            return aggregation(token, Expr.AggregateOp.valueOf(lower.toUpperCase(Locale.ROOT)));
        }
        if (opensAggregation && UNSUPPORTED_AGGREGATIONS.contains(lower))
        {
            throw error(token, "aggregation \"" + lower + "\" is not supported by this engine");
        }
        if (after.kind() == Token.Kind.LEFT_PAREN)
        {
            return call(token);
        }
        take();
        if (Set.of("by", "without", "on", "ignoring", "bool", "offset", "group_left", "group_right", "and", "or",
            "unless").contains(lower))
        {
            throw unexpected(token, null);
        }
        return selector(name, token);
    }

    private Expr aggregation(final Token opToken, final Expr.AggregateOp op)
    {
        List<String> grouping = List.of();
        boolean without = false;
        boolean grouped = false;
        if (peek().isKeyword("by") || peek().isKeyword("without"))
        {
            without = take().isKeyword("without");
            grouping = labelList();
            grouped = true;
        }
        expect(Token.Kind.LEFT_PAREN, "in aggregation, expected \"(\"");
        final List<Expr> args = arguments();
        if (!grouped && (peek().isKeyword("by") || peek().isKeyword("without")))
        {
            without = take().isKeyword("without");
            grouping = labelList();
        }
        if (args.size() != 1)
        {
            throw error(opToken, "wrong number of arguments for aggregate expression provided, expected 1, got " +
                args.size());
        }
        final Expr arg = args.get(0);
        if (arg.type() != ValueType.VECTOR)
        {
            throw error(opToken, "expected type instant vector in aggregation expression, got " + arg.type().description());
        }
        return new Expr.Aggregate(op, grouping, without, arg);
    }

    private Expr call(final Token nameToken)
    {
        final String name = nameToken.text();
        final Function function = Function.of(name);
        if (function == null)
        {
            if (Function.unsupported(name))
            {
                throw error(nameToken, "function \"" + name + "\" is not supported by this engine");
            }
            throw error(nameToken, "unknown function with name \"" + name + "\"");
        }
        take();
        take(); // (
        final List<Expr> args = arguments();
        final List<ValueType> expected = function.arguments();
        if (args.size() != expected.size())
        {
            throw error(nameToken, "expected " + expected.size() + " argument(s) in call to \"" + name + "\", got " +
                args.size());
        }
        for (int i = 0; i < args.size(); i++)
        {
            final ValueType type = args.get(i).type();
            if (type != expected.get(i))
            {
                throw error(nameToken, "expected type " + expected.get(i).description() + " in call to function \"" + name +
                    "\", got " + type.description());
            }
        }
        return new Expr.Call(function, args);
    }

    /** Reads {@code expr ("," expr)* ")"} after an opening parenthesis. */
    private List<Expr> arguments()
    {
        final List<Expr> args = new ArrayList<>();
        if (peek().kind() == Token.Kind.RIGHT_PAREN)
        {
            take();
            return args;
        }
        while (true)
        {
            args.add(expr(0));
            final Token token = take();
            if (token.kind() == Token.Kind.RIGHT_PAREN)
            {
                return args;
            }
            if (token.kind() != Token.Kind.COMMA)
            {
                throw unexpected(token, "in argument list, expected \",\" or \")\"");
            }
        }
    }

    /** Reads {@code "(" labels? ")"}. */
    private List<String> labelList()
    {
        expect(Token.Kind.LEFT_PAREN, "in grouping opts, expected \"(\"");
        final List<String> labels = new ArrayList<>();
        while (true)
        {
            final Token token = take();
            if (token.kind() == Token.Kind.RIGHT_PAREN)
            {
                return labels;
            }
            if (token.kind() != Token.Kind.IDENTIFIER || !validLabelName(token.text()))
            {
                throw unexpected(token, "in grouping opts, expected label");
            }
            labels.add(token.text());
            final Token next = peek();
            if (next.kind() == Token.Kind.COMMA)
            {
                take();
            }
            else if (next.kind() != Token.Kind.RIGHT_PAREN)
            {
                throw unexpected(next, "in grouping opts, expected \",\" or \")\"");
            }
        }
    }

    private Expr.VectorSelector selector(final String name, final Token start)
    {
        final List<LabelMatcher> matchers = new ArrayList<>();
        if (name != null)
        {
            matchers.add(LabelMatcher.of(Labels.NAME, LabelMatcher.Type.EQUAL, name));
        }
        if (peek().kind() == Token.Kind.LEFT_BRACE)
        {
            take();
            while (peek().kind() != Token.Kind.RIGHT_BRACE)
            {
                final Token label = take();
                if (label.kind() != Token.Kind.IDENTIFIER || !validLabelName(label.text()))
                {
                    throw unexpected(label, "in label matching, expected label");
                }
                final Token op = take();
                final LabelMatcher.Type type = matcherType(op);
                if (type == null)
                {
                    throw unexpected(op, "in label matching, expected one of \"=\", \"!=\", \"=~\", \"!~\"");
                }
                final Token value = take();
                if (value.kind() != Token.Kind.STRING)
                {
                    throw unexpected(value, "in label matching, expected string");
                }
                if (name != null && label.text().equals(Labels.NAME))
                {
                    throw error(label, "metric name must not be set twice: \"" + name + "\" or \"" + value.text() + "\"");
                }
                matchers.add(matcher(label.text(), type, value));
                if (peek().kind() == Token.Kind.COMMA)
                {
                    take();
                }
                else if (peek().kind() != Token.Kind.RIGHT_BRACE)
                {
                    throw unexpected(peek(), "in label matching, expected \",\" or \"}\"");
                }
            }
            take();
        }
        if (matchers.stream().allMatch(m -> m.matches("")))
        {
            throw error(start, "vector selector must contain at least one non-empty matcher");
        }
        return new Expr.VectorSelector(name, matchers, 0);
    }

    private LabelMatcher matcher(final String label, final LabelMatcher.Type type, final Token value)
    {
        try
        {
            return LabelMatcher.of(label, type, value.text());
        }
        catch (final PatternSyntaxException ex)
        {
            throw error(value, "invalid regular expression \"" + value.text() + "\": " + ex.getDescription());
        }
    }

    private static LabelMatcher.Type matcherType(final Token op)
    {
        if (op.kind() != Token.Kind.OPERATOR)
        {
            return null;
        }
        for (final LabelMatcher.Type type : LabelMatcher.Type.values())
        {
            if (type.spelling().equals(op.text()))
            {
                return type;
            }
        }
        return null;
    }

    /**
     * @return the PromQL duration {@code text} ({@code 1m30s}) in ms.
     * @throws IllegalArgumentException when it is not one.
     */
    public static long durationMs(final String text)
    {
        return Durations.parseMs(text);
    }

    /** @return true for a valid label name {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    public static boolean validLabelName(final String name)
    {
        return name.matches("[a-zA-Z_][a-zA-Z0-9_]*");
    }

    private double number(final Token token)
    {
        final String text = token.text();
        try
        {
            if (text.startsWith("0x") || text.startsWith("0X"))
            {
                return Long.parseLong(text.substring(2), 16);
            }
            return Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw error(token, "bad number syntax: \"" + text + "\"");
        }
    }
}
