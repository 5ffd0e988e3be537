package dev.bridge.analytics.promql;

/** The binary operators, with their PromQL spelling and precedence (higher binds tighter). */
public enum BinaryOp
{
    OR("or", 1), AND("and", 2), UNLESS("unless", 2),
    EQL("==", 3), NEQ("!=", 3), GTR(">", 3), LSS("<", 3), GTE(">=", 3), LTE("<=", 3),
    ADD("+", 4), SUB("-", 4), MUL("*", 5), DIV("/", 5), MOD("%", 5), POW("^", 6);

    private final String spelling;
    private final int precedence;

    BinaryOp(final String spelling, final int precedence)
    {
        this.spelling = spelling;
        this.precedence = precedence;
    }

    /** @return the operator as written. */
    public String spelling()
    {
        return spelling;
    }

    /** @return 1 (or) to 6 (^). */
    int precedence()
    {
        return precedence;
    }

    /** @return true for {@code == != > < >= <=}. */
    public boolean isComparison()
    {
        return precedence == 3;
    }

    /** @return true for {@code and or unless}. */
    public boolean isSetOperator()
    {
        return precedence <= 2;
    }

    /** @return the operator spelled {@code text} (keywords case-insensitive), or null. */
    static BinaryOp of(final String text)
    {
        for (final BinaryOp op : values())
        {
            if (op.spelling.equalsIgnoreCase(text))
            {
                return op;
            }
        }
        return null;
    }

    /** @return {@code lhs op rhs} for the arithmetic and comparison operators (comparisons: 1 or 0). */
    double apply(final double lhs, final double rhs)
    {
        return switch (this)
        {
            case ADD -> lhs + rhs;
            case SUB -> lhs - rhs;
            case MUL -> lhs * rhs;
            case DIV -> lhs / rhs;
            case MOD -> lhs % rhs;
            case POW -> Math.pow(lhs, rhs);
            case EQL -> lhs == rhs ? 1 : 0;
            case NEQ -> lhs != rhs ? 1 : 0;
            case GTR -> lhs > rhs ? 1 : 0;
            case LSS -> lhs < rhs ? 1 : 0;
            case GTE -> lhs >= rhs ? 1 : 0;
            case LTE -> lhs <= rhs ? 1 : 0;
            default -> throw new IllegalStateException("not an arithmetic operator: " + spelling);
        };
    }
}
