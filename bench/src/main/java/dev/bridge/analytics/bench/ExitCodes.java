package dev.bridge.analytics.bench;

/** Exit codes of the {@code analytics} commands. Constants only; thread-safe. */
public final class ExitCodes
{
    /** The command did what was asked (for {@code bench}: every event verified). */
    public static final int OK = 0;
    /** The load run finished but lost events or found series whose totals differ from what was sent. */
    public static final int VERIFICATION_FAILED = 1;
    /**
     * Bad command line, configuration or input file (a malformed or unmergeable snapshot file), or a request the data
     * cannot answer (picocli's own usage code is also 2).
     */
    public static final int USAGE = 2;
    /** An unexpected exception. */
    public static final int INTERNAL_ERROR = 3;

    private ExitCodes()
    {
    }
}
