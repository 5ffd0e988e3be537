package dev.bridge.analytics.export;

/**
 * The {@code le} label of a classic histogram bucket, written the same way wherever the engine names one: the scrape
 * (client_java's text and OpenMetrics writers print {@link Double#toString}: {@code 5.0E-5}, {@code 0.001},
 * {@code 1.0}), remote write and the PromQL API, so that a Prometheus fed by scrape or by remote write and the
 * engine's own API hold the same series. Stateless, thread-safe.
 */
public final class BucketBoundLabel
{
    private BucketBoundLabel()
    {
    }

    /** @return the label value of a bound in base units ({@code +Inf} for the last bucket). */
    public static String of(final double boundInBaseUnits)
    {
        return boundInBaseUnits == Double.POSITIVE_INFINITY ? "+Inf" : Double.toString(boundInBaseUnits);
    }
}
