package dev.bridge.analytics.promql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parse trees and parse errors of the PromQL subset, errors as Prometheus words them with line:column. */
class PromqlParserTest
{
    private static LabelMatcher eq(final String name, final String value)
    {
        return LabelMatcher.of(name, LabelMatcher.Type.EQUAL, value);
    }

    private static Expr.VectorSelector metric(final String name, final LabelMatcher... more)
    {
        final ArrayList<LabelMatcher> all = new ArrayList<>();
        all.add(eq(Labels.NAME, name));
        all.addAll(List.of(more));
        return new Expr.VectorSelector(name, all, 0);
    }

    @Test
    void shouldParseASelectorWithEveryMatcherType()
    {
        final Expr expr = PromqlParser.parse("http_requests_total{job=\"api\", code!='500', path=~`/a.*`, m!~\"x|y\",}");

        assertEquals(metric("http_requests_total", eq("job", "api"),
            LabelMatcher.of("code", LabelMatcher.Type.NOT_EQUAL, "500"),
            LabelMatcher.of("path", LabelMatcher.Type.REGEX, "/a.*"),
            LabelMatcher.of("m", LabelMatcher.Type.NOT_REGEX, "x|y")), expr);
    }

    @Test
    void shouldParseRateOfARangeWithOffsetInsideASumBy()
    {
        final Expr expr = PromqlParser.parse("sum by (code) (rate(req_total{job=\"a\"}[1m30s] offset 5m))");

        final Expr.VectorSelector selector = new Expr.VectorSelector("req_total",
            List.of(eq(Labels.NAME, "req_total"), eq("job", "a")), 300_000);
        assertEquals(new Expr.Aggregate(Expr.AggregateOp.SUM, List.of("code"), false,
            new Expr.Call(Function.RATE, List.of(new Expr.MatrixSelector(selector, 90_000)))), expr);
    }

    @Test
    void shouldAcceptTheGroupingAfterTheAggregatedExpression()
    {
        assertEquals(PromqlParser.parse("max without (a, b) (x)"), PromqlParser.parse("MAX(x) WITHOUT (a, b)"));
    }

    @Test
    void shouldBindOperatorsByPrometheusPrecedence()
    {
        // 1 + 2 * 3 ^ 2 ^ 1 - -4  ==  (1 + (2 * (3 ^ (2 ^ 1)))) - (-4)
        final Expr expr = PromqlParser.parse("1 + 2 * 3 ^ 2 ^ 1 - -4");

        final Expr pow = new Expr.Binary(BinaryOp.POW, new Expr.NumberLiteral(3),
            new Expr.Binary(BinaryOp.POW, new Expr.NumberLiteral(2), new Expr.NumberLiteral(1), false, null), false, null);
        final Expr mul = new Expr.Binary(BinaryOp.MUL, new Expr.NumberLiteral(2), pow, false, null);
        final Expr add = new Expr.Binary(BinaryOp.ADD, new Expr.NumberLiteral(1), mul, false, null);
        assertEquals(new Expr.Binary(BinaryOp.SUB, add, new Expr.NumberLiteral(-4), false, null), expr);
    }

    @Test
    void shouldParseUnaryMinusBelowPower()
    {
        assertEquals(new Expr.Negation(new Expr.Binary(BinaryOp.POW, metric("a"), new Expr.NumberLiteral(2), false,
            null)), PromqlParser.parse("-a ^ 2"));
    }

    @Test
    void shouldParseComparisonModifiersAndMatching()
    {
        final Expr expr = PromqlParser.parse("a > bool on (job) b");

        assertEquals(new Expr.Binary(BinaryOp.GTR, metric("a"), metric("b"), true,
            new Expr.Matching(true, List.of("job"))), expr);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1                 | 1.0",
        "0x1f              | 31.0",
        "1.5e3             | 1500.0",
        ".5                | 0.5",
        "Inf               | Infinity",
        "-inf              | -Infinity",
        "NaN               | NaN",
    })
    void shouldParseNumbers(final String text, final double value)
    {
        assertEquals(new Expr.NumberLiteral(value), PromqlParser.parse(text));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "~~                               | 1:1: parse error: no expression found in input",
        "(1 + 2                           | 1:7: parse error: unclosed left parenthesis",
        "sum(rate(x[5m])                  | 1:16: parse error: unclosed left parenthesis",
        "foo(x)                           | 1:1: parse error: unknown function with name \"foo\"",
        "label_replace(x, 'a')            | 1:1: parse error: function \"label_replace\" is not supported by this engine",
        "topk(3, x)                       | 1:1: parse error: aggregation \"topk\" is not supported by this engine",
        "rate(x)                          | 1:1: parse error: expected type range vector in call to function \"rate\", got instant vector",
        "rate(x[5m], 1)                   | 1:1: parse error: expected 1 argument(s) in call to \"rate\", got 2",
        "sum(x[5m])                       | 1:1: parse error: expected type instant vector in aggregation expression, got range vector",
        "x[5m] + 1                        | 1:7: parse error: binary expression must contain only scalar and instant vector types",
        "1 > 2                            | 1:3: parse error: comparisons between scalars must use BOOL modifier",
        "x + bool y                       | 1:5: parse error: bool modifier can only be used on comparison operators",
        "{job=~\".*\"}                    | 1:1: parse error: vector selector must contain at least one non-empty matcher",
        "x{a=1}                           | 1:5: parse error: unexpected number \"1\" in label matching, expected string",
        "x[5m:1m]                         | 1:5: parse error: subqueries are not supported by this engine",
        "x * on(a) group_left b           | 1:11: parse error: group_left is not supported by this engine",
        "x{a=~\"(\"}                      | 1:6: parse error: invalid regular expression \"(\": Unclosed group",
        "sum(x) by                        | 1:10: parse error: unexpected end of input in grouping opts, expected \"(\"",
        "1 $ 2                            | 1:3: parse error: unexpected character: '$'",
        "x offset                         | 1:9: parse error: unexpected end of input in offset, expected duration",
        "(1))                             | 1:4: parse error: unexpected right parenthesis ')'",
        "x y                              | 1:3: parse error: unexpected identifier \"y\"",
        "'a\\nb'                          | 1:1: parse error: unterminated quoted string",
        "1 and 2                          | 1:3: parse error: set operator \"and\" not allowed in binary scalar expression",
        "x[1m1h]                          | 1:3: parse error: not a valid duration string: \"1m1h\"",
        "x[5m5m]                          | 1:3: parse error: not a valid duration string: \"5m5m\"",
    })
    void shouldRefuseBadExpressionsWithPrometheusMessages(final String query, final String message)
    {
        final PromqlException ex = assertThrows(PromqlException.class, () -> PromqlParser.parse(query.replace("\\n", "\n")));

        assertEquals(message, ex.getMessage());
        assertEquals(PromqlException.Kind.BAD_DATA, ex.kind());
    }

    @Test
    void shouldNameTheLineAndColumnOfAnErrorOnALaterLine()
    {
        final PromqlException ex = assertThrows(PromqlException.class, () -> PromqlParser.parse("sum(\n  x\n) + foo(y)"));

        assertEquals("3:5: parse error: unknown function with name \"foo\"", ex.getMessage());
    }

    @Test
    void shouldReadGoEscapesInStrings()
    {
        assertEquals(metric("x", eq("a", "q\"\t\u00e9A")), PromqlParser.parse("x{a=\"q\\\"\\t\\u00e9\\x41\"}"));
    }
}
